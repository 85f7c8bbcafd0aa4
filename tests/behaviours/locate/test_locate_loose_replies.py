"""The locator on loosely written requests and replies (spec.md, conventions 4, 7, 8 and 23): an ordinal misspelt by
one letter still counts, code pasted without fences is still the code, a quoted new value does not stop the search,
and the meaning score only decides between candidates the words leave nearly tied."""

from __future__ import annotations

from canvas_tui.behaviours.locate.bare_code import bare_code
from canvas_tui.behaviours.locate.request import parse
from canvas_tui.document.units import segment
from tests.locate_support import located_text

NOTE = """Hi Dana,

Thanks for sending the draft over so quickly.

I read it twice and the argument holds up well.

Could we meet on Friday to go through the figures?

Best,
Sam
"""


def test_an_ordinal_misspelt_by_one_letter_still_counts():
    assert (parse("the fist sentence").ordinal, parse("the secnod paragraph").ordinal) == (1, 2)
    assert parse("the thrid step").ordinal == 3
    assert parse("the forth bullet").ordinal == 4
    assert located_text(NOTE, "make the fist sentence warmer") == "Thanks for sending the draft over so quickly."


def test_number_words_and_other_words_before_a_noun_are_not_read_as_ordinals():
    assert parse("make eight points").ordinal is None
    assert parse("the fiscal paragraph").ordinal is None
    assert parse("the list items").ordinal is None


CUT_REPLY = """    total = sum(prices)
    return round(total * (1 + rate), 2)

print(add_tax([3.5, 4.25], 0.2))
```
This version rounds the total to cents, so the printout is stable.

You can pass any rate between 0 and 1.
"""

NO_FENCES = """$start = microtime(true);
$rows = fetch_rows($db);

// Print how long the query took
echo microtime(true) - $start;

This measures the query in seconds with microsecond precision.

Keep the timer around the query only, not the page rendering.
"""

BARE_THEN_FENCED = """    with open(path) as handle:
        return json.load(handle)
```
And here is the loop that uses it:
```python
while True:
    choice = input("Pick one: ")
    if choice == "q":
        break
```
That should do it.
"""


def test_code_cut_above_its_opening_fence_is_the_code_block_of_the_reply():
    assert located_text(CUT_REPLY, "make the above code print euros") == CUT_REPLY[: CUT_REPLY.index("```") + 3]


def test_code_pasted_with_no_fence_at_all_is_one_block_across_its_blank_lines():
    block = located_text(NO_FENCES, "change the timer to milliseconds in the code")
    assert block.startswith("$start") and block.endswith("echo microtime(true) - $start;")


SOURCE_FILE = """import sys


def count(path):
    with open(path) as handle:
        return len(handle.read().split())


def main():
    print(count(sys.argv[1]))
"""


def test_the_whole_program_in_a_source_file_with_no_fences_is_the_whole_file_not_one_of_its_runs():
    assert located_text(SOURCE_FILE, "Add explanatory comments to the whole program.") == SOURCE_FILE.strip()
    assert located_text(SOURCE_FILE, "Fix the count function.").startswith("def count(path):")


def test_a_traceback_finds_the_bare_code_that_holds_its_names_rather_than_the_fenced_loop():
    error = (
        'Traceback (most recent call last):\n  File "app.py", line 4, in load_config\nFileNotFoundError: settings.json'
    )
    assert located_text(BARE_THEN_FENCED, error.replace("load_config", "handle")).startswith("    with open(path)")


def test_prose_lines_are_never_read_as_bare_code():
    prose = (
        "Two tips (both easy):\n\n- Water the plants (in the morning)\n- Keep them out of the wind (it dries them)\n\n"
    )
    prose += "Mix it with water (about 1:3)\nThen let it rest (overnight works best)\n\nThat is all."
    assert bare_code(segment(prose), []) == []


README = """Sure! Here is a README for the tool:

tidy-csv
========

Cleans up CSV exports from spreadsheets.

Usage
-----

Run `tidy-csv input.csv` and read the cleaned file from standard output.

License
-------

tidy-csv is released under the MIT License.
"""


def test_a_quoted_new_value_is_not_searched_for_and_the_rest_of_the_request_locates():
    assert parse('the license is "Apache 2.0"').quote is None
    assert parse('add "set -e" at the top').quote is None
    assert located_text(README, 'the license is "Apache 2.0"').endswith("released under the MIT License.")


def test_a_quoted_phrase_that_names_old_text_is_still_a_quote():
    assert parse('change "cleaned file" to "tidied file"').quote == "cleaned file"
    assert parse('the line with "standard output" in it').quote == "standard output"


def test_a_short_line_named_by_all_its_words_is_that_line_even_a_sign_off():
    letter = "Dear Ms Park,\n\nThe invoice for March is attached.\n\nKind regards,\n\nLee\n"
    assert located_text(letter, "the kind regards is too stiff") == "Kind regards,"
    assert located_text(NOTE, "the hi dana feels too casual") == "Hi Dana,"


def test_a_heading_line_named_by_its_words_is_still_its_section():
    assert located_text(README, "the usage section needs an example").startswith("Usage\n-----")


IMPORT_REPLY = """The helper is not imported yet. Add this at the top of your file:
```python
from helpers import slugify
```
Then call `slugify(title)` wherever the title is turned into a file name.
"""


def test_a_message_the_person_keeps_getting_is_about_the_code_even_when_it_quotes_a_word_of_the_prose():
    located = located_text(IMPORT_REPLY, "I put it at the top, I'm still getting No name 'title' in 'helpers'")
    assert located.startswith("```python\nfrom helpers")


LISTS = """Here are some ways to keep basil alive:

- Water it when the top of the soil is dry
- Give it six hours of sun
- Pinch off the flower buds

And a routine for repotting it:

1. Pick a pot one size up
   - clay breathes better than plastic
2. Loosen the roots
3. Fill with fresh compost
4. Water it well

Good luck with your basil!
"""


def test_a_list_named_by_how_many_items_it_holds_is_that_list():
    assert located_text(LISTS, "explain each of the three tips in more detail").startswith("- Water it")
    assert located_text(LISTS, "can you expand on those 4 steps").startswith("1. Pick a pot")


def test_a_count_of_paragraphs_or_sentences_names_no_list():
    assert parse("merge the 2 paragraphs").count is None
    assert parse("those 5 possible defects").count == 5


def test_where_the_reply_mentions_something_is_a_half_quote_of_it():
    assert parse("link to the repo when mentioning the build script").quote == "the build script"
    assert parse("the bit where you mention the budget").quote == "the budget"
    assert located_text(README, "add a link when mentioning standard output").startswith("Run `tidy-csv input.csv`")


TABLE_REPLY = """Sure, here it is:

Price comparison:

| shop | price |
| --- | --- |
| North | 4.20 |
| South | 3.90 |

Prices were checked on Monday.
"""

CODE_LINE_REPLY = """Here is the data:

```python
row_data = [
    ("North", 4.20),
]
```

Each tuple is one shop.
"""


def test_a_label_that_introduces_a_block_or_a_line_of_code_is_not_quoted_by_its_words():
    assert located_text(TABLE_REPLY, "make the price comparison shorter").startswith("| shop | price |")
    assert located_text(CODE_LINE_REPLY, "change the row data definition to a dict").startswith("```python\nrow_data")


def test_good_wishes_and_thanks_at_the_end_of_a_reply_are_closing_remarks_not_the_end():
    reply = "Here are the steps:\n\nSoak the beans overnight.\n\nSimmer them for an hour.\n\nHopefully this works. Good luck!\n\nThanks!\n"
    assert located_text(reply, "the last paragraph is too vague") == "Simmer them for an hour."
    assert located_text(reply, "the ending needs more detail") == "Simmer them for an hour."


def test_a_document_noun_inside_the_topic_asked_about_does_not_make_the_request_whole():
    assert not parse("more detail about the parser that turns the text into tokens").whole
    assert parse("make the text more formal").whole
    assert located_text(NOTE, "say more about the argument, since the text is short").startswith("I read it twice")

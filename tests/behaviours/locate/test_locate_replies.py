"""The locator on assistant replies (spec.md, conventions 22-24): the chat around the deliverable is never the
target, code requests go to the code block that holds what they name, and numbered points are units."""

from __future__ import annotations

from canvas_tui.behaviours.locate import decide
from tests.locate_support import located_text

CODE_REPLY = """Sure, here's the updated version with a retry:

```python
import requests

def fetch_orders(session, url):
    response = session.get(url, timeout=5)
    response.raise_for_status()
    return response.json()
```

And a helper to print them:

```python
def print_orders(orders):
    for order in orders:
        print(order["id"], order["total"])
```

The first function raises on a bad status, so the caller sees the error.

I hope this helps! Let me know if you have any questions.
"""

PLAN = """Certainly! Here is a three-day plan for Lisbon:

1. Day one: walk through Alfama and ride tram 28.
   Stop at the Miradouro for the view.
2. Day two: Belem, the tower and the monastery.
3. Day three: a day trip to Sintra.

Have a wonderful trip!
"""

ESSAY = """Here's a revised version of your post:

I started baking bread during a long winter and never stopped.

Every loaf taught me something about patience.

Let me know if you'd like any other changes!
"""


def test_a_named_function_targets_the_block_that_defines_it():
    assert located_text(CODE_REPLY, "print_orders should also print the date").startswith("```python\ndef print_orders")


def test_a_name_written_with_markdown_escapes_still_names_its_block():
    assert "def print_orders" in located_text(CODE_REPLY, r"rename print\_orders to show")


def test_a_pasted_traceback_targets_the_block_holding_its_names():
    error = 'Traceback (most recent call last):\n  File "app.py", line 4, in fetch_orders\nTimeout: read timed out'
    assert "def fetch_orders" in located_text(CODE_REPLY, error)


def test_a_vague_follow_up_on_a_code_reply_targets_the_main_code_block():
    assert "def fetch_orders" in located_text(CODE_REPLY, "same issue, still not working")


def test_line_and_bit_are_no_prose_cues_on_a_code_reply():
    assert located_text(CODE_REPLY, "remove the empty lines, it is a bit long").startswith("```python\nimport requests")


def test_words_quoted_from_the_code_target_the_code():
    assert "def print_orders" in located_text(CODE_REPLY, "print 'total' with two decimals in print_orders")


def test_a_prose_noun_on_a_code_reply_still_targets_prose():
    assert located_text(CODE_REPLY, "shorten the last paragraph").startswith("The first function raises")


def test_a_request_about_the_whole_reply_is_not_narrowed_to_code():
    assert decide(CODE_REPLY, "make it more formal").unit == "document"


def test_the_preamble_is_not_the_intro_nor_counted():
    assert located_text(ESSAY, "make the intro warmer").startswith("I started baking")
    assert located_text(ESSAY, "the first paragraph is too plain").startswith("I started baking")


def test_closing_remarks_are_not_the_end():
    assert located_text(ESSAY, "the ending needs more punch").startswith("Every loaf")


def test_a_guide_with_headings_is_not_a_code_reply():
    guide = (
        "# Cache\n\n## Install\n\nRun the installer once.\n\n```sh\npip install cache\n```\n\n## Expiry\n\n"
        "Entries expire after an hour unless pinned.\n"
    )
    span = located_text(guide, "say more about when entries expire")
    assert "Entries expire" in span and "```" not in span


def test_point_number_and_hash_name_the_item_marked_so():
    assert located_text(PLAN, "point 2 needs more detail").startswith("2. Day two")
    assert located_text(PLAN, "Number 3 is interesting, expand on it").startswith("3. Day three")
    assert located_text(PLAN, "#1 is too packed").startswith("1. Day one")


def test_a_numbered_point_keeps_its_continuation_lines():
    assert located_text(PLAN, "the first option is too busy").endswith("for the view.")


def test_the_block_that_defines_a_name_wins_over_one_that_only_uses_it():
    reply = (
        "Here is the fix:\n\n```python\nlimit = 10\n```\n\nThen call it:\n\n```python\n"
        "items = load(limit)\nprint(items, limit)\n```\n"
    )
    assert "limit = 10" in located_text(reply, "the limit definition should come from the settings")


def test_an_emails_subject_line_is_its_title():
    email = (
        "Sure! Here's a draft:\n\nSubject: Meeting next week\n\nHi Sam,\n\nCould we meet on Tuesday?\n\nBest,\nAna\n"
    )
    assert located_text(email, "give me a better title for this email") == "Subject: Meeting next week"


def test_the_table_named_before_as_follows_is_the_table():
    reply = "Here is the comparison:\n\n| tool | speed |\n| --- | --- |\n| a | fast |\n\nThe table shows speed only.\n"
    assert located_text(reply, "improve the table as follows: add a price column").startswith("| tool")


def test_a_reply_that_is_a_table_is_the_target_of_a_request_naming_nothing():
    reply = (
        "| city | sight |\n| --- | --- |\n| Lisbon | Alfama |\n| Porto | Ribeira |\n\n"
        "These are the most visited sights.\n"
    )
    assert located_text(reply, "add a column with opening hours for each city").startswith("| city")
    assert located_text(reply, "shorten the last sentence").startswith("These are")

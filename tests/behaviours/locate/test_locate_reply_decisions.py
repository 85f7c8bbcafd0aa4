"""Decisions for assistant replies (spec.md, conventions 2, 5, 22-23): a pronoun or a document noun beside
content that one unit holds is about that unit, a unit noun the reply's own code names speaks of the program's content,
and something new added at the end goes to the end of the deliverable."""

from __future__ import annotations

from tests.locate_support import located_text

PDF_CODE = """To read a PDF in Python you can use PyPDF2. Here is a starting point:

```python
import PyPDF2

def first_paragraph(path):
    text = PyPDF2.PdfReader(path).pages[0].extract_text()
    paragraphs = text.split("\\n\\n")
    return paragraphs[0]
```

You may need to adjust the split for your files.
"""

STORY = """Sure! Here is the next part of the story:

Mira opened the door and found the garden covered in snow.

Her parents were waiting by the old oak, laughing at the cold.

They walked home together, grateful for the quiet evening.

I hope this helps!
"""


def test_a_unit_noun_the_code_names_is_about_the_program_not_the_reply():
    located = located_text(PDF_CODE, "what is the python code to extract the first paragraph in the PDF of every file?")
    assert located.startswith("```python")


def test_a_unit_noun_the_code_does_not_name_is_still_a_prose_part():
    assert located_text(PDF_CODE, "shorten the last sentence").startswith("You may need to adjust")


def test_a_new_ending_goes_to_the_last_paragraph_of_the_deliverable():
    assert located_text(STORY, "now create a surprise ending to this part where the parents disappear").startswith(
        "They walked home together"
    )


def test_a_postscript_goes_to_the_end_too():
    assert located_text(STORY, "add a P.S. about the weather").startswith("They walked home together")


OUTLINE = """Sure! Here is an outline for the course:

Module 1: Introduction to Marketing

* What marketing is
* Why it matters

Module 2: Email Campaigns

* Building a list
* Writing subject lines

Let me know if you want more detail.
"""


def test_an_outline_section_is_named_by_its_label_and_number():
    located = located_text(OUTLINE, "Can you write the content for module one?")
    assert located.startswith("Module 1: Introduction") and located.endswith("* Why it matters")


def test_an_outline_section_is_named_by_digits_too():
    assert located_text(OUTLINE, "expand module 2 with examples").startswith("Module 2: Email Campaigns")


def test_an_outline_number_is_read_as_a_word_up_to_ten():
    days = "\n\n".join(f"Day {n}\n\n* Walk number {n}" for n in range(1, 11))
    assert located_text(days, "make day nine more relaxed").startswith("Day 9")
    assert located_text(days, "make day ten more relaxed").startswith("Day 10")


CASES = """There were a few incidents, but these cases were rare:

1. In Ohio, a man voted twice.
2. In Nevada, a woman voted for her late husband.
3. In Texas, forms were filed without consent.

These cases were isolated.
"""


def test_an_ordinal_counts_the_points_its_list_lead_in_names():
    assert located_text(CASES, "can you give me more detail on the 3rd case?").startswith("3. In Texas")


def test_an_ordinal_before_a_noun_the_lead_in_does_not_use_counts_nothing_new():
    assert not located_text(CASES, "mention the second time he voted").startswith("2. In Nevada")


CUT_OFF = """Here is the page and its script:

```html
<!DOCTYPE html>
<html>
<head><title>Grid</title></head>
<body>
  <div id="grid"></div>
  <script src="script.js"></script>
  <p>Use the arrow keys to move the snake around the grid.</p>
</body>
</html>
```

```javascript
const grid = document.getElementById("grid");
function draw() {
"""

SCRIPT = """Sure, here is the script:

```python
import os

def main():
    print(os.getcwd())
```

Run it with python main.py.
"""


def test_continue_names_the_block_the_reply_was_cut_off_in():
    assert located_text(CUT_OFF, "please continue").startswith("```javascript")


def test_finishing_completing_or_showing_more_is_continuing_too():
    for request in ("can you finish that last response?", "please complete the code", "Show more", "still incomplete"):
        assert located_text(CUT_OFF, request).startswith("```javascript")


def test_a_step_number_that_names_nothing_leaves_the_rest_of_the_request_to_locate():
    assert located_text(SCRIPT, "in step 2 use pathlib instead").startswith("```python")


PROGRAM = """Here are the steps to build a partner programme:

1. Define the goals: decide what you want from partners. Pick metrics for success.
2. Establish partner tiers: differentiate partners by engagement. For example, a basic tier and a premium tier.
3. Offer training: provide demos and sales training. Keep the material current.

Following these steps will help the programme grow.
"""


def test_a_topic_found_in_a_list_is_its_whole_point_not_one_sentence():
    located = located_text(PROGRAM, "give an example of partner tiers")
    assert located.startswith("2. Establish partner tiers") and located.endswith("a premium tier.")


PLAN = """Here is the plan for your business:

2-c) Product strategy:

* Launch the premium tier in spring

2-d) Marketing and sales plan, etc.:

* Target B2B clients through partners
* Expand into the global training market

Let me know if you need anything else.
"""


def test_a_line_ending_in_a_colon_stands_for_what_it_introduces():
    located = located_text(PLAN, "I need contents for '2-d) Marketing and sales plan, etc.'")
    assert located.startswith("* Target B2B clients") and located.endswith("global training market")


def test_a_colon_line_named_with_a_unit_noun_is_that_line():
    assert located_text(PLAN, "shorten the line '2-d) Marketing and sales plan, etc.'").startswith("2-d) Marketing")


def test_a_pronoun_alone_on_a_code_reply_is_its_code():
    for request in ("write that to run in a linux terminal please", "please add this", "write it more elegantly"):
        assert located_text(SCRIPT, request).startswith("```python"), request


def test_rewording_the_whole_code_reply_stays_whole():
    for request in ("make it more formal", "translate it into French"):
        assert located_text(SCRIPT, request).startswith("Sure, here is the script"), request


COVER_LETTER = """Dear Hiring Manager,

I am excited to apply for the internship at the bank. As a fresh graduate, I am eager to gain experience in a
professional setting.

During my studies I led a team project on mobile payments and learned to work under deadlines.

Thank you for considering my application. I look forward to hearing from you.

Sincerely,
Ann
"""


def test_a_pronoun_is_no_whole_reply_request_when_the_request_states_what_one_paragraph_holds():
    located = located_text(COVER_LETTER, "Revise this by including that I am a graduate of Makerere University")
    assert located.startswith("I am excited to apply")


def test_a_document_noun_with_content_one_paragraph_holds_is_about_that_paragraph():
    located = located_text(COVER_LETTER, "the team project on payments won a prize, please add it to the letter")
    assert located.startswith("During my studies")


def test_whole_words_and_wording_changes_keep_a_request_with_content_about_the_whole_reply():
    for request in (
        "rewrite the whole letter so the team project on payments stands out",
        "make this more formal, the team project on payments too",
    ):
        assert located_text(COVER_LETTER, request) == COVER_LETTER.strip()


TABLE_UNDER_HEADING = """### Roofing and Gutters

| Task | Explanation | Importance |
| --- | --- | --- |
| Roof inspection | Look for damaged or missing shingles. | 9 |
| Gutter cleaning | Clear leaves so water flows to the downspouts. | 8 |
"""


def test_a_request_naming_no_unit_on_a_lone_table_under_a_heading_is_about_the_whole_table():
    located = located_text(TABLE_UNDER_HEADING, "also add the season each task should be done in")
    assert located.startswith("| Task |") and located.endswith("| 8 |")


def test_a_request_naming_no_unit_in_a_one_paragraph_abstract_is_still_about_a_sentence():
    abstract = "We measured sleep in 40 adults. Screens before bed cut sleep by 19 minutes. Advice should change."
    assert located_text(abstract, "soften the advice about changing") == "Advice should change."


LANGUAGE_PLAN = """Here is a plan for each language:

1. Python:
\t* Learn the basics with an introductory course.
\t* Practice coding on LeetCode.
2. C++:
\t* Read C++ Primer.
\t* Study QuantLib for pricing.
3. R:
\t* Work through R for Data Science.

Good luck!
"""


def test_a_numbered_point_takes_the_sub_items_indented_under_it():
    located = located_text(LANGUAGE_PLAN, "How about the second point? Can you give me more details?")
    assert located.startswith("2. C++:") and located.endswith("Study QuantLib for pricing.")


OUTLINE_POINTS = """Here are ways AI can help in education:

4.1. Automated Grading: AI grades assignments.
4.2. Personalized Learning: AI adapts lessons.
4.3. Competency-based Evaluation: AI assesses mastery.
\t- by skill
\t- by level
4.4. Chatbots: AI answers questions.

I hope this helps!
"""


def test_a_dotted_outline_number_names_the_point_marked_with_it():
    located = located_text(OUTLINE_POINTS, "expand 4.3 with an example")
    assert located.startswith("4.3. Competency-based") and located.endswith("- by level")


def test_a_version_number_names_no_point():
    assert not located_text(OUTLINE_POINTS, "rewrite it for Python 3.11 users").startswith("4.")

"""Decisions for assistant replies (spec.md, conventions 5, 22-23): a unit noun the reply's own code names speaks of
the program's content, and something new added at the end goes to the end of the deliverable."""

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

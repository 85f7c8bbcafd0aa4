"""The locator on parts named by what they are (spec.md, conventions 15 and 17): tables, code blocks,
block quotes, footnotes, captions, list items named by topic, numbered headings, and set-off labels."""

from __future__ import annotations

from canvas_tui.behaviours.locate import decide

ARTICLE = """# Harbour

The harbour was built in 1820. It sheltered the fishing fleet.[1]

![The harbour at dawn](harbour.jpg)

*The harbour at dawn, seen from the lighthouse.*

## Trade

Fish and salt left the harbour every week.

| year | ships |
| --- | --- |
| 1850 | 40 |

> "The harbour is the town," a mayor once said.

## Notes

[^1]: The date is disputed.
"""

README = """<!-- generated, do not edit -->
[![build](https://ci.invalid/badge.svg)](https://ci.invalid)

Tool
====

Tool counts words in files.

## Install

```sh
pip install tool
```

## Usage

Run it on a folder. The output is one line per file:

```text
a.md  120 words
```

## Troubleshooting

- **Not found**: put the scripts folder on your PATH.
- **Wrong counts**: code blocks are skipped unless you pass a flag.
"""

STEPS = """# Set up keys

Keys let you push without a password.

## 1. Generate a key

Run the generator and accept the default file.

## 2. Start the agent

```sh
eval "$(ssh-agent -s)"
```

## 3. Add the key to your account

1. Open your settings.
2. Paste the key.
3. Save it.
"""


def _located(text: str, request: str) -> str:
    decision = decide(text, request)
    return text[decision.span.start : decision.span.end]


def test_blocks_are_found_by_the_name_of_their_kind():
    assert _located(ARTICLE, "turn the table into prose").startswith("| year | ships |")
    assert _located(ARTICLE, "the blockquote").startswith('> "The harbour is the town,"')
    assert _located(ARTICLE, "the footnote") == "[^1]: The date is disputed."
    assert _located(ARTICLE, "the caption") == "*The harbour at dawn, seen from the lighthouse.*"


def test_a_code_block_is_found_in_its_section_or_by_the_paragraph_that_introduces_it():
    assert _located(README, "the code example in the install section") == "```sh\npip install tool\n```"
    assert _located(README, "the sample output") == "```text\na.md  120 words\n```"
    assert _located(README, "the second code block") == "```text\na.md  120 words\n```"


def test_a_block_noun_that_says_what_to_make_is_not_the_target():
    assert not _located(ARTICLE, "the trade section should be a table").startswith("|")


def test_comments_and_badges_before_the_title_are_not_the_intro():
    assert _located(README, "the intro") == "Tool counts words in files."


def test_a_bullet_is_found_by_its_topic_inside_the_named_section():
    assert _located(README, "the troubleshooting bullet about wrong counts").startswith("- **Wrong counts**")


def test_numbered_headings_are_the_steps_and_scope_their_lists_and_blocks():
    assert _located(STEPS, "step 3").startswith("## 3. Add the key")
    assert _located(STEPS, "the code block in step 2").startswith("```sh")
    assert _located(STEPS, "the second item in the list under step 3") == "2. Paste the key."


def test_roman_numbered_headings_count_as_numbers():
    text = "# Town\n\nA town.\n\n## I. Origins\n\nIt began.\n\n## II. History\n\nIt grew.\n"
    assert _located(text, "part 2").startswith("## II. History")


def test_set_off_labels_of_a_structured_abstract_name_its_parts():
    capitals = "A title of a study\n\nBACKGROUND\nLittle is known. We ask why.\n\nRESULTS\nIt rose. It fell twice.\n"
    assert _located(capitals, "the second sentence of the results") == "It fell twice."
    bold = "**Objective:** To test it. **Setting:** Two towns. **Conclusions:** It works."
    assert _located(bold, "the setting") == "**Setting:** Two towns."


def test_a_keywords_line_is_not_the_conclusion_of_an_abstract():
    text = "A study title\n\nWe studied it.\n\nWe conclude it works.\n\nKeywords: study; results; towns\n"
    assert _located(text, "the conclusion") == "We conclude it works."


def test_a_misspelt_heading_name_still_names_its_section():
    text = "# Ada\n\nAda was a writer.\n\n## Education\n\nShe was taught at home.\n\n## Legacy\n\nA language is named after her.\n"
    assert _located(text, "shorten the eductaion section").startswith("## Education")


def test_the_paragraph_of_a_role_in_a_short_unlabelled_abstract_is_found_by_its_cues():
    text = (
        "A study of parking\n\nDrivers cruise for parking. We study a pilot with GPS data from 18,000 taxis.\n\n"
        "Cruising time fell by 24% and full blocks dropped from 41% to 17%.\n\n"
        "We conclude that pricing reduces cruising.\n"
    )
    assert _located(text, "the results paragraph").startswith("Cruising time fell by 24%")


def test_topic_words_beside_a_role_pick_among_the_sentences_of_that_role():
    text = (
        "A cohort study\n\nWhether bilingual children differ remains contested. We followed 1,146 children. "
        "Overall scores were not associated with bilingual exposure (difference 0.03). "
        "A small advantage in cognitive flexibility at age six (0.14) did not survive correction. "
        "These results suggest the benefit is small.\n"
    )
    assert _located(text, "the main finding").startswith("Overall scores were not associated")
    assert _located(text, "the cognitive flexibility result").startswith("A small advantage")
    assert _located(text, "the sentence about the sample") == "We followed 1,146 children."


def test_footnote_definitions_are_not_the_last_paragraph_and_part_ii_is_a_roman_numbered_heading():
    text = (
        "Kea\n\nA parrot.[^1]\n\nI. Behaviour\n\nKea solve puzzles.\n\nII. Conservation\n\nKea are endangered.\n\n"
        "[^1]: Of New Zealand.\n"
    )
    assert _located(text, "the last paragraph") == "Kea are endangered."
    assert _located(text, "rewrite part II").startswith("II. Conservation")


def test_back_matter_and_captions_are_not_counted_as_paragraphs():
    text = ARTICLE + "\n## See also\n\n- Lighthouses\n- Ports\n"
    assert _located(text, "the last paragraph") == '> "The harbour is the town," a mayor once said.'
    assert _located(ARTICLE, "paragraph 2") == "Fish and salt left the harbour every week."


def test_a_position_inside_a_named_section_is_a_paragraph_of_that_section():
    text = "# Kea\n\nA parrot.\n\n## Behaviour\n\nKea play.\n\nKea solve puzzles.\n\n## Introduction to care\n\nFeed them.\n"
    assert _located(text, "the end of the behaviour section") == "Kea solve puzzles."
    assert _located(text, "the behaviour section's intro") == "Kea play."
    assert _located(text, "the introduction section").startswith("## Introduction to care")


def test_the_byline_is_found_by_name():
    text = "# Grants run out\n\n*By Oliver Brandt | Energy | 3 October*\n\nThe grant has run out.\n"
    assert _located(text, "fix the byline") == "*By Oliver Brandt | Energy | 3 October*"


def test_a_command_is_a_code_block_unless_the_request_names_a_paragraph_about_it():
    assert _located(README, "the install command") == "```sh\npip install tool\n```"
    assert (
        _located(README, "the paragraph explaining the output")
        == "Run it on a folder. The output is one line per file:"
    )


def test_a_keywords_line_is_found_by_name_and_back_matter_sentences_are_not_topics():
    text = (
        "Do loans raise income? Evidence from Kenya\n\nWe study loans. Frontinus wrote a report on loans.\n\n"
        "Keywords: loans; Kenya\n\nReferences\n\n1. Frontinus. On loans.\n"
    )
    assert _located(text, "the keywords") == "Keywords: loans; Kenya"
    assert _located(text, "the title") == "Do loans raise income? Evidence from Kenya"
    assert _located(text, "the sentence about Frontinus's report") == "Frontinus wrote a report on loans."

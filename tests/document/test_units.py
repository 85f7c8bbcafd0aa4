"""Segmentation into sections, paragraphs and sentences: exact offsets into the original text."""

from __future__ import annotations

from pathlib import Path

from canvas_tui.document import units
from canvas_tui.document.units import segment

GUIDE = """---
title: A guide
---

# Guide

The opening paragraph. It has two sentences.

## Install {#install}

Run the installer.
Then wait, as the
wrapped line says.

- one item
- two items

```
code

more code
```

### Details

Deep text.

Setext Title
------------

Last words here.
"""


def _texts(text: str, units) -> list[str]:
    return [text[u.start : u.end] for u in units]


def test_sections_run_from_their_heading_to_the_next_heading_of_the_same_or_higher_level():
    seg = segment(GUIDE)
    titles = [(s.level, s.title) for s in seg.sections]
    assert titles == [(1, "Guide"), (2, "Install"), (3, "Details"), (2, "Setext Title")]
    install = seg.sections[1]
    assert GUIDE[install.start : install.end].startswith("## Install")
    assert GUIDE[install.start : install.end].endswith("Deep text.")
    assert GUIDE[seg.sections[0].start : seg.sections[0].end].endswith("Last words here.")


def test_paragraphs_are_blocks_between_blank_lines_without_headings_or_front_matter():
    seg = segment(GUIDE)
    assert _texts(GUIDE, seg.paragraphs) == [
        "The opening paragraph. It has two sentences.",
        "Run the installer.\nThen wait, as the\nwrapped line says.",
        "- one item\n- two items",
        "```\ncode\n\nmore code\n```",
        "Deep text.",
        "Last words here.",
    ]


def test_sentences_ignore_hard_wraps_and_split_list_items():
    seg = segment(GUIDE)
    sentences = _texts(GUIDE, seg.sentences)
    assert sentences[:2] == ["The opening paragraph.", "It has two sentences."]
    assert "Then wait, as the\nwrapped line says." in sentences
    assert "- one item" in sentences and "- two items" in sentences


def test_crlf_documents_are_indexed_in_their_original_text():
    text = GUIDE.replace("\n", "\r\n")
    seg = segment(text)
    assert _texts(text, seg.paragraphs)[1] == "Run the installer.\r\nThen wait, as the\r\nwrapped line says."
    assert [s.title for s in seg.sections] == ["Guide", "Install", "Details", "Setext Title"]


def test_pasted_prose_gets_one_paragraph_per_line():
    text = "First paragraph ends here.\nSecond one , with tokenizer spacing .\nThird one!"
    seg = segment(text)
    assert _texts(text, seg.paragraphs) == text.split("\n")
    assert seg.sections == ()


def test_text_without_newlines_is_one_paragraph_of_sentences():
    text = "  One sentence. Another sentence follows. And a third.  "
    seg = segment(text)
    assert _texts(text, seg.paragraphs) == [text.strip()]
    assert _texts(text, seg.sentences) == ["One sentence.", "Another sentence follows.", "And a third."]
    assert text[seg.document.start : seg.document.end] == text.strip()


def test_lookups_find_the_units_containing_an_offset_and_nested_units():
    seg = segment(GUIDE)
    offset = GUIDE.index("wait")
    assert GUIDE[seg.paragraph_at(offset).start :].startswith("Run the installer.")
    assert seg.section_at(offset).title == "Install"
    assert seg.sentence_at(offset) in seg.within("sentence", seg.paragraph_at(offset))
    assert len(seg.within("paragraph", seg.sections[1])) == 4
    smallest = seg.smallest_containing(offset, offset + 4)
    assert smallest.kind == "sentence"


def test_empty_and_blank_texts_have_no_units():
    for text in ("", "   \n\n  "):
        seg = segment(text)
        assert (seg.sections, seg.paragraphs, seg.sentences, seg.document) == ((), (), (), None)


def test_pasted_web_text_gets_its_short_standalone_lines_as_headings_the_first_as_title():
    text = "Battle of Varn\n\nThe battle was short.\n\nAftermath\n\nThe town paid.\n"
    seg = segment(text)
    assert [(s.level, s.title) for s in seg.sections] == [(1, "Battle of Varn"), (2, "Aftermath")]
    assert _texts(text, seg.paragraphs) == ["The battle was short.", "The town paid."]


def test_a_text_with_markdown_headings_keeps_short_lines_as_paragraphs():
    text = "# Notes\n\nShort line\n\nA sentence follows.\n"
    assert _texts(text, segment(text).paragraphs) == ["Short line", "A sentence follows."]


def test_heading_lines_and_list_items_are_units_too():
    seg = segment(GUIDE)
    assert _texts(GUIDE, seg.headings)[:2] == ["# Guide", "## Install {#install}"]
    assert _texts(GUIDE, seg.items) == ["- one item", "- two items"]


def test_dotted_outline_numbers_mark_list_items_but_a_number_in_a_line_does_not():
    text = "Uses of AI:\n\n4.1. Grading: AI grades.\n4.2. Tutoring: AI explains.\n\nVersion 4.1 is out.\n"
    assert _texts(text, segment(text).items) == ["4.1. Grading: AI grades.", "4.2. Tutoring: AI explains."]


def test_the_first_line_of_pasted_text_is_its_title_even_when_long_or_with_a_subtitle_after_a_colon():
    text = (
        "Bilingual exposure and executive function in preschool children: a longitudinal cohort study\n\n"
        "We followed children. They grew.\n"
    )
    seg = segment(text)
    assert [(s.level, s.title) for s in seg.sections] == [
        (1, "Bilingual exposure and executive function in preschool children: a longitudinal cohort study")
    ]
    assert _texts(text, seg.paragraphs) == ["We followed children. They grew."]


def test_a_dateline_alone_on_a_line_is_not_a_heading():
    text = (
        "Ferry cut to two sailings\n\nPublished 14 March\n\nThe ferry will run less.\n\nHistory\n\nIt began in 2011.\n"
    )
    titles = [s.title for s in segment(text).sections]
    assert titles == ["Ferry cut to two sailings", "History"]


def test_footnote_and_citation_markers_stay_with_the_sentence_they_follow():
    text = "It was big. It ruled the seas.[1][2] It fell.[^3]\n"
    assert _texts(text, segment(text).sentences) == ["It was big.", "It ruled the seas.[1][2]", "It fell.[^3]"]


def test_numbered_lines_in_pasted_text_are_headings_unless_a_list_follows():
    text = (
        "Kea\n\nA parrot.\n\n2. Behaviour\n\nKea solve puzzles.\n\nII. Conservation\n\nKea are endangered.\n\n"
        "3. Steps\n\n1. Look up.\n2. Count kea.\n"
    )
    titles = [s.title for s in segment(text).sections]
    assert titles == ["Kea", "2. Behaviour", "II. Conservation"]


def test_outline_lines_in_pasted_text_are_headings_even_with_a_colon_or_a_list_under_them():
    text = (
        "Here is the outline:\n\nModule 1: Basics of Marketing\n\n* What it is\n* Why it matters\n\n"
        "Scene 2\n\nThe storm breaks.\n\nNote: this is a plain line with a colon\n\nMore text.\n\n"
        "Step 1: Install Python\n\nDownload it from the website.\n"
    )
    titles = [s.title for s in segment(text).sections]
    assert titles == ["Module 1: Basics of Marketing", "Scene 2"]


def test_a_tab_indented_paragraph_of_prose_is_prose_but_indented_code_stays_one_block():
    text = (
        "# Kea\n\n\tThe kea is a large parrot. It lives in the mountains of New Zealand.\n\nTry it:\n\n"
        "    x = compute(1)\n    print(x)\n"
    )
    seg = segment(text)
    assert _texts(text, seg.sentences)[:2] == [
        "The kea is a large parrot.",
        "It lives in the mountains of New Zealand.",
    ]
    assert [p.code for p in seg.paragraphs] == [False, False, True]


def test_a_very_long_paragraph_is_split_in_chunks_into_the_same_sentences_as_whole(monkeypatch):
    corpus = Path(__file__).resolve().parents[2] / "behaviours/locate/documents"
    prose = " ".join(
        line.strip()
        for path in sorted(corpus.glob("*.md"))[:6]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and line.strip()[0].isalpha()
    )
    assert len(prose) > 3 * units._CHUNK_CHARS
    chunked = _texts(prose, segment(prose).sentences)
    units._split.cache_clear()
    monkeypatch.setattr(units, "_CHUNK_CHARS", len(prose))
    whole = _texts(prose, segment(prose).sentences)
    units._split.cache_clear()
    assert len(whole) > 100
    assert chunked == whole

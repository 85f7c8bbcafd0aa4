"""Every row of the committed anchor eval set is checked against its document.

These checks use only the eval set's own renderer (textops), never the anchorer, so a gold span
cannot be wrong in the same way as the code it judges.
"""

from __future__ import annotations

import re

import pytest

from canvas_tui.behaviours.anchor import textops
from canvas_tui.behaviours.anchor.evalset import NEGATIVE_KINDS, SPLITS, EvalRow, load_documents, load_rows
from canvas_tui.behaviours.anchor.perturb import KINDS

DOCUMENTS = load_documents()
ROWS = [row for split in SPLITS for row in load_rows(split)]


def flat(text: str) -> str:
    return " ".join(textops.render(text).lower().split())


def gold(row: EvalRow) -> str:
    return DOCUMENTS[row.doc][row.start : row.end]


def rows_of(*kinds: str) -> list[EvalRow]:
    return [row for row in ROWS if row.kind in kinds]


def test_every_kind_is_in_both_splits_and_ids_are_unique() -> None:
    for split in SPLITS:
        assert {row.kind for row in load_rows(split)} == set(KINDS)
    assert len({row.id for row in ROWS}) == len(ROWS)


def test_splits_share_no_document() -> None:
    dev, held = ({row.doc for row in load_rows(split)} for split in SPLITS)
    assert not dev & held


def test_gold_spans_are_inside_their_document_on_word_edges() -> None:
    for row in ROWS:
        if row.kind in NEGATIVE_KINDS:
            assert row.start is None and row.end is None, row.id
            continue
        text = DOCUMENTS[row.doc]
        assert 0 <= row.start < row.end <= len(text), row.id
        assert not text[row.start].isspace() and not text[row.end - 1].isspace(), row.id


def test_exact_quotes_are_their_gold_text() -> None:
    for row in rows_of("exact"):
        assert row.quote == gold(row), row.id


def test_case_quotes_differ_from_their_gold_text_only_in_case() -> None:
    for row in rows_of("case"):
        assert row.quote.lower() == gold(row).lower(), row.id


def test_truncated_quotes_are_a_prefix_of_their_gold_text() -> None:
    for row in rows_of("truncated"):
        quote = re.sub(r"(\.\.\.|\u2026)$", "", row.quote)
        assert gold(row).startswith(quote) and len(quote) < len(gold(row)), row.id


def test_extended_quotes_contain_their_gold_text() -> None:
    for row in rows_of("extended"):
        spaced = " ".join(gold(row).split())
        assert spaced in row.quote and len(row.quote) > len(spaced), row.id


def test_elided_quotes_keep_the_head_and_tail_of_their_gold_text() -> None:
    for row in rows_of("elided"):
        head, tail = re.split(r"\s*(?:\[\.\.\.\]|\[\u2026\]|\.{3,}|\u2026)\s*", row.quote)
        rendered = flat(gold(row))
        assert rendered.startswith(flat(head)) and rendered.endswith(flat(tail)), row.id


def test_markdown_quotes_are_their_gold_text_as_rendered() -> None:
    for row in rows_of("markdown"):
        assert flat(row.quote) == flat(gold(row)), row.id


def test_repeated_quotes_are_marked_ambiguous_and_occur_again_after_their_gold_span() -> None:
    for row in rows_of("repeated"):
        text, phrase = DOCUMENTS[row.doc], flat(gold(row))
        assert row.ambiguous and flat(row.quote) == phrase, row.id
        assert phrase in flat(text[row.end :]) and phrase not in flat(text[: row.end - 1]), row.id


@pytest.mark.parametrize("kind", ["case", "whitespace", "punctuation", "typo", "mixed"])
def test_perturbed_quotes_differ_from_their_gold_text(kind) -> None:
    changed = [row.quote != gold(row) for row in rows_of(kind)]
    assert sum(changed) >= 0.9 * len(changed)


def test_absent_quotes_do_not_occur_in_their_document() -> None:
    for row in rows_of("absent", "diverged"):
        assert flat(row.quote) not in flat(DOCUMENTS[row.doc]), row.id

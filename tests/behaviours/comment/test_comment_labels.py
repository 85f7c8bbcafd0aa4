"""The comment placement labels: every gold offset points at its quote, on a placeable unit, in a known category."""

from __future__ import annotations

from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.comment.candidates import candidates
from canvas_tui.behaviours.comment.labels import cases, document, held_out_documents, offset_problems, read_rows, split
from canvas_tui.behaviours.comment.metrics import hits
from canvas_tui.behaviours.comment.requests import ALLOWED, CATEGORIES

ROWS = read_rows()


def test_every_gold_offset_is_its_quote_and_the_quote_is_unique():
    problems = [p for row in ROWS for p in offset_problems(row)]
    assert problems == []


def test_every_gold_span_is_a_placeable_unit():
    misplaced = [
        row.quote
        for row in ROWS
        if not any(
            hits(Span(start=c.start, end=c.end), Span(start=row.start, end=row.end))
            for c in candidates(document(row.doc))
        )
    ]
    assert misplaced == []


def test_every_row_has_a_known_category_that_its_request_kind_asks_about():
    assert {row.category for row in ROWS} <= set(CATEGORIES)
    assert [r.quote for r in ROWS if r.category not in ALLOWED[r.kind]] == []


def test_the_labels_are_several_hundred_rows_over_about_twenty_documents_with_a_held_out_split():
    train, held = split(ROWS)
    assert len(ROWS) >= 250 and len({r.doc for r in ROWS}) >= 18
    assert {r.doc for r in held} == held_out_documents() and not {r.doc for r in train} & held_out_documents()
    assert len(cases(held)) >= 10

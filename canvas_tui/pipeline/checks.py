"""Deterministic checks of examples, by name: what a behaviour's pipeline.toml lists under `checks`.

The same checks filter teacher rows in `synth` and flag label rows in `lint`. Spans are never
trusted from a model: `derive` computes them by code from the quoted text (edit rows: the unit of
the stated kind holding the anchor, via document.units.segment(); comment rows: the anchorer),
and the span checks recompute them from the document to verify stored offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from canvas_tui.pipeline.config import BehaviourConfig

Check = Callable[[BehaviourConfig, dict[str, Any], str | None], str | None]


class Rejected(ValueError):
    """An example that cannot be used, with the reason (one short phrase, used to count reasons)."""


@lru_cache(maxsize=1)
def _anchorer():
    from canvas_tui.behaviours.anchor import default_anchorer

    return default_anchorer()


def edit_span(text: str, unit: str, anchor: str) -> tuple[int, int]:
    """The span of the `unit` holding the only occurrence of `anchor` (the whole document for unit=document).

    An anchor that is given must be in the document whatever the unit: a made-up quote is a made-up example."""
    from canvas_tui.behaviours.locate.labels import resolve

    if anchor.strip() and anchor not in text:
        raise Rejected("anchor not in the document")
    if unit != "document":
        if not anchor.strip():
            raise Rejected("no quoted anchor for a part of the document")
        if text.count(anchor) != 1:
            raise Rejected("anchor occurs more than once")
    try:
        return resolve(text, unit, anchor if unit != "document" else "")
    except ValueError as exc:
        raise Rejected(f"anchor is not inside a {unit}") from exc


def quote_span(text: str, quote: str) -> tuple[int, int]:
    """Where the comment's quote anchors in the document (the anchorer the app uses)."""
    result = _anchorer().anchor(text, quote)
    if result.span is None:
        raise Rejected("quote does not anchor in the document")
    return result.span.start, result.span.end


def derive(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> dict[str, Any]:
    """The row with its code-computed fields: start/end (and target_text for edits) from the quoted text."""
    if config.kind == "classify":
        return row
    if document is None:
        raise Rejected("document not found")
    if config.kind == "edit":
        start, end = edit_span(document, str(row.get("unit") or ""), str(row.get("anchor") or ""))
        return row | {"start": start, "end": end, "target_text": document[start:end]}
    start, end = quote_span(document, str(row.get("quote") or ""))
    return row | {"start": start, "end": end}


def label_allowed(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> str | None:
    """Every column with listed choices holds one of them."""
    for column, allowed in config.choices.items():
        if str(row.get(column) or "") not in allowed:
            return f"{column} {str(row.get(column))[:30]!r} is not one of {', '.join(allowed)}"
    return None


def text_present(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> str | None:
    """The main text column holds words: at least two letters (a reply of "," or "1." is not a prompt)."""
    text = str(row.get(config.text_columns[0]) or "")
    return None if sum(character.isalpha() for character in text) >= 2 else f"no words in {config.text_columns[0]}"


def explicit_trigger(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> str | None:
    """A prompt that says where the answer goes (trigger's explicit rules) carries that label."""
    from canvas_tui.behaviours.trigger.explicit import explicit_trigger as rule

    said = rule(str(row.get("prompt") or ""))
    return None if said in (None, row.get("label")) else f"explicit request for {said} labelled {row.get('label')}"


def explicit_route(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> str | None:
    """With a document open, a prompt asking for a new document or a chat answer carries that label."""
    from canvas_tui.behaviours.trigger.explicit import explicit_route as rule

    said = rule(str(row.get("prompt") or ""))
    return None if said in (None, row.get("label")) else f"explicit request for {said} labelled {row.get('label')}"


def _stored_span_agrees(row: dict[str, Any], start: int, end: int, document: str) -> str | None:
    stored = (row.get("start"), row.get("end"))
    if stored != (None, None) and tuple(int(x) for x in stored) != (start, end):
        return f"stored span {stored[0]}-{stored[1]} is not the computed {start}-{end}"
    if "target_text" in row and row["target_text"] != document[start:end]:
        return "target_text is not the text of the computed span"
    return None


def span_recomputes(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> str | None:
    """A row written about a document (it names `doc`): its span is recomputed from its quote and agrees.

    A comment row whose stored span holds its quote exactly needs no anchoring (the anchorer is for
    imperfect quotes, and may trim markup such as a trailing `*`)."""
    if not row.get("doc"):
        return None
    if document is None:
        return f"document {row['doc']!r} not found"
    if config.kind == "comment" and _quoted_exactly(row, document):
        return None
    try:
        start, end = _span_of(config, row, document)
    except Rejected as exc:
        return str(exc)
    return _stored_span_agrees(row, start, end, document)


def _quoted_exactly(row: dict[str, Any], document: str) -> bool:
    """A comment row whose stored span holds its quote exactly (hand-written rows are filled so)."""
    try:
        return document[int(row["start"]):int(row["end"])] == row["quote"]
    except (KeyError, TypeError, ValueError):
        return False


def _span_of(config: BehaviourConfig, row: dict[str, Any], document: str) -> tuple[int, int]:
    if config.kind == "edit":
        return edit_span(document, str(row.get("unit") or ""), str(row.get("anchor") or ""))
    return quote_span(document, str(row.get("quote") or ""))


def locate_offsets(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> str | None:
    """A locate row's gold span is a unit of its stated kind (the locate labels' own check)."""
    from pydantic import ValidationError

    from canvas_tui.behaviours.locate.labels import COLUMNS, Label, problems as label_problems

    try:
        label = Label.model_validate({k: v for k, v in row.items() if k in COLUMNS and v not in ("", None)})
        return "; ".join(label_problems(label)) or None
    except (ValidationError, OSError) as exc:
        return f"unreadable locate row: {str(exc).splitlines()[0]}"


CHECKS: dict[str, Check] = {
    "label_allowed": label_allowed, "text_present": text_present, "explicit_trigger": explicit_trigger,
    "explicit_route": explicit_route, "span_recomputes": span_recomputes, "locate_offsets": locate_offsets,
}


def problems(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> list[str]:
    """What the behaviour's listed checks find wrong with one row."""
    found = (CHECKS[name](config, row, document) for name in config.checks)
    return [problem for problem in found if problem]

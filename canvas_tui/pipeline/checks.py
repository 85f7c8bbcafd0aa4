"""Deterministic checks of examples, by name: what a behaviour's pipeline.toml lists under `checks`.

The same checks filter teacher rows in `synth` and flag label rows in `lint`. The generic ones live
here; a behaviour adds its own through its declaration (`Behaviour.checks`). Spans are never trusted
from a model: `derive` computes them by code from the quoted text, with the behaviour's declared
`span_of` (edit rows: the unit holding the anchor; comment rows: where the quote anchors), and
`span_recomputes` recomputes them from the document to verify stored offsets.
"""

from __future__ import annotations

from typing import Any

from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.contract import Check, SpanOf
from canvas_tui.pipeline.registry import find


class Rejected(ValueError):
    """An example that cannot be used, with the reason (one short phrase, used to count reasons)."""


def _span_of(config: BehaviourConfig) -> SpanOf:
    declared = find(config.name)
    if declared is None or declared.span_of is None:
        raise Rejected(f"behaviour {config.name!r} declares no span_of for its {config.kind} rows")
    return declared.span_of


def derive(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> dict[str, Any]:
    """The row with its code-computed fields: start/end (and target_text for edits) from the quoted text."""
    if config.kind == "classify":
        return row
    if document is None:
        raise Rejected("document not found")
    start, end = _span_of(config)(row, document)
    return row | {"start": start, "end": end} | ({"target_text": document[start:end]} if config.kind == "edit" else {})


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
        start, end = _span_of(config)(row, document)
    except Rejected as exc:
        return str(exc)
    return _stored_span_agrees(row, start, end, document)


def _quoted_exactly(row: dict[str, Any], document: str) -> bool:
    """A comment row whose stored span holds its quote exactly (hand-written rows are filled so)."""
    try:
        return document[int(row["start"]) : int(row["end"])] == row["quote"]
    except (KeyError, TypeError, ValueError):
        return False


CHECKS: dict[str, Check] = {
    "label_allowed": label_allowed,
    "text_present": text_present,
    "span_recomputes": span_recomputes,
}
"""The checks any behaviour may list; a behaviour's own (`Behaviour.checks`) come on top."""


def rules(config: BehaviourConfig) -> dict[str, Check]:
    """The checks behaviour `config.name` may list: the generic ones and its declared ones."""
    declared = find(config.name)
    return CHECKS | (dict(declared.checks) if declared else {})


def problems(config: BehaviourConfig, row: dict[str, Any], document: str | None) -> list[str]:
    """What the behaviour's listed checks find wrong with one row."""
    table = rules(config)
    unknown = [name for name in config.checks if name not in table]
    if unknown:
        raise LookupError(f"{config.name}: unknown check(s) {', '.join(unknown)}; known: {', '.join(sorted(table))}")
    found = (table[name](config, row, document) for name in config.checks)
    return [problem for problem in found if problem]

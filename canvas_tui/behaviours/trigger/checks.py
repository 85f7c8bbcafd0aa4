"""The trigger's own data rules, declared to the shared pipeline: its explicit-request check and its split."""

from __future__ import annotations

from typing import Any

from canvas_tui.behaviours.trigger.data import LabelRow, split
from canvas_tui.behaviours.trigger.explicit import explicit_trigger


def explicit_trigger_check(config: Any, row: dict[str, Any], document: str | None) -> str | None:
    """A prompt that says where the answer goes (the explicit rules) carries that label."""
    said = explicit_trigger(str(row.get("prompt") or ""))
    return None if said in (None, row.get("label")) else f"explicit request for {said} labelled {row.get('label')}"


def every_fifth(rows: list[dict]) -> list[bool]:
    """The trigger and router split: a row whose prompt hash falls in one bucket of five is held out."""
    parsed = [LabelRow(prompt=str(r.get("prompt") or ""), label=str(r.get("label") or "")) for r in rows]
    held = {id(row) for row in split(parsed)[1]}
    return [id(row) in held for row in parsed]

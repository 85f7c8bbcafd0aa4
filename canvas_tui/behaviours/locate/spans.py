"""The locate rows' own check, declared to the shared pipeline: a row's gold span is a unit of its stated kind."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from canvas_tui.behaviours.locate.labels import COLUMNS, Label
from canvas_tui.behaviours.locate.labels import problems as label_problems


def locate_offsets(config: Any, row: dict[str, Any], document: str | None) -> str | None:
    """A locate row's gold span is a unit of its stated kind (the locate labels' own check)."""
    try:
        label = Label.model_validate({k: v for k, v in row.items() if k in COLUMNS and v not in ("", None)})
        return "; ".join(label_problems(label)) or None
    except (ValidationError, OSError) as exc:
        return f"unreadable locate row: {str(exc).splitlines()[0]}"

"""The one markdown-table helper: every eval report, card and README table is built with it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def cell(value: Any, digits: int = 3) -> str:
    """One table cell: floats to `digits` decimals, text on one line with pipes escaped (untrusted text cannot
    break the table)."""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], digits: int = 3) -> list[str]:
    """A markdown table as lines: the header, the separator, one line per row (cells through `cell`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(value, digits) for value in row) + " |" for row in rows]

"""Readable unified diffs of a change, computed from the lines it touches only (fast on large texts)."""

from __future__ import annotations

import difflib

from canvas_tui.document.changes import Change

CONTEXT_LINES = 3


def _line_bounds(text: str, start: int, end: int, context: int) -> tuple[int, int]:
    """Offsets of the whole lines around [start, end), widened by `context` lines each side."""
    low = text.rfind("\n", 0, start) + 1
    for _ in range(context):
        if low == 0:
            break
        low = text.rfind("\n", 0, low - 1) + 1
    high = end
    for _ in range(context + 1):
        found = text.find("\n", high)
        if found < 0:
            return low, len(text)
        high = found + 1
    return low, high


def change_diff(before: str, change: Change, *, label: str = "document") -> str:
    """A unified diff of `change` applied to `before`, with line numbers of the whole text."""
    low, high = _line_bounds(before, change.start, change.end, CONTEXT_LINES)
    after_high = high + change.delta
    after = change.apply(before)
    first_line = before.count("\n", 0, low)
    old_lines = before[low:high].splitlines(keepends=True)
    new_lines = after[low:after_high].splitlines(keepends=True)
    lines = list(
        difflib.unified_diff(
            old_lines, new_lines, f"{label} (before)", f"{label} (after)", n=CONTEXT_LINES, lineterm="\n"
        )
    )
    return "".join(_shift_hunk(line, first_line) for line in lines)


def _shift_hunk(line: str, offset: int) -> str:
    """Renumber a hunk header so its line numbers refer to the whole document."""
    if not line.startswith("@@") or offset == 0:
        return line if line.endswith("\n") else line + "\n"
    parts = line.split(" ")
    for index in (1, 2):
        sign, numbers = parts[index][0], parts[index][1:].split(",")
        numbers[0] = str(int(numbers[0]) + offset)
        parts[index] = sign + ",".join(numbers)
    return " ".join(parts)

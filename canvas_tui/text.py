"""Small text helpers shared by every layer."""

from __future__ import annotations


def one_line(text: str, limit: int) -> str:
    """`text` with its whitespace folded to single spaces, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def two_ends(text: str, head: int, tail: int) -> str:
    """`text` cut to its first `head` and last `tail` (> 0) characters joined by " … ", whole when it fits: what a
    long message asks sits at its start or its end, with material between."""
    return text if len(text) <= head + tail else f"{text[:head]} … {text[-tail:]}"

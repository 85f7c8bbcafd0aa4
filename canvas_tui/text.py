"""Small text helpers shared by every layer."""

from __future__ import annotations


def one_line(text: str, limit: int) -> str:
    """`text` with its whitespace folded to single spaces, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

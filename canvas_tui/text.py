"""Small text helpers shared by every layer."""

from __future__ import annotations

import codecs


def one_line(text: str, limit: int) -> str:
    """`text` with its whitespace folded to single spaces, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def two_ends(text: str, head: int, tail: int) -> str:
    """`text` cut to its first `head` and last `tail` (> 0) characters joined by " … ", whole when it fits: what a
    long message asks sits at its start or its end, with material between."""
    return text if len(text) <= head + tail else f"{text[:head]} … {text[-tail:]}"


class NotUtf8(ValueError):
    """A line of a file holds a byte that is not UTF-8; the message names it and its column."""


def decode_line(number: int, raw: bytes) -> str:
    """Line `number` (from 1) of a JSON-lines file as text, a byte-order mark opening the file skipped. A byte that
    is not UTF-8 raises `NotUtf8` naming it and its column in the line as given, counted in bytes from 1."""
    body = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        column = len(raw) - len(body) + exc.start + 1
        raise NotUtf8(f"not valid UTF-8 (byte 0x{body[exc.start]:02x} at column {column})") from None

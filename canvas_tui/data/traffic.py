"""Real-traffic pools: files of real users' messages (`prompts.jsonl`, `followups.jsonl`) read as typed rows.

A prompt row is a first message with no document open (the trigger's input); a follow-up row is a later
message with the assistant's previous reply open as the document (the router's, and for part edits the
locator's and the policy's). A line that is not valid JSON, not UTF-8 or not one of these shapes is reported
by number, never fatal to the rest of the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from canvas_tui.text import NotUtf8, decode_line


class TrafficRow(BaseModel):
    """One real message; `document` is the reply on screen for a follow-up, None for a first message."""

    model_config = ConfigDict(extra="ignore")

    id: str
    message: str
    document: str | None = None

    @property
    def kind(self) -> str:
        """`prompt` (no document open) or `followup` (a reply open as the document)."""
        return "prompt" if self.document is None else "followup"


class BadLine(BaseModel):
    """A line of a traffic file that could not be read, with its number and the reason in plain words."""

    number: int
    reason: str


def parse_line(number: int, raw: bytes) -> TrafficRow | BadLine:
    """One line of a pool: `{"id", "prompt"}` or `{"id", "document", "request"}` (a byte-order mark opening the file
    is skipped); a byte that is not UTF-8 is named with its column in the line, counted in bytes from 1."""
    try:
        data = json.loads(decode_line(number, raw))
    except NotUtf8 as exc:
        return BadLine(number=number, reason=str(exc))
    except (json.JSONDecodeError, RecursionError):
        return BadLine(number=number, reason="not valid JSON")
    if not isinstance(data, dict):
        return BadLine(number=number, reason="not a JSON object")
    message = data.get("prompt", data.get("request"))
    try:
        return TrafficRow(id=str(data.get("id", f"line-{number}")), message=message, document=data.get("document"))
    except ValidationError:
        return BadLine(number=number, reason='needs "prompt", or "request" and "document", as strings')


def read_traffic(path: Path, *, limit: int | None = None) -> Iterator[TrafficRow | BadLine]:
    """The rows of a traffic file in order (blank lines skipped), at most `limit` good ones."""
    good = 0
    with Path(path).open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if limit is not None and good >= limit:
                return
            if not raw.strip():
                continue
            row = parse_line(number, raw)
            yield row
            good += isinstance(row, TrafficRow)

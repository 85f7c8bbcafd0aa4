"""Session recordings: one versioned JSONL file per session, replayable offline as an eval fixture.

Each line is one entry: a header, a person's action, a model exchange (as sent and received), a
decision, or a document version. Lines are flushed and fsynced as written, so a killed process
leaves a file readable up to its last complete line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from canvas_tui import __version__
from canvas_tui.llm.types import ModelExchange
from canvas_tui.log.records import CorrectionRecord, DecisionRecord, utc_now

SCHEMA_VERSION = 1

ActionKind = Literal["message", "selection", "manual_edit", "open_canvas", "close_canvas", "undo", "redo", "restore",
                     "dismiss_comment", "apply_comment", "quick_action", "open_document", "answer"]


class HeaderEntry(BaseModel):
    """First line: what wrote the recording, and with which schema."""

    type: Literal["header"] = "header"
    schema_version: int = SCHEMA_VERSION
    canvas_tui_version: str = __version__
    session_id: str
    created: datetime = Field(default_factory=utc_now)
    backend: str
    model: str


class ActionEntry(BaseModel):
    """Something the person did (a message, a selection, a manual edit, undo, ...)."""

    type: Literal["action"] = "action"
    kind: ActionKind
    payload: dict[str, Any] = Field(default_factory=dict)
    time: datetime = Field(default_factory=utc_now)


class ExchangeEntry(BaseModel):
    """A model request and its reply, as sent and received."""

    type: Literal["exchange"] = "exchange"
    exchange: ModelExchange


class DecisionEntry(BaseModel):
    """A behaviour's decision, as logged."""

    type: Literal["decision"] = "decision"
    record: DecisionRecord


class CorrectionEntry(BaseModel):
    """A person's correction, as logged."""

    type: Literal["correction"] = "correction"
    record: CorrectionRecord


class VersionEntry(BaseModel):
    """A document version: its full text, so replay can compare byte for byte."""

    type: Literal["version"] = "version"
    number: int
    author: str
    summary: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


Entry = Annotated[HeaderEntry | ActionEntry | ExchangeEntry | DecisionEntry | CorrectionEntry | VersionEntry,
                  Field(discriminator="type")]
_ENTRY = TypeAdapter(Entry)


class RecordingError(ValueError):
    """A recording that cannot be read, with the reason in plain words."""


class RecordingWriter:
    """Appends entries to a recording file, one durable line each."""

    def __init__(self, path: Path, header: HeaderEntry, mirror: Callable[[str], object] | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("a", encoding="utf-8")
        self._mirror = mirror
        self.write(header)

    def write(self, entry: BaseModel) -> None:
        """Append one entry and make it durable before returning (then hand the line to `mirror`, if any)."""
        line = entry.model_dump_json()
        self._file.write(line + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())
        if self._mirror is not None:
            self._mirror(line)

    def close(self) -> None:
        self._file.close()


def recording_lines(path: Path) -> list[str]:
    """The lines of a recording file, split at newlines only and decoded one by one: an undecodable last
    line (a killed writer can cut a character in two) is dropped, an earlier one refused with its number."""
    try:
        raw = Path(path).read_bytes().split(b"\n")
    except OSError as exc:
        raise RecordingError(f"cannot read recording {path}: {exc}") from exc
    if not raw[-1]:
        raw.pop()
    lines = []
    for number, line in enumerate(raw, start=1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            if number == len(raw):
                break
            raise RecordingError(f"{path}, line {number}: not valid UTF-8 (byte 0x{line[exc.start]:02x} at column "
                                 f"{exc.start + 1}): the file is damaged, or not a recording") from exc
    return lines


def read_recording(path: Path) -> list[BaseModel]:
    """All complete entries of a recording; a torn last line (killed writer) is ignored."""
    lines = recording_lines(path)
    entries = list(_parse(lines, path))
    if not entries or not isinstance(entries[0], HeaderEntry):
        raise RecordingError(f"{path} is not a canvas-tui recording (no header line)")
    if entries[0].schema_version > SCHEMA_VERSION:
        raise RecordingError(f"{path} was written by a newer canvas-tui (recording schema {entries[0].schema_version}; "
                             f"this version reads up to {SCHEMA_VERSION}). Upgrade canvas-tui to replay it.")
    return entries


def _parse(lines: list[str], path: Path) -> Iterator[BaseModel]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield _ENTRY.validate_python(json.loads(line))
        except (ValueError, ValidationError, RecursionError) as exc:
            if number == len(lines):
                return
            raise RecordingError(f"{path}, line {number}: not a valid recording entry ({str(exc).splitlines()[0]})") from exc


def exchanges_of(entries: list[BaseModel]) -> list[ModelExchange]:
    """The model exchanges of a recording, in order (what the replay backend serves)."""
    return [entry.exchange for entry in entries if isinstance(entry, ExchangeEntry)]

"""Session recordings: one versioned JSONL file per session, replayable offline as an eval fixture.

Each line is one entry: a header, a person's action, a model exchange (as sent and received), a
decision, or a document version. Lines are flushed and fsynced as written, so a killed process
leaves a file readable up to its last complete line.

This is the one reader of recordings (the runtime replay, the replay backend and the data loop all load through
`load_recording`): an older schema is upgraded entry by entry, a newer one refused in plain words. Schema 0 is the
pre-release format: its header has no `schema_version`, its action lines name the action `action` and its payload
`data`, and a version line may lack the full `text` (such a recording cannot be compared byte for byte, and loading
says so).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from canvas_tui import __version__
from canvas_tui.exchange import ModelExchange
from canvas_tui.log.records import CorrectionRecord, DecisionRecord, utc_now

SCHEMA_VERSION = 1

ActionKind = Literal[
    "message",
    "selection",
    "manual_edit",
    "open_canvas",
    "close_canvas",
    "undo",
    "redo",
    "restore",
    "dismiss_comment",
    "apply_comment",
    "quick_action",
    "open_document",
    "answer",
]


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


Entry = Annotated[
    HeaderEntry | ActionEntry | ExchangeEntry | DecisionEntry | CorrectionEntry | VersionEntry,
    Field(discriminator="type"),
]
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
            raise RecordingError(
                f"{path}, line {number}: not valid UTF-8 (byte 0x{line[exc.start]:02x} at column "
                f"{exc.start + 1}): the file is damaged, or not a recording"
            ) from exc
    return lines


def _from_v0(entry: dict[str, Any]) -> dict[str, Any]:
    if entry.get("type") == "header":
        return entry | {"schema_version": 1}
    if entry.get("type") == "action" and "action" in entry:
        return {key: value for key, value in entry.items() if key not in ("action", "data")} | {
            "kind": entry["action"],
            "payload": entry.get("data") or {},
        }
    if entry.get("type") == "version" and "text" not in entry:
        raise RecordingError(
            f"this schema-0 recording stored version {entry.get('number')} without its text, "
            "so its documents cannot be replayed byte for byte; record the session again"
        )
    return entry


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_v0}
"""UPGRADES[n] turns one schema-n entry (a JSON object) into a schema-(n+1) entry."""


@dataclass
class Recording:
    """A loaded recording: its entries in order (in the current schema), and the schema it was written in."""

    path: Path
    entries: list[BaseModel]
    written_schema: int

    @property
    def header(self) -> HeaderEntry:
        return self.entries[0]

    def of_type(self, kind: type[BaseModel]) -> list[Any]:
        """The entries of one type, in order."""
        return [entry for entry in self.entries if isinstance(entry, kind)]

    @property
    def actions(self) -> list[ActionEntry]:
        return self.of_type(ActionEntry)

    @property
    def versions(self) -> list[VersionEntry]:
        return self.of_type(VersionEntry)

    @property
    def decisions(self) -> list[DecisionRecord]:
        return [entry.record for entry in self.of_type(DecisionEntry)]

    @property
    def corrections(self) -> list[CorrectionRecord]:
        return [entry.record for entry in self.of_type(CorrectionEntry)]

    @property
    def exchanges(self) -> list[ModelExchange]:
        """The model exchanges, in order (what the replay backend serves)."""
        return [entry.exchange for entry in self.of_type(ExchangeEntry)]


def load_recording(path: Path | str) -> Recording:
    """Read a recording, upgrading an older schema; a torn last line (killed writer) is ignored; RecordingError
    says why a file cannot be used."""
    path = Path(path)
    raw = _raw_entries(path)
    written = raw[0][1].get("schema_version", 0)
    if not isinstance(written, int):
        raise RecordingError(f"{path}, line {raw[0][0]}: the header's schema_version is not a number ({written!r})")
    if written > SCHEMA_VERSION:
        raise RecordingError(
            f"{path} was written by a newer canvas-tui (recording schema {written}; "
            f"this version reads up to {SCHEMA_VERSION}). Upgrade canvas-tui to replay it."
        )
    for version in range(written, SCHEMA_VERSION):
        raw = [(line, _upgraded(UPGRADES[version], entry, line, path)) for line, entry in raw]
    last = raw[-1][0] if written == SCHEMA_VERSION else None
    entries = []
    for line, entry in raw:
        try:
            entries.append(_ENTRY.validate_python(entry))
        except ValidationError as exc:
            if line == last:
                break
            raise RecordingError(_invalid(path, line, written, exc)) from exc
    return Recording(path, entries, written)


def _invalid(path: Path, line: int, written: int, exc: ValidationError) -> str:
    reason = str(exc).splitlines()[0]
    if written == SCHEMA_VERSION:
        return f"{path}, line {line}: not a valid recording entry ({reason})"
    return f"{path}, line {line}: cannot upgrade this entry to recording schema {SCHEMA_VERSION} ({reason})"


def _upgraded(
    upgrade: Callable[[dict[str, Any]], dict[str, Any]], entry: dict[str, Any], line: int, path: Path
) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise RecordingError(f"{path}, line {line}: not a recording entry (a JSON object)")
    try:
        return upgrade(entry)
    except RecordingError as exc:
        raise RecordingError(f"{path}, line {line}: {exc}") from exc


def _raw_entries(path: Path) -> list[tuple[int, dict[str, Any]]]:
    lines = recording_lines(path)
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append((number, json.loads(line)))
        except (ValueError, RecursionError) as exc:
            if number != len(lines):
                raise RecordingError(f"{path}, line {number}: not JSON ({str(exc).splitlines()[0]})") from exc
    if not entries or not isinstance(entries[0][1], dict) or entries[0][1].get("type") != "header":
        raise RecordingError(f"{path} is not a canvas-tui recording (no header line)")
    return entries

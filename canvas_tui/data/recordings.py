"""Loading recordings of any schema version: older ones are upgraded entry by entry, or refused in plain words.

Schema 0 is the pre-release format: its header has no `schema_version`, its action lines name the
action `action` and its payload `data`, and a version line may lack the full `text` (such a
recording cannot be compared byte for byte, and loading says so).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from canvas_tui.llm.types import ModelExchange
from canvas_tui.log.recording import (SCHEMA_VERSION, ActionEntry, CorrectionEntry, DecisionEntry, Entry, HeaderEntry,
                                      RecordingError, VersionEntry, exchanges_of, read_recording, recording_lines)
from canvas_tui.log.records import CorrectionRecord, DecisionRecord

_ENTRY: TypeAdapter[Any] = TypeAdapter(Entry)


def _from_v0(entry: dict[str, Any]) -> dict[str, Any]:
    if entry.get("type") == "header":
        return entry | {"schema_version": 1}
    if entry.get("type") == "action" and "action" in entry:
        return {key: value for key, value in entry.items() if key not in ("action", "data")} | {
            "kind": entry["action"], "payload": entry.get("data") or {}}
    if entry.get("type") == "version" and "text" not in entry:
        raise RecordingError(f"this schema-0 recording stored version {entry.get('number')} without its text, "
                             "so its documents cannot be replayed byte for byte; record the session again")
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
        return exchanges_of(self.entries)


def load_recording(path: Path | str) -> Recording:
    """Read a recording, upgrading an older schema; RecordingError says why one cannot be used."""
    path = Path(path)
    raw = _raw_entries(path)
    written = raw[0][1].get("schema_version", 0) if raw and raw[0][1].get("type") == "header" else SCHEMA_VERSION
    if written >= SCHEMA_VERSION:
        return Recording(path, read_recording(path), written)
    for version in range(written, SCHEMA_VERSION):
        raw = [(line, _upgraded(UPGRADES[version], entry, line, path)) for line, entry in raw]
    return Recording(path, [_validated(entry, line, path) for line, entry in raw], written)


def _upgraded(upgrade: Callable[[dict[str, Any]], dict[str, Any]], entry: dict[str, Any], line: int,
              path: Path) -> dict[str, Any]:
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
                raise RecordingError(f"{path}, line {number}: not JSON ({exc})") from exc
    if not entries or not isinstance(entries[0][1], dict) or entries[0][1].get("type") != "header":
        raise RecordingError(f"{path} is not a canvas-tui recording (no header line)")
    return entries


def _validated(entry: dict[str, Any], line: int, path: Path) -> BaseModel:
    try:
        return _ENTRY.validate_python(entry)
    except ValidationError as exc:
        raise RecordingError(f"{path}, line {line}: cannot upgrade this entry to recording schema {SCHEMA_VERSION} "
                             f"({str(exc).splitlines()[0]})") from exc

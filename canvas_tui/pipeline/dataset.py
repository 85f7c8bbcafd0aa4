"""The one loader of a behaviour's data: hand-written, real-use and real-traffic label rows, and accepted teacher rows.

Label CSVs hold the hand-written rows; rows exported from real use (`canvas-tui export labels`)
carry `source=real-use`. Teacher rows live in `synthetic/<behaviour>*.jsonl` (one file per synth
run; `.csv` files of reviewed rows too) and join training only when `usable` is true. Every row knows its source and origin, so cards can
count data by source and lint can point at a file and line.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.evalkit.hashing import digest
from canvas_tui.pipeline.splits import held_out

Source = Literal["hand-written", "teacher", "real-use", "real-traffic"]
SOURCES: tuple[Source, ...] = ("hand-written", "teacher", "real-use", "real-traffic")
LABELLED_SOURCES = ("real-use", "real-traffic")
"""A labels CSV's `source` values counted apart from hand-written rows: corrections exported from real use, and
real users' messages labelled by the spec (`canvas-tui traffic import`)."""
_TRUE = {"1", "true", "yes", "y"}


class Row(BaseModel):
    """One example: its columns, where it came from, and whether the eval holds it out."""

    fields: dict[str, Any]
    source: Source
    origin: str
    held_out: bool = False


class Dataset(BaseModel):
    """All rows of one behaviour."""

    behaviour: str
    rows: list[Row]

    def training(self) -> list[Row]:
        """The rows a train step may use (never the held-out ones)."""
        return [row for row in self.rows if not row.held_out]

    def counts(self, rows: list[Row] | None = None) -> dict[str, int]:
        """How many rows come from each source."""
        found = Counter(row.source for row in (self.rows if rows is None else rows))
        return {source: found.get(source, 0) for source in SOURCES}


def _is_usable(record: dict) -> bool:
    return str(record.get("usable", "")).strip().lower() in _TRUE


def read_label_file(path: Path) -> list[Row]:
    """The rows of one labels CSV; `source=real-use` and `source=real-traffic` rows are counted apart from
    hand-written ones."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            Row(fields=dict(record), origin=f"{path.name}:{reader.line_num}", source=_source(record))
            for record in reader
        ]


def _source(record: dict) -> Source:
    source = (record.get("source") or "").strip()
    return source if source in LABELLED_SOURCES else "hand-written"


def teacher_files(folder: Path, name: str) -> list[Path]:
    """The teacher run files of behaviour `name` in `folder`: `<name>*.jsonl`, then `<name>*.csv`, by name."""
    return sorted(folder.glob(f"{name}*.jsonl")) + sorted(folder.glob(f"{name}*.csv"))


def synthetic_files(config: BehaviourConfig) -> list[Path]:
    """This behaviour's teacher runs."""
    return teacher_files(config.synthetic_dir, config.name)


def _lines(path: Path) -> list[tuple[int, dict]]:
    """(line number, record) of a JSONL or CSV file; a JSONL line torn by a kill is skipped."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return [(number, record) for number, record in enumerate(csv.DictReader(handle), start=2)]
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            records.append((number, json.loads(line)))
        except (json.JSONDecodeError, RecursionError):
            continue
    return records


def read_synthetic_file(path: Path) -> list[Row]:
    """The usable rows of one teacher run file."""
    return [
        Row(fields=record, source="teacher", origin=f"synthetic/{path.name}:{number}")
        for number, record in _lines(path)
        if isinstance(record, dict) and _is_usable(record)
    ]


def read_teacher_rows(folder: Path, name: str) -> list[Row]:
    """Every usable teacher row of behaviour `name` in `folder`: what each behaviour's train adds to its labels."""
    return [row for path in teacher_files(folder, name) for row in read_synthetic_file(path)]


def load_dataset(config: BehaviourConfig, *, synthetic: bool = True) -> Dataset:
    """Every label row (held-out ones flagged by the behaviour's split) and, by default, the teacher rows."""
    labels = [
        row
        for name in config.labels
        if (config.data_dir / name).exists()
        for row in read_label_file(config.data_dir / name)
    ]
    for row, flag in zip(labels, held_out(config.name, config.split, [row.fields for row in labels])):
        row.held_out = flag
    teacher = read_teacher_rows(config.synthetic_dir, config.name) if synthetic else []
    return Dataset(behaviour=config.name, rows=labels + teacher)


def data_hash(config: BehaviourConfig, rows: list[Row]) -> str:
    """A sha256 of the rows' described columns (provenance left out): the identity of a training set."""
    keys = sorted(set(config.columns) | set(config.text_columns) | {config.label_column})
    return digest(json.dumps([str(row.fields.get(k) or "") for k in keys], ensure_ascii=False) for row in rows)

"""The locator's hand-written labels (behaviours/locate/labels.csv) and their documents.

A person edits labels.csv in a spreadsheet: they write the request, its style, the gold unit kind
and an `anchor` (a piece of text inside the gold unit; empty for the whole document). `fill`
computes the exact `start,end` from the anchor; `problems` checks every row by code.
"""

from __future__ import annotations

import csv
from pathlib import Path

from canvas_tui.behaviours.base import Span, UnitKind
from canvas_tui.document.holding import unit_holding
from canvas_tui.document.units import segment
from canvas_tui.paths import behaviour_dir
from canvas_tui.pipeline.documents import read_text
from canvas_tui.pipeline.evalkit.rows import BaseLabelRow

COLUMNS = [
    "doc",
    "request",
    "style",
    "unit",
    "start",
    "end",
    "selection_start",
    "selection_end",
    "split",
    "anchor",
    "note",
]
STYLES = {"heading", "quote", "meaning", "ordinal", "position", "whole", "selection", "combined"}


class Label(BaseLabelRow):
    """One labelled request: the document, the request, and the gold span (and selection, if any)."""

    doc: str
    request: str
    style: str
    unit: UnitKind
    start: int | None = None
    end: int | None = None
    selection_start: int | None = None
    selection_end: int | None = None
    split: str = "dev"
    anchor: str = ""

    @property
    def gold(self) -> Span:
        """The gold span (requires filled offsets)."""
        return Span(start=self.start, end=self.end)

    @property
    def selection(self) -> Span | None:
        """The person's selection, if the request came with one."""
        if self.selection_start is None or self.selection_end is None:
            return None
        return Span(start=self.selection_start, end=self.selection_end)


def labels_path() -> Path:
    """Where the labels live."""
    return behaviour_dir("locate") / "labels.csv"


def label_files() -> list[Path]:
    """labels.csv, then the blind sets written later by someone else than the code (labels_blind*.csv)."""
    folder = behaviour_dir("locate")
    return [folder / "labels.csv", *sorted(folder.glob("labels_blind*.csv"))]


def real_label_files() -> list[Path]:
    """Labelled real traffic: requests that change one part of a real assistant reply (`labels_real.csv`, split
    `real`, for developing the rules) and the real-traffic test split (`labels_real_test.csv`, two independent
    labellers who agree, never used to develop them). Gold spans are what the labellers marked (line ranges of
    the reply), scored by overlap like every other split; they need not coincide with the segmenter's units."""
    folder = behaviour_dir("locate")
    return sorted(folder.glob("labels_real*.csv"))


def load_all() -> list[Label]:
    """The rows of every label file (each blind file uses its own `split` name)."""
    return [label for path in label_files() for label in load(path)]


def document(name: str) -> str:
    """The text of one labelled locate document, exactly as written."""
    return read_text(behaviour_dir("locate") / "documents" / name)


def load(path: Path | None = None) -> list[Label]:
    """All label rows; empty cells take the field's default."""
    with (path or labels_path()).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [Label.model_validate({k: v for k, v in row.items() if k in COLUMNS and v != ""}) for row in rows]


def problems(label: Label) -> list[str]:
    """What is wrong with a row: offsets out of range, not stripped, or not a unit of the stated kind."""
    text = document(label.doc)
    if label.start is None or label.end is None:
        return ["offsets not filled"]
    issues = []
    piece = text[label.start : label.end]
    if not (0 <= label.start < label.end <= len(text)) or piece != piece.strip() or not piece:
        issues.append(f"span {label.start}-{label.end} is out of range or not stripped")
    if label.selection is not None:
        if (label.start, label.end) != (label.selection_start, label.selection_end):
            issues.append("a selection row's gold span must be the selection")
        return issues
    seg = segment(text)
    spans = {(u.start, u.end) for u in (*seg.units(label.unit), *(seg.headings if label.unit == "sentence" else ()))}
    if (label.start, label.end) not in spans:
        issues.append(f"span {label.start}-{label.end} is not a {label.unit} of {label.doc}")
    if label.style not in STYLES:
        issues.append(f"unknown style {label.style!r}")
    return issues


def fill(path: Path | None = None) -> int:
    """Compute empty `start,end` (and selection) cells from anchors; returns how many rows changed."""
    path = path or labels_path()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    changed = 0
    for row in rows:
        if row["start"] and row["end"]:
            continue
        text = document(row["doc"])
        if row["style"] == "selection":
            start = text.index(row["anchor"])
            row["selection_start"], row["selection_end"] = start, start + len(row["anchor"])
            row["start"], row["end"] = row["selection_start"], row["selection_end"]
        else:
            row["start"], row["end"] = unit_holding(text, row["unit"], row["anchor"])
        changed += 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in COLUMNS} for row in rows)
    return changed

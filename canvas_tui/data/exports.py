"""`export labels`: review-ready CSV rows from real use, in the columns of the behaviour's labels.csv
plus `source`, skipping rows the labels already have. Streams: corrections are read one at a time.

--redact removes document text: quoted and target passages become a length note, locate rows name a
content hash instead of a saved document, and no document is written.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, TextIO

from canvas_tui.behaviours.locate.labels import COLUMNS as LOCATE_COLUMNS
from canvas_tui.data.label_rows import SOURCE, TEACHES, LabelRow, rows_for
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import standing
from canvas_tui.paths import behaviour_dir

DEFAULT_HEADERS = {
    "trigger": ["prompt", "label", "context", "category", "note"],
    "router": ["prompt", "label", "context", "category", "note", "document"],
    "locate": list(LOCATE_COLUMNS),
    "policy": ["request", "target_text", "unit", "label", "category", "note"],
    "comment": ["request", "quote", "comment", "label", "note"],
}
"""Columns used when a behaviour has no labels.csv yet."""
REVIEW_COLUMNS = {"note", "category", "split", "style", "source"}
"""Columns a reviewer fills or that describe a row; two rows equal on the others are the same label."""
DOCUMENT_FIELDS = {"target_text", "quote", "anchor", "document"}

EXPORTABLE = sorted(TEACHES)


def labels_path(behaviour: str) -> Path:
    return behaviour_dir(behaviour) / "labels.csv"


def label_header(behaviour: str) -> list[str]:
    """The behaviour's labels.csv columns (its header line, or the default), plus `source`."""
    path = labels_path(behaviour)
    if path.exists():
        with path.open(newline="", encoding="utf-8") as file:
            header = next(csv.reader(file), None) or DEFAULT_HEADERS[behaviour]
    else:
        header = DEFAULT_HEADERS[behaviour]
    return [*header, *([] if "source" in header else ["source"])]


def _key(fields: dict[str, object], header: list[str]) -> bytes:
    values = "\x1f".join(str(fields.get(column, "")) for column in header if column not in REVIEW_COLUMNS)
    return hashlib.blake2b(values.encode(), digest_size=8).digest()


def _known_keys(behaviour: str, header: list[str]) -> set[bytes]:
    path = labels_path(behaviour)
    if not path.exists():
        return set()
    with path.open(newline="", encoding="utf-8") as file:
        return {_key(row, header) for row in csv.DictReader(file)}


def redacted(row: LabelRow) -> LabelRow:
    """The row without document text."""
    fields = {
        key: (f"[redacted: {len(str(value))} characters]" if key in DOCUMENT_FIELDS and value else value)
        for key, value in row.fields.items()
    }
    if "doc" in fields:
        fields["doc"] = "redacted-" + str(fields["doc"]).removeprefix("real-use-")
    return row.model_copy(update={"fields": fields, "document": None})


def label_rows(
    log: DataLog, behaviour: str, *, since: datetime | None = None, redact: bool = False
) -> Iterator[LabelRow]:
    """New rows for `behaviour` from the log's corrections, in time order, without duplicates."""
    header = label_header(behaviour)
    seen = _known_keys(behaviour, header)
    for correction in standing(lambda: log.corrections(since=since)):
        if correction.kind not in TEACHES[behaviour]:
            continue
        for row in rows_for(correction, log):
            if row.behaviour != behaviour:
                continue
            row = redacted(row) if redact else row
            key = _key(row.fields, header)
            if key not in seen:
                seen.add(key)
                yield row


class Written(NamedTuple):
    """What `write_labels` wrote: rows, and how many of them name a document (saved only when given a `docs_dir`)."""

    rows: int
    documents: int


def write_labels(rows: Iterator[LabelRow], behaviour: str, out: TextIO, docs_dir: Path | None) -> Written:
    """Write rows as CSV (labels.csv columns + source); save the documents rows refer to in `docs_dir`."""
    writer = csv.DictWriter(out, fieldnames=label_header(behaviour), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = documents = 0
    for row in rows:
        writer.writerow(row.fields | {"source": SOURCE})
        if row.document is not None:
            documents += 1
            if docs_dir is not None:
                _save_document(docs_dir / str(row.fields["doc"]), row.document)
        count += 1
    return Written(count, documents)


def _save_document(path: Path, text: str) -> None:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

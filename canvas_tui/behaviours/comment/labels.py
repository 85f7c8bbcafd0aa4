"""The placement labels (behaviours/comment/labels.csv): which spans deserve a comment for a request.

One row per (document, request, gold span). `start`/`end` are filled and checked by code
(`canvas-tui labels comment-fill` rewrites them from the quotes); the documents
live in behaviours/comment/documents/. The split into training and held-out documents is in
behaviours/comment/split.json, by document, so no held-out text is ever trained on.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from canvas_tui.behaviours.comment.requests import RequestKind
from canvas_tui.paths import behaviour_dir
from canvas_tui.pipeline.documents import read_text
from canvas_tui.pipeline.evalkit.rows import BaseLabelRow

COLUMNS = ["doc", "request", "kind", "quote", "start", "end", "category", "comment", "suggestion", "note"]


class LabelRow(BaseLabelRow):
    """One gold span: in `doc`, for `request`, the text `quote` at `[start, end)` deserves a comment."""

    doc: str
    request: str
    kind: RequestKind
    quote: str
    start: int
    end: int
    category: str
    comment: str
    suggestion: str = ""


class Case(BaseModel):
    """One eval case: a document, a request, and every gold span for it."""

    doc: str
    request: str
    kind: RequestKind
    gold: list[LabelRow]


def labels_path() -> Path:
    """behaviours/comment/labels.csv."""
    return behaviour_dir("comment") / "labels.csv"


def document(name: str) -> str:
    """The text of one labelled comment document, exactly as written."""
    return read_text(behaviour_dir("comment") / "documents" / name)


def read_rows(path: Path | None = None) -> list[LabelRow]:
    """Every label row."""
    with (path or labels_path()).open(encoding="utf-8", newline="") as handle:
        return [LabelRow.model_validate(row) for row in csv.DictReader(handle)]


def cases(rows: list[LabelRow]) -> list[Case]:
    """Rows grouped into (document, request) cases, in first-seen order."""
    grouped: dict[tuple[str, str], list[LabelRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.doc, row.request)].append(row)
    return [Case(doc=doc, request=request, kind=gold[0].kind, gold=gold) for (doc, request), gold in grouped.items()]


def held_out_documents() -> set[str]:
    """The documents kept for evaluation (behaviours/comment/split.json)."""
    return set(json.loads((behaviour_dir("comment") / "split.json").read_text(encoding="utf-8"))["held_out"])


def split(rows: list[LabelRow]) -> tuple[list[LabelRow], list[LabelRow]]:
    """(training rows, held-out rows), by document."""
    held = held_out_documents()
    return [r for r in rows if r.doc not in held], [r for r in rows if r.doc in held]


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """The span of the only occurrence of `quote` in `text` (runs of whitespace match any whitespace)."""
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    found = list(re.finditer(pattern, text))
    return (found[0].start(), found[0].end()) if len(found) == 1 else None


def offset_problems(row: LabelRow) -> list[str]:
    """What is wrong with a row's offsets (empty when `doc[start:end] == quote`)."""
    text = document(row.doc)
    if text[row.start : row.end] != row.quote:
        return [f"{row.doc}: {row.quote[:40]!r} is not at [{row.start}, {row.end})"]
    if locate_quote(text, row.quote) != (row.start, row.end):
        return [f"{row.doc}: {row.quote[:40]!r} is not a unique passage"]
    return []


def fill_offsets(path: Path | None = None) -> list[str]:
    """Rewrite every row's quote as the exact document text and its offsets; return quotes not found once."""
    path = path or labels_path()
    with path.open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    missing = []
    for row in raw:
        text = document(row["doc"])
        span = locate_quote(text, row["quote"])
        if span is None:
            missing.append(f"{row['doc']}: {row['quote'][:60]!r}")
            continue
        row["start"], row["end"], row["quote"] = span[0], span[1], text[span[0] : span[1]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(raw)
    return missing

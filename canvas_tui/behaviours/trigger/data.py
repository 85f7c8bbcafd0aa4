"""Label rows for the trigger and the router: loading, lint, the held-out split, the data hash.

Labels are hand-written CSVs (`prompt,label,context,category,note`); teacher examples land in
`synthetic/` as JSONL or CSV with a `usable` flag and join training only when it is true.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

from canvas_tui.pipeline.dedupe import normal
from canvas_tui.pipeline.evalkit.hashing import digest
from canvas_tui.pipeline.evalkit.rows import BaseLabelRow

TEST_EVERY = 5


class LabelRow(BaseLabelRow):
    """One labelled prompt; `source` says which file it came from (provenance)."""

    prompt: str
    label: str
    context: str = ""
    category: str = ""
    source: str = "labels"
    origin: str = ""
    """The CSV's own `source` column: empty for hand-written rows, `real-traffic` for labelled real messages."""
    document: str = ""
    """The open document of a router row from real traffic (the reply the message was about); empty otherwise."""
    id: str = ""
    """The labelled input's id (a real-traffic row's `p…`/`f…`), which more labellers' votes are keyed by."""


def read_labels(path: Path) -> list[LabelRow]:
    """The rows of a labels CSV, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            LabelRow(**_known(row), source=path.name, origin=row.get("source") or "") for row in csv.DictReader(handle)
        ]


def read_synthetic(folder: Path, task: str) -> list[LabelRow]:
    """Usable teacher examples of `task` from `folder/<task>*.jsonl` and `.csv`, read by the pipeline's shared loader."""
    from canvas_tui.pipeline.dataset import read_teacher_rows

    return [
        LabelRow(**_known(row.fields), source=row.origin.rsplit(":", 1)[0]) for row in read_teacher_rows(folder, task)
    ]


def _known(record: dict) -> dict:
    fields = LabelRow.model_fields.keys() - {"source", "origin"}
    return {key: str(record[key] or "") for key in fields if key in record}


def lint(rows: list[LabelRow], classes: tuple[str, ...]) -> list[str]:
    """Problems that make labels unusable: unknown labels, empty prompts, duplicates, conflicts."""
    problems = [f"row {i + 2}: unknown label {row.label!r}" for i, row in enumerate(rows) if row.label not in classes]
    problems += [f"row {i + 2}: empty prompt" for i, row in enumerate(rows) if not row.prompt.strip()]
    seen: dict[str, str] = {}
    for i, row in enumerate(rows):
        key = normal_prompt(row.prompt)
        if key in seen:
            kind = "conflicting labels" if seen[key] != row.label else "duplicate prompt"
            problems.append(f"row {i + 2}: {kind}: {row.prompt[:60]!r}")
        seen.setdefault(key, row.label)
    return problems


def normal_prompt(prompt: str) -> str:
    """A prompt with case and spacing folded, for matching the same request written twice."""
    return " ".join(prompt.lower().split())


def bucket(key: str, buckets: int) -> int:
    """A stable bucket in [0, buckets) for a text: the same on every machine and run, and independent of any other
    row (held-out split, validation slices, stand-in documents are all chosen this way)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % buckets


def held_out(prompt: str) -> bool:
    """Whether a prompt belongs to the held-out split: its text's hash falls in one bucket of TEST_EVERY. The text
    is folded as the lint compares texts (case, punctuation, spacing), so what the lint calls the same text is
    always on one side."""
    return bucket(normal(prompt), TEST_EVERY) == TEST_EVERY - 1


def split(rows: list[LabelRow]) -> tuple[list[LabelRow], list[LabelRow]]:
    """(train, test): a row is held out when its prompt's hash falls in one bucket of TEST_EVERY.

    Membership depends on the row's own text only: adding rows or changing a label (a vote of more labellers)
    never moves another row between train and test, and the same prompt twice is always on one side.
    """
    train, test = [], []
    for row in rows:
        (test if held_out(row.prompt) else train).append(row)
    return train, test


def data_hash(rows: list[LabelRow]) -> str:
    """A sha256 of the (prompt, label) pairs: the identity of a training set."""
    return digest(json.dumps([row.prompt, row.label], ensure_ascii=False) for row in rows)


def label_counts(rows: list[LabelRow]) -> dict[str, int]:
    """How many rows carry each label."""
    return dict(sorted(Counter(row.label for row in rows).items()))

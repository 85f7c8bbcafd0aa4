"""The policy's labelled rows: reading `labels.csv`, checking it, and the fixed held-out split.

The split is by a hash of each row's content, so adding or editing rows never moves the others
between train and held-out, and no row can leak from one side to the other between runs.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from canvas_tui.behaviours.base import EditOperation, PolicyLabel, UnitKind
from canvas_tui.behaviours.policy.features import PolicyInput
from canvas_tui.paths import behaviour_dir
from canvas_tui.pipeline.evalkit.hashing import digest
from canvas_tui.pipeline.evalkit.rows import BaseLabelRow
from canvas_tui.pipeline.lint import Finding, LintReport

HELD_OUT_BUCKETS = 4
DIGEST_ORDER = ("request", "target_text", "unit", "label", "category", "note", "operation")
"""The columns a training-set digest reads, in the order committed digests were made with."""
CATEGORIES = (
    "spelling_grammar",
    "punctuation",
    "word_choice",
    "numbers_names",
    "formatting",
    "add_remove",
    "one_sentence",
    "document_fix",
    "code_targeted",
    "tone",
    "length",
    "audience",
    "structure",
    "style",
    "translate",
    "code_rewrite",
)


class LabelRow(BaseLabelRow):
    """One hand-written label: a request on a target text of some unit, and the right policy."""

    request: str
    target_text: str = ""
    unit: UnitKind
    label: PolicyLabel
    category: str
    operation: EditOperation | None = Field(
        None, description="delete, move, insert, replace or rewrite (empty: not labelled)"
    )

    @field_validator("operation", mode="before")
    @classmethod
    def _empty_is_unlabelled(cls, value: object) -> object:
        return None if value == "" else value

    def as_input(self) -> PolicyInput:
        """The part of the row a policy sees."""
        return PolicyInput(request=self.request, target_text=self.target_text, unit=self.unit)

    def key(self) -> str:
        """A stable digest of what identifies the row (not its label or note)."""
        raw = "\x1f".join((self.request.strip().lower(), self.target_text.strip(), self.unit))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def held_out(self) -> bool:
        """Whether the row belongs to the eval split (about one in `HELD_OUT_BUCKETS`)."""
        return int(self.key()[:8], 16) % HELD_OUT_BUCKETS == 0


def labels_path() -> Path:
    """The committed labels file."""
    return behaviour_dir("policy") / "labels.csv"


def read_rows(path: Path) -> tuple[list[LabelRow], LintReport]:
    """Parse every row of a labels CSV; invalid, duplicate or uncategorised rows are linted (the pipeline's report)."""
    findings: list[Finding] = []
    rows: list[LabelRow] = []

    def found(level: str, line: int | None, message: str) -> None:
        where = [f"{path.name}:{line}"] if line else [path.name]
        findings.append(Finding(level=level, rule="row", message=message, where=where))

    with path.open(newline="", encoding="utf-8") as handle:
        for line, raw in enumerate(csv.DictReader(handle), start=2):
            try:
                row = LabelRow.model_validate(raw)
            except ValidationError as exc:
                found("error", line, f"row {line}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}")
                continue
            if not row.request.strip():
                found("error", line, f"row {line}: empty request")
            if row.category not in CATEGORIES:
                found("warning", line, f"row {line}: unknown category {row.category!r}")
            rows.append(row)
    duplicates = [key for key, n in Counter(r.key() for r in rows).items() if n > 1]
    for key in duplicates:
        found("error", None, f"duplicate row {key[:12]}")
    return rows, LintReport(
        behaviour="policy", rows=len(rows), sources={}, classes=dict(Counter(r.label for r in rows)), findings=findings
    )


def split(rows: list[LabelRow]) -> tuple[list[LabelRow], list[LabelRow]]:
    """(train, held_out) by the rows' content hashes."""
    return [r for r in rows if not r.held_out()], [r for r in rows if r.held_out()]


def rows_digest(rows: list[LabelRow]) -> str:
    """A digest of the exact rows (labels included) a model was trained on (an unlabelled operation leaves the
    digest of older rows as it was)."""
    return digest(_digest_record(row) for row in rows)


def _digest_record(row: LabelRow) -> str:
    """The row as compact JSON, its set columns in DIGEST_ORDER (the field order of the model is not relied on)."""
    values = row.model_dump(mode="json", exclude_none=True)
    return json.dumps(
        {key: values[key] for key in DIGEST_ORDER if key in values}, ensure_ascii=False, separators=(",", ":")
    )

"""An edit case: a document, a request, the part allowed to change, and the checks its result must pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from canvas_tui.paths import behaviour_dir

Operation = Literal["delete", "move", "insert", "replace", "rewrite"]
CheckKind = Literal[
    "changed",
    "unchanged_outside",
    "present",
    "absent",
    "order",
    "length_ratio",
    "count",
    "structure_kept",
    "code_parses",
    "no_repeats",
]
CountUnit = Literal["paragraphs", "sentences", "bullets", "headings"]


class Check(BaseModel):
    """One deterministic pass/fail check on the edited document (parameters depend on `kind`)."""

    kind: CheckKind
    text: str | None = Field(None, description="present/absent: the string; order: the string that must come first")
    after: str | None = Field(None, description="order: the string that must come after `text`")
    unit: CountUnit | None = None
    delta: int | None = Field(None, description="count: exact change in the number of units")
    compare: Literal["fewer", "more", "same"] | None = Field(None, description="count: direction of the change")
    low: float | None = Field(None, description="length_ratio: lowest allowed new/old length of the target")
    high: float | None = Field(None, description="length_ratio: highest allowed new/old length of the target")


class EditCase(BaseModel):
    """One request on one document; `target` quotes the part allowed to change (None: the whole document)."""

    id: str
    source: Literal["corpus", "followup"]
    document: str = Field(description="corpus: a file in behaviours/edits/documents; followup: the text itself")
    request: str
    operation: Operation
    target: str | None = None
    selection: str | None = Field(None, description="a quote selected in the canvas before the request, if any")
    checks: list[Check]
    note: str = ""

    def text(self, documents: Path) -> str:
        """The document's text (read with exact newlines)."""
        if self.source == "followup":
            return self.document
        return (documents / self.document).read_bytes().decode("utf-8")

    def target_span(self, text: str) -> tuple[int, int]:
        """[start, end) of the part allowed to change: the target quote's first occurrence, or everything."""
        if self.target is None:
            return 0, len(text)
        start = text.find(self.target)
        if start < 0:
            raise ValueError(f"case {self.id}: the target quote is not in the document")
        return start, start + len(self.target)


def cases_path() -> Path:
    """The committed cases file."""
    return behaviour_dir("edits") / "cases.jsonl"


def documents_dir() -> Path:
    """Where the corpus documents the cases refer to are kept."""
    return behaviour_dir("edits") / "documents"


def load_cases(path: Path | None = None) -> list[EditCase]:
    """Every case of `path` (default: the committed file); a bad line is an error naming its line number."""
    path = path or cases_path()
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(EditCase.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as exc:
            raise ValueError(f"{path.name} line {number}: {exc}") from exc
    return cases


def dump_cases(cases: list[EditCase], path: Path) -> None:
    """Write cases as JSON lines (unset parameters left out, so the file reads like the spec)."""
    rows: list[dict[str, Any]] = [
        case.model_dump(exclude_none=True, exclude_defaults=True) | {"id": case.id} for case in cases
    ]
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")

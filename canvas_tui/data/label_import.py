"""Labelled selections back into a behaviour's data: rows with `source=real-traffic`.

The labeller fills the `label` column of a selection spreadsheet (`canvas-tui traffic select`). Importing
appends the labelled rows to the training labels, or writes them to the real-traffic test split that
training never reads. Rows without a label, with a label the behaviour does not have, or already present
(same normalised prompt, in either file) are skipped and counted, never silently merged.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pydantic import BaseModel, Field

from canvas_tui.behaviours.trigger.data import normal_prompt
from canvas_tui.data.label_table import read_table, write_table

SOURCE = "real-traffic"
LABEL_COLUMNS = ("prompt", "label", "context", "category", "note", "source")
TEST_COLUMNS = (*LABEL_COLUMNS, "id", "document", "label_a", "label_b")
"""A test row also keeps both independent labels (`label` is the adjudicated one), for the agreement figures."""


class ImportResult(BaseModel):
    """How an import went: rows added, and rows skipped by reason."""

    added: int = 0
    skipped: dict[str, int] = Field(default_factory=dict)
    target: Path

    def skip(self, reason: str) -> None:
        """Count one skipped row."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def import_labels(
    labelled: Path,
    target: Path,
    classes: tuple[str, ...],
    *,
    known: list[Path],
    columns: tuple[str, ...] = LABEL_COLUMNS,
) -> ImportResult:
    """Append `labelled`'s usable rows to `target` (created with `columns` if missing); `known` files are checked
    for duplicates too (the other split), so a row is never both trained on and tested on."""
    result = ImportResult(target=target)
    seen = {normal_prompt(row.get("prompt", "")) for path in {target, *known} for row in read_table(path).rows}
    new_rows = []
    for row in read_table(labelled).rows:
        label, key = (row.get("label") or "").strip(), normal_prompt(row.get("prompt") or "")
        if not key:
            result.skip("empty prompt")
        elif not label:
            result.skip("no label")
        elif label not in classes:
            result.skip(f"unknown label {label!r}")
        elif key in seen:
            result.skip("already labelled")
        else:
            seen.add(key)
            new_rows.append(
                {column: (row.get(column) or "") for column in columns} | {"label": label, "source": SOURCE}
            )
    _append(target, columns, new_rows)
    result.added = len(new_rows)
    return result


def _append(target: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Append rows in the file's own line endings; a new file gets `columns`, an existing one missing some of them
    is rewritten once with them added (empty for its old rows), so ids and both labellers' labels are never dropped."""
    table = read_table(target)
    missing = [column for column in columns if column not in table.header]
    if table.header and not missing:
        with target.open("a", newline="", encoding="utf-8") as handle:
            if not table.text.endswith("\n"):
                handle.write(table.ending)
            csv.DictWriter(
                handle, fieldnames=table.header, extrasaction="ignore", lineterminator=table.ending
            ).writerows(rows)
        return
    table.header += missing
    table.rows += rows
    write_table(target, table)

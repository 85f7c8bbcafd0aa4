"""A label spreadsheet read and written whole, in its own line endings, so an edit touches only the rows it changes.

The label files are edited by people in spreadsheets (CRLF) and by tools (LF); a tool that rewrites one must keep
the file's line endings and column order, or every row shows up as changed in review.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LabelTable:
    """The rows of a label CSV with its header and line ending (an empty table when the file does not exist)."""

    header: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    ending: str = "\n"
    text: str = ""


def read_table(path: Path) -> LabelTable:
    """`path` parsed whole, remembering its line ending (CRLF when its first lines use it)."""
    if not path.exists():
        return LabelTable()
    text = path.read_bytes().decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return LabelTable(list(reader.fieldnames or []), rows, "\r\n" if "\r\n" in text[:4096] else "\n", text)


def write_table(path: Path, table: LabelTable) -> None:
    """Write `table` to `path` in its line ending; cells of columns the header lacks are dropped, missing ones empty."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(
        out, fieldnames=table.header, extrasaction="ignore", restval="", lineterminator=table.ending
    )
    writer.writeheader()
    writer.writerows(table.rows)
    path.write_bytes(out.getvalue().encode("utf-8"))

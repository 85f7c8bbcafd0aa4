"""Helpers for the pipeline tests: small copies of behaviour data, and scripted teachers.

A scripted teacher is a ScriptedClient whose replies are computed from the request: it reads the
document out of the prompt (edit behaviours) and answers with the next rows of a prepared list,
quoting real sentences of that document as anchors, like a good teacher would.
"""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
from pathlib import Path

from canvas_tui.document.units import segment
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.llm.types import ModelRequest
from canvas_tui.paths import PROJECT_ROOT

REAL = PROJECT_ROOT / "behaviours"
DATA_FILES = ("pipeline.toml", "teacher.md", "spec.md")


def copy_behaviour(root: Path, name: str, labels: dict[str, list[dict]] | None = None) -> Path:
    """Copy a behaviour's description files into `root/name`, with the given label rows (else its real labels)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for file in DATA_FILES:
        if (REAL / name / file).exists():
            shutil.copy(REAL / name / file, folder / file)
    for file, rows in (labels or {}).items():
        write_csv(folder / file, rows)
    return folder


def copy_documents(root: Path) -> None:
    """The documents edit examples are written about."""
    shutil.copytree(REAL / "locate" / "documents", root / "locate" / "documents")


def read_csv(path: Path) -> list[dict]:
    """The rows of a CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict]) -> None:
    """Write rows (all with the same keys) as a CSV file."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def document_of(request: ModelRequest) -> str:
    """The document the synth prompt shows the teacher."""
    prompt = request.messages[-1]["content"]
    return prompt.split("<document>\n", 1)[1].rsplit("\n</document>", 1)[0]


def anchors(document: str, unit: str) -> list[str]:
    """Sentences that occur once in the document, inside a unit of kind `unit`: quotes a good teacher would copy."""
    seg = segment(document)
    if unit == "document":
        return [""]
    holders = seg.sections if unit == "section" else seg.paragraphs
    found = [s.text(document) for holder in holders for s in seg.within("sentence", holder)]
    return [text for text in found if document.count(text) == 1 and len(text) > 20] or [""]


class SlowTeacher(ScriptedClient):
    """A scripted teacher that takes a moment per reply, so a run can be killed between replies."""

    async def _structured_raw(self, request: ModelRequest) -> str:
        await asyncio.sleep(0.02)
        return self._next(request)


def edit_teacher(rows: list[dict], per_reply: int = 4) -> ScriptedClient:
    """A teacher answering each request with its next `per_reply` rows (starting over when all were offered),
    anchored in the prompt's document (rows about a part it cannot quote come back without an anchor)."""
    queue = list(rows)

    def reply(request: ModelRequest) -> str:
        document = document_of(request)
        queue.extend(rows if not queue else [])
        batch, queue[:] = queue[:per_reply], queue[per_reply:]
        examples = [
            {**row, "anchor": anchors(document, row["unit"])[i % len(anchors(document, row["unit"]))]}
            for i, row in enumerate(batch)
        ]
        return json.dumps({"examples": examples})

    return ScriptedClient([reply] * 500)


def prompt_teacher(
    rows: list[dict], per_reply: int = 5, client: type[ScriptedClient] = ScriptedClient, on_reply=lambda: None
) -> ScriptedClient:
    """A teacher answering each request with the next `per_reply` rows as they are (`on_reply` called each time)."""
    queue = list(rows)

    def reply(request: ModelRequest) -> str:
        on_reply()
        batch, queue[:] = queue[:per_reply], queue[per_reply:]
        return json.dumps({"examples": batch})

    return client([reply] * 500)


def jsonl(path: Path) -> list[dict]:
    """The records of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

"""The anchor eval set on disk: its rows, its documents, and the prose units quotes come from.

Rows live in behaviours/anchor/{dev,eval}.jsonl and name a document in
behaviours/anchor/documents/, so the set is readable (and checkable) without any code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pysbd
from pydantic import Field

from canvas_tui.paths import behaviour_dir
from canvas_tui.pipeline.evalkit.rows import BaseLabelRow

SPLITS = ("dev", "eval")
NEGATIVE_KINDS = ("absent", "paraphrase", "diverged")


class EvalRow(BaseLabelRow):
    """One quote to anchor: gold span in the ORIGINAL document (None = must not anchor); a row written without a
    note is stored without one (`line`)."""

    id: str
    doc: str = Field(description="file name in behaviours/anchor/documents/")
    quote: str
    kind: str
    start: int | None = None
    end: int | None = None
    ambiguous: bool = False

    def line(self) -> str:
        """The row as one JSON line of dev/eval.jsonl."""
        return self.model_dump_json(exclude=None if self.note else {"note"})


def data_dir() -> Path:
    """behaviours/anchor/: spec, eval rows, documents, thresholds."""
    return behaviour_dir("anchor")


def documents_dir() -> Path:
    """The documents the eval rows refer to."""
    return data_dir() / "documents"


def load_rows(split: str) -> list[EvalRow]:
    """The rows of one split."""
    path = data_dir() / f"{split}.jsonl"
    return [EvalRow.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_documents() -> dict[str, str]:
    """Every eval document by file name (read as bytes-exact text: no newline translation)."""
    return {p.name: p.read_bytes().decode("utf-8") for p in document_files(documents_dir())}


def document_files(folder: Path) -> list[Path]:
    """The markdown and plain-text documents of a folder (not its SOURCES.md)."""
    files = sorted(folder.glob("*.md")) + sorted(folder.glob("*.txt"))
    return sorted(p for p in files if p.name != "SOURCES.md")


@dataclass(frozen=True)
class Unit:
    """A sentence of prose: `[start, end)` in the document, and its paragraph number."""

    start: int
    end: int
    paragraph: int


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_BLOCK = re.compile(r"(?:^(?![ \t]*(?:<|```|\||$)).*\n?)+", re.MULTILINE)
_LEADING_MARKER = re.compile(r"(?:#{1,6}|>|[-*+]|\d{1,3}[.)])(?:[ \t]+|(?=\n))")
_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


def prose_units(text: str, min_words: int = 5) -> list[Unit]:
    """Sentences of the document's prose paragraphs (no front matter, HTML, code or tables)."""
    body_start = (_FRONT_MATTER.match(text) or re.match("", text)).end()
    units: list[Unit] = []
    for number, block in enumerate(_BLOCK.finditer(text, body_start)):
        for sentence in _SEGMENTER.segment(_unwrapped(block.group())):
            start, end = _trim(text, block.start() + sentence.start, block.start() + sentence.end)
            if len(text[start:end].split()) >= min_words:
                units.append(Unit(start, end, number))
    return units


def _unwrapped(block: str) -> str:
    """The block with hard line wraps as spaces (same length, so offsets stay valid)."""
    return re.sub(r"\n(?![ \t]*(?:[-*+]|\d{1,3}[.)])[ \t])", " ", block)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding blanks and leading list/heading/quote markers from a sentence span."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while True:
        while start < end and text[start].isspace():
            start += 1
        marker = _LEADING_MARKER.match(text, start, end)
        if not marker:
            return start, end
        start = marker.end()

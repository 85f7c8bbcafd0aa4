"""The units a comment can be placed on: sentences of prose, lines of code.

A comment's placement unit is usually a sentence; in a program it is a line. Headings and code
blocks inside prose are not candidates (a heading is rarely what a reviewer quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from canvas_tui.document.units import segment

_CODE_LINE = re.compile(
    r"""^\s*(?:def |class |import |from \S+ import |function |var |let |const |return\b|if\b.*[:{]\s*$|
                        for\b.*[:{]\s*$|while\b|try\b|except\b|catch\b|else\b|elif\b|async |await |\#include|package |
                        public |private |fn |func |[}\])]|@\w|\#!|[A-Z_][A-Z0-9_]*=|(?:cd|rm|cp|mv|mkdir|echo|curl|wget|sleep|
                        sudo|npm|pip|git|export|source|chmod|service|systemctl|docker|make)\s)|[;{}]\s*$|
                        ^\s*\w[\w.\[\]"']*\s*[-+*/]?=\s*\S""",
    re.VERBOSE,
)
CODE_SHARE = 0.5
"""A text is a program when at least this share of its non-blank lines look like code."""


@dataclass(frozen=True)
class Candidate:
    """One placeable unit: its exact span in the document and where it sits."""

    start: int
    end: int
    kind: str
    index: int
    count: int

    def text(self, document: str) -> str:
        """The unit's text."""
        return document[self.start : self.end]

    @property
    def first(self) -> bool:
        """The document's first unit (an opening)."""
        return self.index == 0

    @property
    def last(self) -> bool:
        """The document's last unit (a conclusion)."""
        return self.index == self.count - 1


def is_program(text: str) -> bool:
    """True when the text reads as source code rather than prose."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    return sum(bool(_CODE_LINE.search(line)) for line in lines) / len(lines) >= CODE_SHARE


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        body = match.group().strip()
        if body:
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            spans.append((start, start + len(body)))
    return spans


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(unit.start, unit.end) for unit in segment(text).sentences if not unit.code]


def candidates(text: str) -> list[Candidate]:
    """The placeable units of a document, in order: lines for a program, sentences otherwise."""
    kind, spans = ("line", _lines(text)) if is_program(text) else ("sentence", _sentences(text))
    return [Candidate(start, end, kind, index, len(spans)) for index, (start, end) in enumerate(spans)]

"""Code that a reply holds without an opening fence (spec convention 23): a reply cut at the start leaves its first
lines of code bare, closed by a lone fence that opens nothing, and some replies paste code with no fence at all.
Runs of lines that read as code (statements ending in `;`, `{`, `)`, assignments, tags, comments, `def ...:`) are
code blocks like fenced ones, so "the above code" and a traceback naming what they hold find them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from canvas_tui.document.units import Segmentation, Unit

_KEYWORD = re.compile(
    r"^[ \t]*(?:def|class|import|from|return|const|let|var|function|public|private|static|if|elif|else|for|while|try|"
    r"except|with|echo|print|async|await)\b.*[:;{(=)]$"
)
_CODE_LINE = re.compile(
    r"""^[ \t]*(?:
        //|/\*|\*/|\#include\b|\#!|</?[A-Za-z][\w.:-]*|/>|[}\])]|\$[A-Za-z_]    # comment, tag, closer, $variable
        |[\w.\[\]'"]+\s*(?:[-+*/]?=)\s*(?!=)\S.*                                # an assignment
        |.*(?:[;{(\[]|=>|/>|\w\(.*\))$                                          # a statement, a call, a block opener
    )""",
    re.X,
)
_PROSE = re.compile(r"^[ \t]*(?:[-*+]\s|\d{1,3}[.)]\s|#{1,6}\s|>|\|)|[.!?]$")
_PLAIN_WORDS = re.compile(r"^[ \t]*[A-Za-z][a-z']*(?: [a-z][a-z',]*){3}")
_SYMBOLS = re.compile(r"[;{}=<>$]")
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")
MIN_LINES = 2


def _is_code(line: str) -> bool:
    """A line that reads as code: a keyword statement, or code punctuation on a line that is not a list item, a
    heading, a sentence (end punctuation) or plain words ('Let it rest (overnight)')."""
    stripped = line.rstrip()
    if _PROSE.search(stripped):
        return False
    if _KEYWORD.match(stripped):
        return True
    return not (_PLAIN_WORDS.match(stripped) and not _SYMBOLS.search(stripped)) and bool(_CODE_LINE.match(stripped))


def _runs(text: str, fenced: list[Unit]) -> list[tuple[int, int]]:
    """(start, end) of each maximal run of code lines outside the fenced blocks (blank lines allowed inside a run;
    a line of prose or a fenced block ends it), when it has at least two lines."""
    runs, current, offset = [], [], 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        if _is_code(line) and not any(u.start <= start < u.end for u in fenced):
            current.append((start, start + len(line)))
            continue
        runs.append(current)
        current = []
    return [(run[0][0], run[-1][1]) for run in [*runs, current] if len(run) >= MIN_LINES]


def _closing_fence(text: str, end: int, fenced: list[Unit]) -> int:
    """A run's end, extended over a lone fence right below it that opens no fenced block (the fence that closed
    code whose opening was cut off)."""
    rest = text[end:].lstrip("\n")
    at = len(text) - len(rest)
    match = _FENCE.match(rest)
    if not match or any(u.start == at for u in fenced if u.end - u.start > len(match.group(0))):
        return end
    return at + len(rest.split("\n", 1)[0])


@lru_cache(maxsize=32)
def _bare(text: str, fenced: tuple[Unit, ...]) -> tuple[Unit, ...]:
    return tuple(
        Unit("paragraph", start, _closing_fence(text, end, list(fenced)), 0, code=True)
        for start, end in _runs(text, list(fenced))
    )


def _orphan(text: str, block: Unit) -> bool:
    """A fenced block that is really the closing fence of code cut above it: a bare fence (no language) right
    under a line of code, which nothing closes (the markdown parser runs it to the end of the text)."""
    lines = text[block.start : block.end].rstrip().split("\n")
    above = text[: block.start].rstrip("\n").rsplit("\n", 1)[-1]
    return (
        lines[0].strip() in ("```", "~~~") and not _FENCE.match(lines[-1] if len(lines) > 1 else "") and _is_code(above)
    )


def fenced_blocks(text: str, fenced: list[Unit]) -> list[Unit]:
    """The fenced blocks that are code: not the orphan closing fences of code cut above them."""
    return [block for block in fenced if not _orphan(text, block)]


def bare_code(seg: Segmentation, fenced: list[Unit]) -> list[Unit]:
    """Code blocks without an opening fence, outside the fenced blocks `fenced`: runs of at least two lines of code,
    each with the lone fence that closes it when there is one."""
    units = _bare(seg.text, tuple(fenced))
    return [_indexed(seg, unit) for unit in units]


def _indexed(seg: Segmentation, unit: Unit) -> Unit:
    """The block numbered like the paragraph it starts in (for its label)."""
    holder = seg.paragraph_at(unit.start)
    return Unit("paragraph", unit.start, unit.end, holder.index if holder else 0, code=True)

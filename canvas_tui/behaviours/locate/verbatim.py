"""Short lines named by their own words (spec convention 7): "the thank you doesn't sound professional" is about the
"Thank you," line of a letter, "the best regards" about its sign-off. A request that says "the" and then every word
of a short line of the document, in order, quotes that line without quotation marks, even a line that is not counted
as a paragraph (a greeting, a sign-off).
"""

from __future__ import annotations

from functools import lru_cache

from canvas_tui.behaviours.locate.reply import code_blocks
from canvas_tui.behaviours.locate.text import STOPWORDS, words
from canvas_tui.document.units import Segmentation, Unit, segment

MIN_WORDS = 2
MAX_WORDS = 4


def _phrase(text: str) -> str:
    return " ".join(words(text))


def quotable(text: str, offset: int) -> bool:
    """False where a line is not named by its words: inside code (spec 23 names code) or a heading (a section)."""
    return not any(start <= offset < end for start, end in _unquotable(text))


@lru_cache(maxsize=32)
def _unquotable(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the text's code and headings (read once per text: every request on it asks)."""
    seg = segment(text)
    inside = [p for p in seg.paragraphs if p.code] + code_blocks(seg) + list(seg.headings)
    return tuple((unit.start, max(unit.end, unit.start + 1)) for unit in inside)


@lru_cache(maxsize=32)
def _short_lines(text: str) -> tuple[tuple[str, int, int], ...]:
    """(words, start, end) of each line of two to four words, not only stop words, outside code and headings, that
    does not end with a colon (a label introduces what follows it)."""
    found, offset = [], 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        phrase = _phrase(line)
        count = len(phrase.split())
        label = line.rstrip(" *_").endswith(":")
        if MIN_WORDS <= count <= MAX_WORDS and set(phrase.split()) - STOPWORDS and not label:
            if quotable(text, start):
                stripped = line.strip()
                begin = start + line.index(stripped)
                found.append((phrase, begin, begin + len(stripped)))
    return tuple(found)


def verbatim(seg: Segmentation, request: str) -> Unit | None:
    """The first short line that the request names after 'the' with all its words in order, as a sentence unit, or
    None. Heading lines are named as sections, and lines of code by the code rules, not quoted."""
    said = f" {_phrase(request)} "
    for phrase, start, end in _short_lines(seg.text):
        if f" the {phrase} " in said:
            return Unit("sentence", start, end, 0)
    return None

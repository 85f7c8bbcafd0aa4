"""Parts of a document that are not markdown units but that people name: labelled abstract parts,
the title line, and "furniture" paragraphs (bylines, datelines alone on a line) that nobody counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from canvas_tui.behaviours.locate.related import section_groups
from canvas_tui.document.units import Segmentation, Unit, segment

_LABEL = re.compile(r"([A-Z][A-Za-z]+(?: [A-Za-z]+){0,2}):\s")
_FURNITURE_CHARS = 80
_PROSE_END = re.compile(r"""[.!?:;…"'”’)]$""")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
MIN_LABELS = 2
LABELLED = 9


def _label(text: str, unit: Unit) -> str | None:
    """The inline label a unit starts with ('Methods:', 'RESULTS:'), when it names a standard part."""
    match = _LABEL.match(text, unit.start, unit.end)
    if not match:
        return None
    name = match.group(1)
    return name if name.isupper() or section_groups(name) else None


@lru_cache(maxsize=32)
def labelled_parts(text: str) -> tuple[Unit, ...]:
    """Parts of a structured abstract: from each inline label to the next one (or its paragraph's end).

    A part is reported as the smallest real unit kind it equals (paragraph or sentence), else as a section.
    """
    seg = segment(text)
    starts = [(s, name) for s in seg.sentences if (name := _label(text, s))]
    if len(starts) < MIN_LABELS:
        return ()
    parts = []
    for position, (sentence, name) in enumerate(starts):
        paragraph = seg.paragraph_at(sentence.start)
        end = paragraph.end if paragraph else sentence.end
        following = starts[position + 1][0].start if position + 1 < len(starts) else len(text)
        end = min(end, max(sentence.end, _trimmed_end(text, following)))
        parts.append(Unit(_kind_of(seg, sentence.start, end), sentence.start, end, position, LABELLED, name))
    return tuple(parts)


def _trimmed_end(text: str, end: int) -> int:
    return len(text[:end].rstrip())


def _kind_of(seg: Segmentation, start: int, end: int) -> str:
    for kind in ("sentence", "paragraph"):
        if any(u.start == start and u.end == end for u in seg.units(kind)):
            return kind
    return "section"


def named_sections(seg: Segmentation) -> list[Unit]:
    """Sections a request can name: markdown (or plain-line) sections and labelled abstract parts."""
    return [*seg.sections, *labelled_parts(seg.text)]


def title_line(seg: Segmentation) -> Unit | None:
    """The document's title: the heading line of a first section that holds all others, or a first short line."""
    if seg.headings and seg.sections and seg.sections[0].start == seg.headings[0].start:
        first = seg.sections[0]
        if first.level == min(s.level for s in seg.sections) and sum(s.level == first.level for s in seg.sections) == 1:
            return seg.headings[0]
    return None


def is_furniture(text: str, paragraph: Unit) -> bool:
    """A byline or dateline alone on a line ('*By Staff Reporter, 14 July*'): short and not a sentence."""
    body = text[paragraph.start:paragraph.end].strip("*_ ")
    return len(body) < _FURNITURE_CHARS and not _PROSE_END.search(body) and "\n" not in body


def has_lead(seg: Segmentation, top: list[Unit]) -> bool:
    """True when prose comes before the first top-level section (an introduction without a heading)."""
    if not top:
        return True
    return any(p.end <= top[0].start and not is_furniture(seg.text, p) for p in seg.paragraphs)


def is_list(text: str, paragraph: Unit) -> bool:
    """A paragraph that is a list (it starts with a bullet or a number)."""
    return _LIST_ITEM.match(text, paragraph.start) is not None

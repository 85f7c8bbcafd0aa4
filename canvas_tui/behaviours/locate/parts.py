"""Parts of a document that are not markdown units but that people name: labelled abstract parts,
the title line, and "furniture" paragraphs (bylines, datelines alone on a line) that nobody counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from canvas_tui.behaviours.locate.chat import remarks
from canvas_tui.behaviours.locate.related import section_groups
from canvas_tui.document.units import Segmentation, Unit, segment, sentence_spans

_NAME = r"[A-Z][A-Za-z]+(?: [A-Za-z]+){0,2}"
_CAPS_LINE = r"[A-Z]{3,}(?: [A-Z]{2,}){0,2}[ \t]*\r?\n"
_LABEL = re.compile(rf"(?P<bold>\*\*|__)?(?P<name>{_NAME})(?:\*\*|__)?:(?:\*\*|__)?\s|(?P<line>{_CAPS_LINE})")
_ANY_LABEL = re.compile(rf"(?:^|(?<=[.!?])\s+)(?:\*\*|__)?{_NAME}(?:\*\*|__)?:(?:\*\*|__)?\s|^{_CAPS_LINE}", re.M)
_FURNITURE_CHARS = 80
_PROSE_END = re.compile(r"""[.!?:;…"'”’)]$""")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_FOOTNOTE = re.compile(r"\[\^?[\w-]{1,20}\]:|\[\d{1,3}\]\s|\^\d{1,3}\s")
_CAPTION = re.compile(r"[*_]{0,2}(?:figure|fig\.|table|image|photo|caption|source)\s*\d{0,3}[.:]", re.I)
_IMAGE = re.compile(r"(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+")
_BADGES = re.compile(r"(?:\[?!?\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+")
_KEYWORDS = re.compile(r"[*_]{0,2}(?:key ?words|index terms)[*_]{0,2}\s*[:—-]", re.I)
_BACK_MATTER = re.compile(
    r"(?i)(?:\d{1,2}\.?\s+)?(?:see also|references|notes|footnotes|external links|further reading|"
    r"bibliography|sources|citations|works cited)$"
)
_BYLINE = re.compile(r"[*_]{0,2}By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[,|]|$|[*_])")
_REFERENCES = re.compile(r"(?:\[[^\]\n]{1,30}\])+$")
_SUBJECT = re.compile(r"[*_]{0,2}subject(?: line)?[*_]{0,2}:", re.I)
_SUBJECT_WITHIN = 3
_HEADER_LINES = 3
_HEADER_CHARS = 120
MIN_LABELS = 2
LABELLED = 9


def _label(text: str, start: int, end: int) -> str | None:
    """The inline label a sentence starts with ('Methods:', 'RESULTS:', '**Setting:**', or 'METHODS' alone on
    the paragraph's first line), when it is set off (capitals, bold) or names a standard part."""
    match = _LABEL.match(text, start, end)
    if not match:
        return None
    if match.group("line"):
        return match.group("line").strip()
    name = match.group("name")
    return name if name.isupper() or match.group("bold") or section_groups(name) else None


@lru_cache(maxsize=32)
def labelled_parts(text: str) -> tuple[Unit, ...]:
    """Parts of a structured abstract: from each inline label to the next one (or its paragraph's end).

    Only paragraphs holding a label are split into sentences. A part is reported as the real unit kind
    it equals (paragraph or sentence), else as a section at level LABELLED.
    """
    seg = segment(text)
    starts = []
    for paragraph in seg.paragraphs:
        if _ANY_LABEL.search(text, paragraph.start, paragraph.end):
            spans = sentence_spans(text, paragraph)
            starts += [(a, b, paragraph, spans, name) for a, b in spans if (name := _label(text, a, b))]
    if len(starts) < MIN_LABELS:
        return ()
    parts = []
    for position, (start, end, paragraph, spans, name) in enumerate(starts):
        following = starts[position + 1][0] if position + 1 < len(starts) else len(text)
        stop = min(paragraph.end, max(end, len(text[:following].rstrip())))
        kind = (
            "paragraph"
            if (start, stop) == (paragraph.start, paragraph.end)
            else "sentence"
            if (start, stop) in spans
            else "section"
        )
        parts.append(Unit(kind, start, stop, position, LABELLED, name))
    return tuple(parts)


def named_sections(seg: Segmentation) -> list[Unit]:
    """Sections a request can name: markdown (or plain-line) sections and labelled abstract parts."""
    return [*seg.sections, *labelled_parts(seg.text)]


def title_line(seg: Segmentation) -> Unit | None:
    """The document's title: the heading line of a first section that holds all others, else an email's subject line
    ("Subject: ..." among its first paragraphs)."""
    if seg.headings and seg.sections and seg.sections[0].start == seg.headings[0].start:
        first = seg.sections[0]
        if first.level == min(s.level for s in seg.sections) and sum(s.level == first.level for s in seg.sections) == 1:
            return seg.headings[0]
    subject = next((p for p in seg.paragraphs[:_SUBJECT_WITHIN] if _SUBJECT.match(seg.text, p.start)), None)
    return seg.sentence_at(subject.start) if subject else None


def is_furniture(text: str, paragraph: Unit) -> bool:
    """A paragraph nobody counts: a byline or dateline alone on a line ('*By Staff Reporter, 14 July*'), and the
    other furniture listed in `_furniture`."""
    return paragraph.start in _furniture(text)


@lru_cache(maxsize=32)
def _furniture(text: str) -> frozenset[int]:
    """Starts of paragraphs nobody counts: bylines, datelines, HTML comments, image or badge lines, captions,
    keyword lines, footnote definitions, whatever stands in back matter (See also, References, Notes), and the chat
    around a reply's deliverable (its preamble and closing remarks)."""
    seg = segment(text)
    back = [s for s in seg.sections if _BACK_MATTER.match(s.title)]
    captions = {start for start, kind in blocks(text).items() if kind == "caption"}
    found = set(remarks(text)) | {p.start for p in seg.paragraphs[:_SUBJECT_WITHIN] if _email_header(text, p)}
    for paragraph in seg.paragraphs:
        body = _REFERENCES.sub("", text[paragraph.start : paragraph.end]).strip("*_ ")
        short_line = len(body) < _FURNITURE_CHARS and not _PROSE_END.search(body) and "\n" not in body
        marked = body.startswith("<!--") or _BADGES.fullmatch(body) or _KEYWORDS.match(body) or _FOOTNOTE.match(body)
        if (
            short_line
            or marked
            or paragraph.start in captions
            or any(s.contains(paragraph.start, paragraph.end) for s in back)
        ):
            found.add(paragraph.start)
    return frozenset(found)


def _email_header(text: str, paragraph: Unit) -> bool:
    """An email's header block: a few short lines, one of them its "Subject:" line ("Email 1: Introduction" over
    "Subject: Access for all"). It is no part of the message's body, so not its opening paragraph."""
    lines = text[paragraph.start : paragraph.end].split("\n")
    short = len(lines) <= _HEADER_LINES and all(len(line) <= _HEADER_CHARS for line in lines)
    return short and any(_SUBJECT.match(line.strip()) for line in lines)


@lru_cache(maxsize=32)
def blocks(text: str) -> dict[int, str]:
    """The kind of each special block paragraph, by start: code, table, quote_block, keywords, byline, footnote,
    caption (a 'Figure 2:' line, or the text right after an image)."""
    found: dict[int, str] = {}
    previous, previous_end = "", 0
    for paragraph in segment(text).paragraphs:
        body = text[paragraph.start : paragraph.end]
        lines = body.splitlines()
        if paragraph.code and not body.startswith("<"):
            found[paragraph.start] = "code"
        elif len(lines) >= 2 and all(line.lstrip().startswith("|") for line in lines):
            found[paragraph.start] = "table"
        elif body.startswith(">"):
            found[paragraph.start] = "quote_block"
        elif _KEYWORDS.match(body):
            found[paragraph.start] = "keywords"
        elif _BYLINE.match(body):
            found[paragraph.start] = "byline"
        elif _FOOTNOTE.match(body):
            found[paragraph.start] = "footnote"
        elif (
            _CAPTION.match(body)
            or _IMAGE.match(body)
            and not _IMAGE.fullmatch(body)
            or _IMAGE.fullmatch(previous)
            and not text[previous_end : paragraph.start].strip()
        ):
            found[paragraph.start] = "caption"
        previous, previous_end = body, paragraph.end
    return found


def has_lead(seg: Segmentation, top: list[Unit]) -> bool:
    """True when prose comes before the first top-level section (an introduction without a heading)."""
    if not top:
        return True
    for paragraph in seg.paragraphs:
        if paragraph.end > top[0].start:
            return False
        if not is_furniture(seg.text, paragraph):
            return True
    return False


def is_list(text: str, paragraph: Unit) -> bool:
    """A paragraph that is a list (it starts with a bullet or a number)."""
    return _LIST_ITEM.match(text, paragraph.start) is not None

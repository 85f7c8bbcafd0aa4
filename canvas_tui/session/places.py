"""Places a request names exactly, found by code: a passage it quotes from the document, or the title.

The locator weighs the whole request; when the request quotes the document's own words ("the
paragraph starting “If a reviewer didn't…”") and the locator's part does not contain them, the
quote is the better evidence. A title change goes to the title: the front matter's `title:` or the
first top-level heading.
"""

from __future__ import annotations

import re

from canvas_tui.behaviours.base import Span
from canvas_tui.document.units import segment

_QUOTE = re.compile(r"[“\"‘](?P<text>[^“”\"‘’]{8,300}?)[”\"’]|(?<!\w)'(?P<single>[^']{8,300}?)'(?!\w)")
_FRONT_TITLE = re.compile(r"\A---\n(?:.*\n)*?title:[ \t]*(?P<value>[^\n]*)\n(?:.*\n)*?---", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]{0,3}(?P<marks>#{1,6})[ \t]+(?P<value>[^\n]*?)[ \t]*(?:\{#[^}]*\})?[ \t]*$", re.MULTILINE)


def _pattern(quote: str) -> re.Pattern[str]:
    """The quote's words with any whitespace between them (documents are often hard-wrapped)."""
    return re.compile(r"\s+".join(re.escape(word) for word in quote.rstrip(".…").split()))


def _on_heading(text: str, offset: int) -> bool:
    """Whether `offset` is on a heading line (a quoted section title names a section, not a passage)."""
    return bool(_HEADING.match(text, text.rfind("\n", 0, offset) + 1))


def quoted_passages(text: str, request: str) -> list[Span]:
    """Each passage of `text` the request quotes (of three words or more, found exactly once, not a heading)."""
    found = []
    for match in _QUOTE.finditer(request):
        quote = match.group("text") or match.group("single")
        if len(quote.split()) < 3:
            continue
        hits = list(_pattern(quote).finditer(text))
        if len(hits) == 1 and not _on_heading(text, hits[0].start()):
            found.append(Span(start=hits[0].start(), end=hits[0].end()))
    return found


def quoted_paragraph(text: str, request: str) -> Span | None:
    """The paragraph holding the first passage the request quotes, if it quotes one."""
    passages = quoted_passages(text, request)
    if not passages:
        return None
    paragraph = segment(text).paragraph_at(passages[0].start)
    return Span(start=paragraph.start, end=paragraph.end) if paragraph else passages[0]


def heading_titled(text: str, words: str) -> Span | None:
    """The words of the one heading whose text is `words` (case and markdown emphasis aside): the heading a request
    renames by its old words ('rename the heading "Risks" to ...'); None when no heading, or several, read so."""
    wanted = words.strip().strip("*_").casefold()
    found = [h for h in _HEADING.finditer(text) if h.group("value").strip("*_ ").casefold() == wanted]
    return Span(start=found[0].start("value"), end=found[0].end("value")) if len(found) == 1 else None


def title_span(text: str) -> Span | None:
    """Where the title's words are: the front matter's `title:` value, else the first top-level heading's text."""
    front = _FRONT_TITLE.match(text)
    if front and front.group("value").strip():
        return Span(start=front.start("value"), end=front.end("value"))
    headings = list(_HEADING.finditer(text))
    top = min(headings, key=lambda h: len(h.group("marks")), default=None)
    return Span(start=top.start("value"), end=top.end("value")) if top else None

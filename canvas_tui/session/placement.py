"""Reading where a request wants text: the passage to move and where it goes, the two to swap, and where
new text is added and as what (a sentence, a paragraph, a bullet)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from canvas_tui.session.splice import Where

_VERB = re.compile(
    r"^\s*(?:(?:please|now|also|then|and|can you|could you)[\s,]+)*"
    r"(?:move|put|place|bring|reorder|add|insert|append|prepend|include|write)\s+",
    re.IGNORECASE,
)
_DESTINATION = re.compile(
    r"\s+(?P<prep>(?:up |down |over )?to the (?:very )?(?:top|beginning|start|front|end|bottom)(?: of)?|before|after|above|below"
    r"|right (?:before|after)|in front of|at the (?:very )?(?:top|beginning|start|front|end|bottom)(?: of)?)\b\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SWAP = re.compile(
    r"\b(?:swap|switch|exchange|reverse)\b\s+(?:the\s+(?:order\s+of\s+(?:the\s+)?)?)?(?P<which>first|last)\s+"
    r"(?:two|2)\s+(?P<unit>paragraphs|sentences|bullets|items)(?:\s+(?:of|in)\s+(?P<scope>.+?))?[.!\s]*$",
    re.IGNORECASE,
)
_WHOLE = re.compile(
    r"^(?:the\s+)?(?:whole\s+|entire\s+)?(?:document|doc|text|page|essay|article|piece|post|file)?[\s,.!]*$",
    re.IGNORECASE,
)
_BEFORE_FIRST = re.compile(r"\b(?:before|above)\s+(?P<anchor>.+?)[.!\s]*$", re.IGNORECASE)
NewKind = Literal["sentence", "paragraph", "bullet"]


@dataclass(frozen=True)
class Destination:
    """Where moved or new text goes: before or after the passage `anchor` names (None: the whole document)."""

    where: Where
    anchor: str | None
    inside: bool = False
    """True for 'to the start/end OF X': inside X's boundaries rather than beside it."""


@dataclass(frozen=True)
class MovePlan:
    """The phrase naming the passage to move, and where it goes."""

    source: str
    destination: Destination


@dataclass(frozen=True)
class SwapPlan:
    """Exchange the first (or last) two units of a kind, inside the part `scope` names (None: the document)."""

    which: str
    unit: str
    scope: str | None


def _destination(prep: str, rest: str) -> Destination:
    prep, rest = prep.lower(), rest.strip().rstrip(".!")
    explicit = _BEFORE_FIRST.search(rest)
    if explicit and ("top" in prep or "beginning" in prep or "start" in prep or "front" in prep):
        return Destination(where="before", anchor=explicit.group("anchor"))
    if any(word in prep for word in ("top", "beginning", "start", "front")):
        anchor = rest if prep.endswith("of") and not _WHOLE.match(rest) else None
        return Destination(where="before", anchor=anchor, inside=anchor is not None)
    if any(word in prep for word in ("end", "bottom")):
        anchor = rest if prep.endswith("of") and not _WHOLE.match(rest) else None
        return Destination(where="after", anchor=anchor, inside=anchor is not None)
    return Destination(
        where="before" if prep.split()[-1] in ("before", "above", "of") else "after", anchor=rest.split(",")[0] or None
    )


def move_plan(request: str) -> MovePlan | SwapPlan | None:
    """What to move where, read from the request; None when it names no destination."""
    swap = _SWAP.search(request)
    if swap:
        return SwapPlan(which=swap.group("which").lower(), unit=swap.group("unit").lower(), scope=swap.group("scope"))
    body = _VERB.sub("", request.strip(), count=1)
    found = _DESTINATION.search(body)
    if found is None or not body[: found.start()].strip():
        return None
    return MovePlan(
        source=body[: found.start()].strip(), destination=_destination(found.group("prep"), found.group("rest"))
    )


_QUOTED = re.compile(r"[“\"‘'](?P<text>[^“”\"‘’']{3,400}?)[”\"’'](?=[\s.,:;!?)]|$)")
_KIND_WORDS: tuple[tuple[NewKind, str], ...] = (
    ("bullet", r"\b(?:bullet|item|point|entry|tip)s?\b"),
    ("paragraph", r"\b(?:paragraph|example|section|note|conclusion|summary|closing|intro(?:duction)?)s?\b"),
    ("sentence", r"\b(?:sentence|line|clause)s?\b"),
)


def new_kind(request: str) -> NewKind:
    """What kind of text an insertion adds (the first unit word the request uses; a sentence by default)."""
    head = _QUOTED.sub("", request)
    positions = [
        (match.start(), kind)
        for kind, pattern in _KIND_WORDS
        for match in [re.search(pattern, head, re.IGNORECASE)]
        if match
    ]
    return min(positions)[1] if positions else "sentence"


def given_text(request: str) -> str | None:
    """The exact text to add when the request quotes it right after the unit ('add a bullet “Ask early.”'),
    else None (a quote elsewhere names the place, not the new text)."""
    units = "|".join(pattern for _, pattern in _KIND_WORDS)
    found = re.search(
        rf"(?:{units})\s*(?:saying|that says|reading|with the text|:)?\s*{_QUOTED.pattern}", request, re.IGNORECASE
    )
    return found.group("text").strip() if found and len(found.group("text").split()) >= 2 else None


def unquoted(request: str) -> str:
    """The request without the text it quotes (quoted new text says nothing about where it goes)."""
    return _QUOTED.sub("", request)


def insert_where(request: str) -> Where:
    """Whether new text goes at the start of the located part or at its end (the default)."""
    return (
        "before"
        if re.search(
            r"\b(?:at|to) the (?:very )?(?:beginning|start|top|front)\b|\bbefore\b|\babove\b"
            r"|\bprepend|\bopen(?:s|ing)? with\b",
            unquoted(request),
            re.IGNORECASE,
        )
        else "after"
    )

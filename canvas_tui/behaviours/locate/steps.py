"""Numbered steps that carry code (spec convention 24): "1. Update the package lists by running: ```sudo apt-get
update```". A step runs from its number to the next number of the list, its commands, notes and sub-items included;
the last one to the end of what is written under it without a blank line (its block, a line after the block, its
sub-items). A request about what a step does ("connection to server failed", "add a step to edit the grub") names
the step; a request about code (a name the code holds, an error, a language) names the block.
"""

from __future__ import annotations

import re
from functools import lru_cache

from canvas_tui.behaviours.locate.chat import remarks
from canvas_tui.behaviours.locate.meaning import blend, model_in_use
from canvas_tui.behaviours.locate.reply import code_blocks
from canvas_tui.behaviours.locate.resolve import Found
from canvas_tui.behaviours.locate.scoring import by_best_sentence
from canvas_tui.behaviours.locate.text import topic_stems
from canvas_tui.document.units import Segmentation, Unit, segment

_NUMBER = re.compile(r"\d{1,3}[.)]\s")
_SUB_ITEM = re.compile(r"[ \t]+(?:[-*+]|\d{1,3}[.)]|[a-z][.)])\s")


@lru_cache(maxsize=32)
def steps(text: str) -> tuple[Unit, ...]:
    """The numbered steps of a reply whose code blocks sit inside them (none when no step holds a block)."""
    seg = segment(text)
    numbered = [item for item in seg.items if _NUMBER.match(text, item.start)]
    following = [item.start for item in numbered[1:]] + [None]
    found = [_step(seg, item, after) for item, after in zip(numbered, following)]
    blocks = code_blocks(seg)
    if not any(step.contains(block.start, block.end) for step in found for block in blocks):
        return ()
    return tuple(found)


def _step(seg: Segmentation, item: Unit, following: int | None) -> Unit:
    """One step: from its number to the next number (the last step: to the end of the paragraphs set under it with
    no blank line, or indented as its sub-items, the chat's closing remarks aside)."""
    text, chat, end = seg.text, remarks(seg.text), item.end
    for paragraph in seg.paragraphs:
        if paragraph.end <= item.end:
            continue
        if following is not None:
            if paragraph.start >= following:
                break
            end = max(end, min(paragraph.end, following))
        elif paragraph.start < end or (paragraph.start not in chat and _set_under(text, end, paragraph)):
            end = paragraph.end
        else:
            break
    return Unit("sentence", item.start, item.start + len(text[item.start : end].rstrip()), item.index)


def _set_under(text: str, end: int, paragraph: Unit) -> bool:
    """The paragraph follows the step's text with no blank line between them, or is an indented sub-item."""
    gap = re.sub(r"[ \t]", "", text[end : paragraph.start])
    return "\n\n" not in gap or bool(_SUB_ITEM.match(text, paragraph.start))


def by_step(seg: Segmentation, request: str) -> Found | None:
    """The step a request about what a step does is about: the one whose sentences are most about its words (None
    when the reply's code sits in no steps, or no step shares a word with the request)."""
    found = steps(seg.text)
    query = topic_stems(request)
    if not found or not query:
        return None
    ranked = by_best_sentence(seg, query, list(found))
    if not ranked or ranked[0][1] <= 0.0:
        return None
    return Found(blend(seg, request, list(found), dict(ranked)) if model_in_use() else ranked, "meaning")

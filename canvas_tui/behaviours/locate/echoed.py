"""Words of the reply echoed without quotation marks (spec convention 7): "elaborate on this Enemy: The enemy is
time-starvation, which ..." or "I like the Flight closer to home, keep iterating on that one" repeat a run of the
reply's own words. A run of RUN words, CONTENT of them not stop words, that stands in exactly one point or sentence of
the reply's prose names it: the point when the run lies in a list item (convention 24), else its sentence. Words in
code are named by the code rules, and words of the chat preamble or closing remarks ("Here is the cover letter for
the marketing manager position") are echoed by requests about the whole reply, so neither counts here; nor does a
label line that introduces what follows it ("1. Update the `script.js` file:"). On a reply built around code only
its points are named this way: its prose sentences explain or suggest, and a request echoing a suggestion ("make the
script runnable by encapsulating the logic in a function") asks for it in the code.
"""

from __future__ import annotations

from functools import lru_cache

from canvas_tui.behaviours.locate.chat import remarks
from canvas_tui.behaviours.locate.reply import is_code_reply
from canvas_tui.behaviours.locate.text import STOPWORDS, words
from canvas_tui.behaviours.locate.verbatim import quotable
from canvas_tui.document.units import Segmentation, Unit, segment

RUN = 4
CONTENT = 3


def _runs(text: str) -> set[tuple[str, ...]]:
    """Every run of RUN consecutive words of `text` with at least CONTENT words that are not stop words."""
    said = words(text)
    runs = (tuple(said[i : i + RUN]) for i in range(len(said) - RUN + 1))
    return {run for run in runs if sum(word not in STOPWORDS for word in run) >= CONTENT}


def echoed(seg: Segmentation, request: str) -> Unit | None:
    """The one list item, else the one sentence, of the reply's prose that holds a run of words the request repeats;
    None when no unit or more than one does."""
    asked = _runs(request)
    if not asked:
        return None
    for index in _indexes(seg.text):
        holding = {unit for run in asked & index.keys() for unit in index[run]}
        if len(holding) == 1:
            return holding.pop()
        if holding:
            return None
    return None


@lru_cache(maxsize=32)
def _indexes(text: str) -> tuple[dict[tuple[str, ...], frozenset[Unit]], ...]:
    """For the text's items, then its sentences: each run of words and the units that may be named by it (read once
    per text: every request on the reply asks, and a 100 KB document has thousands of sentences)."""
    seg = segment(text)
    chat = [p for p in seg.paragraphs if p.start in remarks(text)]
    indexes = []
    for units in (seg.items, () if is_code_reply(seg) else seg.sentences):
        index: dict[tuple[str, ...], set[Unit]] = {}
        for unit in units:
            if _nameable(text, unit, chat):
                for run in _runs(text[unit.start : unit.end]):
                    index.setdefault(run, set()).add(unit)
        indexes.append({run: frozenset(held) for run, held in index.items()})
    return tuple(indexes)


def _nameable(text: str, unit: Unit, chat: list[Unit]) -> bool:
    """A unit of the prose that is no label line and no part of the chat around the deliverable."""
    return (
        quotable(text, unit.start)
        and not text[unit.start : unit.end].rstrip(" *_`").endswith(":")
        and not any(p.contains(unit.start, unit.end) for p in chat)
    )

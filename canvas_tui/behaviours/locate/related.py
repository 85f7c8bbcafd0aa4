"""Related terms (behaviours/locate/related_terms.json): how people name parts a document words differently.

Three tables, edited by hand: section-name groups ("findings" names a "Results" heading), related topic
words (a request about how someone "died" finds "was killed"), and cue phrases of the rhetorical roles
of sentences in an unlabelled abstract ("the methods sentence" is the one saying "we collected ...").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from pydantic import BaseModel

from canvas_tui.behaviours.locate.text import normalise, stem, words
from canvas_tui.paths import behaviour_dir


class Role(BaseModel):
    """A rhetorical role of abstract sentences: where it usually sits (0 first, 1 last) and its cue phrases."""

    where: float
    cues: list[str]


class RelatedTerms(BaseModel):
    """The three tables of related_terms.json."""

    sections: list[list[str]]
    topics: list[list[str]]
    roles: dict[str, Role]


@lru_cache(maxsize=1)
def table() -> RelatedTerms:
    """The related-terms data, read once."""
    path = behaviour_dir("locate") / "related_terms.json"
    return RelatedTerms.model_validate(json.loads(path.read_text(encoding="utf-8")))


_PATTERNS = {
    "<measure>": re.compile(r"\d+\.\d+|\d+\s*(?:%|(?:percent|per cent|degrees|times|fold)\b)"),
    "<sample>": re.compile(
        r"\b\d[\d,]*\s+(?:[a-z-]+\s+){0,2}(?:adults|participants|patients|people|children|students|"
        r"volunteers|households|women|men|subjects|samples|colonies|sites|schools|mice|rats)\b"
    ),
}


def _mentions(text: str, phrase: str) -> bool:
    if phrase in _PATTERNS:
        return _PATTERNS[phrase].search(text) is not None
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) is not None


@lru_cache(maxsize=4096)
def section_groups(text: str) -> frozenset[int]:
    """Indexes of the section-name groups that `text` (a request or a heading title) mentions."""
    plain = normalise(text)
    return frozenset(n for n, group in enumerate(table().sections) if any(_mentions(plain, p) for p in group))


def named_in_prose(request: str, document: str, titles: str) -> frozenset[int]:
    """Section-name groups the request names only by a two-word term that the document's prose uses and no
    heading or label does: "the primary outcome sentence" of a trial abstract whose part is labelled
    "Results:" is about the sentence defining the primary outcome, not about the results."""
    groups = section_groups(request)
    if not groups:
        return frozenset()
    plain, body, named = normalise(request), _normalised(document), _normalised(titles)
    return frozenset(n for n in groups if _in_prose(table().sections[n], plain, body, named))


@lru_cache(maxsize=32)
def _normalised(text: str) -> str:
    """A document's (or its titles') normalised text, read once per text: every request on it asks."""
    return normalise(text)


def _in_prose(group: list[str], plain: str, body: str, named: str) -> bool:
    members = [p for p in group if not p.startswith("<") and _mentions(plain, p)]
    if not members or any(_mentions(named, p) for p in members):
        return False
    before = [(w, p) for p in members for w in re.findall(rf"([a-z]+) {re.escape(p)}(?![\w-])", plain)]
    terms = [f"{w} {p}" for w, p in before if w not in _FUNCTION_WORDS]
    return bool(terms) and len(terms) == len(before) and all(_mentions(body, t) for t in terms)


_FUNCTION_WORDS = frozenset("the a an this that these those its their our my your of to in on and or".split())
INTRODUCTION = 0


def role_of(group: int) -> str | None:
    """The abstract role a section-name group stands for ('findings' -> 'results'), if any."""
    head = table().sections[group][0]
    aliases = {
        "introduction": "background",
        "methods": "methods",
        "results": "results",
        "conclusions": "conclusion",
        "objective": "objective",
    }
    return aliases.get(head)


def group_stems(groups: frozenset[int]) -> frozenset[str]:
    """Stems of every word of the given section-name groups (the words that name a part, not a topic)."""
    return frozenset(stem(w) for g in groups for phrase in table().sections[g] for w in words(phrase))


@lru_cache(maxsize=1)
def _topic_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in table().topics:
        group_stems = {stem(w) for phrase in group for w in words(phrase)}
        for member in group_stems:
            index.setdefault(member, set()).update(group_stems - {member})
    return {k: frozenset(v) for k, v in index.items()}


def related_stems(term: str) -> frozenset[str]:
    """Stems related to one stem by the topic table (not the stem itself)."""
    return _topic_index().get(term, frozenset())


def role_score(sentence: str, role: str, position: float) -> float:
    """How much a sentence at relative `position` (0 first, 1 last) reads like `role`: cues plus position."""
    spec = table().roles[role]
    plain = normalise(sentence)
    cues = sum(_mentions(plain, cue) for cue in spec.cues)
    others = max(
        (sum(_mentions(plain, c) for c in r.cues) for name, r in table().roles.items() if name != role), default=0
    )
    return min(cues, 3) - 0.5 * min(others, 3) + 1.5 * (1.0 - abs(position - spec.where))

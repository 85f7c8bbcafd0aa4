"""Seeded paraphrases that reuse many of a sentence's words: hard negatives for the anchorer.

A model that paraphrases instead of quoting must get no anchor, even when half its words are
the document's, or when it only leaves words out. Synonyms, expanded or contracted forms, dropped fillers and a swap of clauses
change at least a given share of the words; what cannot be changed that much is skipped.
"""

from __future__ import annotations

import random
import re

_SYNONYMS = {
    "project": "repository",
    "projects": "repositories",
    "maintainer": "owner",
    "maintainers": "owners",
    "contributor": "participant",
    "contributors": "participants",
    "important": "crucial",
    "help": "assist",
    "helps": "assists",
    "make": "create",
    "makes": "creates",
    "use": "employ",
    "people": "folks",
    "community": "group",
    "issue": "problem",
    "issues": "problems",
    "easy": "simple",
    "easier": "simpler",
    "hard": "difficult",
    "want": "wish",
    "need": "require",
    "needs": "requires",
    "often": "frequently",
    "many": "numerous",
    "lot": "great deal",
    "good": "solid",
    "great": "excellent",
    "change": "modification",
    "changes": "modifications",
    "code": "source",
    "review": "examination",
    "reviewer": "examiner",
    "reviewers": "examiners",
    "developer": "engineer",
    "developers": "engineers",
    "start": "begin",
    "started": "began",
    "ask": "request",
    "asked": "requested",
    "show": "demonstrate",
    "shows": "demonstrates",
    "think": "believe",
    "know": "realise",
    "get": "obtain",
    "gets": "obtains",
    "find": "discover",
    "quickly": "rapidly",
    "fast": "speedy",
    "big": "large",
    "small": "minor",
    "new": "fresh",
    "work": "effort",
    "working": "laboring",
    "time": "period",
    "way": "manner",
    "ways": "methods",
    "important.": "crucial.",
    "also": "additionally",
    "however": "nevertheless",
    "because": "since",
    "idea": "notion",
    "ideas": "notions",
    "users": "customers",
    "user": "customer",
    "feel": "sense",
    "write": "compose",
    "writing": "composing",
    "read": "peruse",
    "reading": "perusing",
    "clear": "obvious",
    "keep": "retain",
    "try": "attempt",
    "build": "construct",
    "open": "public",
    "documentation": "docs",
    "comment": "remark",
    "comments": "remarks",
    "should": "ought to",
    "can": "is able to",
    "might": "may",
    "usually": "typically",
    "before": "prior to",
}
_FILLERS = {"that", "the", "a", "an", "very", "really", "just", "also", "even", "all", "so"}
_CONTRACTIONS = {
    "you're": "you are",
    "don't": "do not",
    "it's": "it is",
    "can't": "cannot",
    "we're": "we are",
    "they're": "they are",
    "isn't": "is not",
    "doesn't": "does not",
    "you'll": "you will",
    "won't": "will not",
    "I'm": "I am",
    "you've": "you have",
}
_TOKEN = re.compile(r"\S+")


def _swap_clauses(text: str) -> str:
    head, sep, tail = text.partition(", ")
    if not sep or len(tail.split()) < 3 or len(head.split()) < 3:
        return text
    tail = tail.rstrip(".")
    return f"{tail[:1].upper()}{tail[1:]}, {head[:1].lower()}{head[1:]}."


def _reword(rng: random.Random, word: str) -> str | None:
    """Another form of `word`, or None to drop it, or the word itself if nothing applies."""
    bare = word.lower().strip(".,;:!?")
    trail = word[len(word.rstrip(".,;:!?")) :]
    if bare in _CONTRACTIONS:
        return _CONTRACTIONS[bare] + trail
    if bare in _SYNONYMS and rng.random() < 0.9:
        return _SYNONYMS[bare] + trail
    if bare in _FILLERS and not trail and rng.random() < 0.6:
        return None
    return word


def compress(rng: random.Random, text: str, min_dropped: float = 0.2) -> str | None:
    """A shortened restatement: the sentence with a few of its words (not just fillers) left out."""
    words = _TOKEN.findall(text)
    drop = max(2, round(len(words) * min_dropped))
    if len(words) < drop + 5:
        return None
    gone = set(rng.sample(range(1, len(words) - 1), k=drop))
    return " ".join(w for i, w in enumerate(words) if i not in gone)


def paraphrase(rng: random.Random, text: str, min_changed: float = 0.35) -> str | None:
    """A paraphrase with at least `min_changed` of the words altered, or None if not reachable."""
    words = _TOKEN.findall(text)
    out: list[str] = []
    changed = 0
    for word in words:
        new = _reword(rng, word)
        changed += new != word
        if new is not None:
            out.append(new)
    if rng.random() < 0.5:
        swapped = _swap_clauses(" ".join(out))
        changed += len(words) // 3 if swapped != " ".join(out) else 0
        out = swapped.split(" ")
    if not words or changed / len(words) < min_changed:
        return None
    return " ".join(out)

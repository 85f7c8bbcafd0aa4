"""Scoring units against parts of a request: heading names, quoted text, and topic words.

Each scorer returns `(unit, score)` pairs with scores in [0, 1], best first, so the locator can
compare the best two and say when it is unsure. Indexes are cached per document text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from canvas_tui.behaviours.locate.related import related_stems, section_groups
from canvas_tui.behaviours.locate.text import EDIT_WORDS, STOPWORDS, normalise, stem, stems, words
from canvas_tui.document.units import Segmentation, Unit, segment

Scored = list[tuple[Unit, float]]
TYPO_LENGTH = 5
TYPO_RATIO = 85
STANDARD_TITLE_WORDS = 6


@dataclass(frozen=True)
class _Index:
    """BM25 statistics of the units of one kind in one document."""

    units: tuple[Unit, ...]
    bags: tuple[Counter, ...]
    idf: dict[str, float]
    mean_length: float
    postings: dict[str, tuple[int, ...]]
    saturation: tuple[float, ...]
    position: dict[Unit, int]


_LEAD = re.compile(r"^.*?[.!?](?=\s|$)", re.S)
# A markdown backslash escape (`50\%`, `snake\_case`): the reader sees, and a request quotes, the bare character.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _bag(seg: Segmentation, unit: Unit) -> Counter:
    """A unit's stems; a section's title counts three times, a paragraph's first sentence twice
    (the topic sentence says what the paragraph is about)."""
    body = seg.text[unit.start : unit.end]
    bag = Counter(stems(body))
    if unit.kind == "section":
        bag.update(stems(unit.title) * 2)
    elif unit.kind == "paragraph" and (lead := _LEAD.match(body)) and lead.end() < len(body):
        bag.update(stems(lead.group()))
    return bag


@lru_cache(maxsize=64)
def _index(text: str, kind: str) -> _Index:
    seg = segment(text)
    units = seg.units(kind)
    bags = tuple(_bag(seg, u) for u in units)
    frequency = Counter(term for bag in bags for term in bag)
    count = max(len(bags), 1)
    idf = {t: math.log(1 + (count - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
    mean = sum(sum(b.values()) for b in bags) / count or 1.0
    postings: dict[str, list[int]] = {}
    for number, bag in enumerate(bags):
        for term in bag:
            postings.setdefault(term, []).append(number)
    saturation = tuple(1.2 * (0.25 + 0.75 * sum(b.values()) / mean) for b in bags)
    return _Index(
        units,
        bags,
        idf,
        mean,
        {t: tuple(n) for t, n in postings.items()},
        saturation,
        {u: n for n, u in enumerate(units)},
    )


def relevance(text: str, kind: str, query: list[str], among: list[Unit] | None = None) -> Scored:
    """BM25 of the query stems against each unit of `kind` (optionally only `among`), scaled to [0, 1].

    A query stem the document lacks is matched through document words sharing most of it ('claimant'
    finds 'claimed'); related words from the topic table count at half weight ('died' finds 'killed').
    Each query stem adds its best link only, so a word with many relatives does not outweigh the others.
    """
    index = _index(text, kind)
    scores: dict[int, float] = {}
    for found in (_links(index, term) for term in dict.fromkeys(query)):
        best: dict[int, float] = {}
        for term, weight in found:
            for number in index.postings[term]:
                count = index.bags[number][term]
                value = weight * index.idf[term] * count * 2.2 / (count + index.saturation[number])
                best[number] = max(best.get(number, 0.0), value)
        for number, value in best.items():
            scores[number] = scores.get(number, 0.0) + value
    if among is None:
        raw = [(u, scores.get(n, 0.0)) for n, u in enumerate(index.units)]
    else:
        raw = [(u, scores.get(index.position.get(u, -1), 0.0)) for u in among]
    top = max((v for _, v in raw), default=0.0) or 1.0
    return sorted(((u, v / top) for u, v in raw), key=lambda p: -p[1])


def by_best_sentence(seg: Segmentation, query: list[str], units: list[Unit]) -> Scored:
    """The units (list items, steps) best first, each scored by its sentence most about the query stems."""
    inside = [s for s in seg.sentences if any(u.contains(s.start, s.end) for u in units)]
    best: dict[Unit, float] = {}
    for sentence, score in relevance(seg.text, "sentence", query, inside):
        unit = next(u for u in units if u.contains(sentence.start, sentence.end))
        best[unit] = max(best.get(unit, 0.0), score)
    return sorted(best.items(), key=lambda p: -p[1])


def containing(text: str, kind: str, terms: list[str]) -> list[Unit]:
    """The units of `kind` that have at least one of the stems `terms` (from the index, no rescan)."""
    index = _index(text, kind)
    numbers = sorted({n for t in terms for n in index.postings.get(t, ())})
    return [index.units[n] for n in numbers]


def _links(index: _Index, term: str) -> list[tuple[str, float]]:
    """Document terms linked to one query stem, with the weight of the link."""
    found = [(t, 1.0 if t == term else 0.7) for t in _vocabulary_matches(index, term)]
    return found + [(t, 0.5) for t in related_stems(term) if t in index.idf]


def _vocabulary_matches(index: _Index, term: str) -> list[str]:
    """The term itself when the document has it, else document words containing it ('brew' in 'homebrew')
    or sharing all but its last two letters ('claimant' and 'claim', 'economy' and 'economic')."""
    if term in index.idf:
        return [term]
    inside = [word for word in index.idf if len(term) >= 3 and term in word][:5]
    return inside or [word for word in index.idf if _shared_stem(term, word)][:5]


def _shared_stem(a: str, b: str) -> bool:
    shortest = min(len(a), len(b))
    need = max(5, shortest - 2)
    return shortest >= 5 and a[:need] == b[:need]


@lru_cache(maxsize=65536)
def _close(a: str, b: str) -> bool:
    """Two stems name the same word: equal, one a prefix of the other (5+ letters), or near-equal."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (len(short) >= 5 and long_.startswith(short)) or (len(short) >= 5 and fuzz.ratio(a, b) >= 85)


@lru_cache(maxsize=4096)
def _title_stems(title: str) -> list[str]:
    return stems(title) or [stem(w) for w in words(title)]


def _main_title(title: str) -> str:
    """A title without its subtitle: 'Manual testing (required ...)' -> 'Manual testing'."""
    return re.split(r"\s*[:(–—]\s*|\s+-\s+", title, maxsplit=1)[0]


def _named_score(title: list[str], phrases: list[str]) -> float:
    """Share of a naming phrase's words ('the section on X') that the title has."""
    best = 0.0
    for phrase in phrases:
        said = stems(phrase)
        if said:
            best = max(best, sum(any(_close(s, t) for t in title) for s in said) / len(said))
    return best


@dataclass(frozen=True)
class _Titles:
    """Per-title stems and IDF-like weights (full title and main title), cached per list of titles."""

    stems: tuple[list[str], ...]
    weights: tuple[tuple[dict[str, float], dict[str, float]], ...]
    by_start: dict[str, tuple[str, ...]]
    spelt: dict[str, str]

    def matching(self, said: set[str]) -> set[str]:
        """Title stems that name the same word as one of the request's stems (compared by first letter)."""
        return {t for s in said for t in self.by_start.get(s[:1], ()) if _close(t, s)}

    def misspelt(self, request_words: set[str]) -> set[str]:
        """Stems of title words the request misspells ('eductaion' for 'Education'): same first letter,
        five letters or more, nearly the same spelling."""
        return {
            stem_
            for word, stem_ in self.spelt.items()
            for said in request_words
            if said[:1] == word[:1] and len(said) >= TYPO_LENGTH and fuzz.ratio(said, word) >= TYPO_RATIO
        }


@lru_cache(maxsize=64)
def _titles(titles: tuple[str, ...]) -> _Titles:
    stemmed = tuple(_title_stems(t) for t in titles)
    frequency = Counter(s for title in stemmed for s in set(title))

    def weigh(words_: list[str]) -> dict[str, float]:
        return {w: 1.0 / max(frequency[w], 1) for w in words_}

    weights = tuple((weigh(ss), weigh(_title_stems(_main_title(t)))) for t, ss in zip(titles, stemmed))
    starts: dict[str, set[str]] = {}
    for full, main in weights:
        for word in (*full, *main):
            starts.setdefault(word[:1], set()).add(word)
    spelt = {w: stem(w) for title in titles for w in words(title) if len(w) >= TYPO_LENGTH and w not in STOPWORDS}
    return _Titles(stemmed, weights, {k: tuple(v) for k, v in starts.items()}, spelt)


def _coverage(weights: dict[str, float], matched: set[str]) -> float:
    """IDF-weighted share of a title's stems that the request has (rare title words weigh more)."""
    return sum(w for t, w in weights.items() if t in matched) / (sum(weights.values()) or 1.0)


def heading_scores(
    sections: list[Unit], request: str, named: list[str] | None = None, groups: frozenset[int] = frozenset()
) -> Scored:
    """How well each section title (or its main title, without a subtitle) is named in the request:
    IDF-weighted share of its words present, the share of a naming phrase's words ('the section on
    saying no') found in the title, or a standard part named by another word of its group (`groups`:
    'findings' names 'Results'; only short titles are standard parts). A title none of whose words is
    named scores 0."""
    said = set(stems(request))
    table = _titles(tuple(s.title for s in sections))
    matched = table.matching(said)
    unknown = {w for w in words(request) if w not in STOPWORDS and w not in EDIT_WORDS and stem(w) not in matched}
    matched |= table.misspelt(unknown)
    plain = normalise(request)
    scored = []
    for section, title, (full, main) in zip(sections, table.stems, table.weights):
        coverage = max(_coverage(full, matched), _coverage(main, matched))
        standard = len(section.title.split()) <= STANDARD_TITLE_WORDS
        grouped = 0.9 if standard and groups & section_groups(section.title) else 0.0
        score = max(coverage, _named_score(title, named or []) - 0.05, grouped)
        exact = (
            fuzz.partial_ratio(_prepared(section.title)[0], plain) / 100 if score and len(section.title) >= 4 else 0.0
        )
        scored.append((section, 0.8 * score + 0.2 * exact))
    return sorted(scored, key=lambda p: -p[1])


@lru_cache(maxsize=65536)
def _prepared(piece: str) -> tuple[str, frozenset[str]]:
    """A unit's normalised text (markdown escapes read as the character escaped) and stem set (cached: units
    are scored again on every request)."""
    return normalise(unescape(piece)), frozenset(stems(piece))


def unescape(text: str) -> str:
    """`text` with markdown backslash escapes replaced by the characters they escape."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def quote_scores(seg: Segmentation, quote: str, units: list[Unit], shortlist: int = 60) -> Scored:
    """How well each unit contains the quoted (or half-quoted, paraphrased) phrase.

    The slow literal comparison runs on the `shortlist` units sharing the most stems with the quote.
    """
    phrase = normalise(unescape(quote))
    wanted = set(stems(quote))
    overlaps = [
        (unit, len(wanted & _prepared(seg.text[unit.start : unit.end])[1]) / len(wanted) if wanted else 0.0)
        for unit in units
    ]
    if wanted and len(overlaps) > shortlist:
        overlaps = sorted(overlaps, key=lambda p: -p[1])[:shortlist]
    scored = []
    for unit, overlap in overlaps:
        body = _prepared(seg.text[unit.start : unit.end])[0]
        literal = fuzz.partial_ratio(phrase, body) / 100 if len(phrase) <= len(body) else fuzz.ratio(phrase, body) / 100
        scored.append((unit, max(literal, 0.5 * literal + 0.5 * overlap)))
    return sorted(scored, key=lambda p: -p[1])

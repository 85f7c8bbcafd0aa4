"""Document units (sections, paragraphs, sentences) with exact `[start, end)` offsets.

Every unit satisfies `text[start:end] == unit text`, with no surrounding whitespace, and the
offsets index the ORIGINAL text (CRLF and CR line endings included). Markdown structure comes
from markdown-it-py's block line maps; sentences come from pySBD inside each paragraph.
Segmentation is pure and cached per text, so callers can ask for it on every keystroke.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

import pysbd
from markdown_it import MarkdownIt

UnitKindName = Literal["sentence", "paragraph", "section", "document"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADING_ATTRS = re.compile(r"\s*\{#[^}]*\}\s*$")
_MARKER = r"(?:[-*+]|\d{1,3}(?:\.\d{1,3})*[.)])"
"""A list item's marker: a bullet, a number ("3.", "2)") or a dotted outline number ("4.3.")."""
_LIST_MARKER = re.compile(rf"^\s{{0,3}}{_MARKER}\s+")
_TERMINAL = re.compile(r"""[.!?:;…"'”’)\]]$""")
_ATOMIC_BLOCKS = {"fence", "code_block", "html_block"}
_REFERENCE = r"\[[^\]\n]{1,30}\]"
_INNER_END = re.compile(rf"""[.!?…][.!?…"'”’)\]*_]*(?:{_REFERENCE})*\s+\S""")
_CHUNK_CHARS = 3000
_CHUNK_CUT = re.compile(r"""(?<=[a-z]{3})[.!?]["'”’)]?\s+(?=["“(]?[A-Z])""")
"""Where a long piece may be cut for pySBD: a sentence end after a lowercase word (not "Dr." or "e.g.")."""
_REFERENCES_ONLY = re.compile(rf"(?:{_REFERENCE})+")
_PLAIN_HEADING = re.compile(r"""^(?!By [A-Z])[A-Z0-9][^.!?:;"“”]{0,78}[^\s.!?:;,"“”*_]$""")
_PLAIN_TITLE = re.compile(r"""^(?!By [A-Z])[A-Z0-9][^.!;"“”]{0,200}[^\s.!:;,"“”*_]$""")
_DATE_LINE = re.compile(
    r"(?i)^(?:(?:first |last )?(?:published|updated|posted)\b|(?:mon|tue|wed|thu|fri|sat|sun)\w*,? \d)"
)
_NUMBER_PREFIX = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})[.)]?\s+(?=[A-Z])")
_OUTLINE_LABEL = re.compile(r"^(?!Step )[A-Z][a-z]+ (?:\d{1,2}|[IVX]{1,5})(?:[:.] +(?=[A-Z])|$)")
"""An outline line's label ("Module 1: ", "Chapter 3: ", "Scene 2"): the heading's text is what follows it. A step line
("Step 1: Install Python") is a numbered point of a reply, not a section."""
_PLAIN_HEADING_WORDS = 10
_PROSE_WORDS = 6
_CODE_SIGNS = re.compile(r"[{};=<>$\\]|\(\)|^\s*(?:#|//|\$|>>>)|\b(?:def|return|import|function|var|let|const)\b", re.M)
_PLAIN_TITLE_WORDS = 25


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of a document: its kind, its exact span, and (sections) heading level and title."""

    kind: UnitKindName
    start: int
    end: int
    index: int
    level: int = 0
    title: str = ""
    code: bool = False

    def text(self, document: str) -> str:
        """The unit's text in `document`."""
        return document[self.start : self.end]

    def contains(self, start: int, end: int) -> bool:
        """True when `[start, end)` lies inside this unit."""
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class Segmentation:
    """All units of one text, in document order, with lookups by offset and by nesting."""

    text: str
    sections: tuple[Unit, ...]
    paragraphs: tuple[Unit, ...]
    document: Unit | None
    headings: tuple[Unit, ...] = ()
    items: tuple[Unit, ...] = ()
    _para_starts: list[int] = field(default_factory=list, repr=False)

    @cached_property
    def sentences(self) -> tuple[Unit, ...]:
        """The sentences, split on first use (pySBD is most of the cost of segmenting a long text)."""
        return tuple(_sentences(self.text, list(self.paragraphs)))

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def units(self, kind: UnitKindName) -> tuple[Unit, ...]:
        """The units of one kind (`document` gives the whole stripped text, if any)."""
        if kind == "document":
            return (self.document,) if self.document else ()
        if kind == "sentence":
            return self.sentences
        return {"section": self.sections, "paragraph": self.paragraphs}[kind]

    def paragraph_at(self, offset: int) -> Unit | None:
        """The paragraph containing `offset`, if any."""
        return _containing(self.paragraphs, self._para_starts, offset)

    def sentence_at(self, offset: int) -> Unit | None:
        """The sentence containing `offset`, if any."""
        return _containing(self.sentences, self._sent_starts, offset)

    def section_at(self, offset: int) -> Unit | None:
        """The innermost (deepest) section containing `offset`, if any."""
        inside = [s for s in self.sections if s.start <= offset < s.end]
        return max(inside, key=lambda s: s.level) if inside else None

    def within(self, kind: UnitKindName, outer: Unit) -> list[Unit]:
        """The units of `kind` lying inside `outer` (sentences of a paragraph, paragraphs of a section)."""
        return [u for u in self.units(kind) if outer.contains(u.start, u.end) and u != outer]

    def smallest_containing(self, start: int, end: int) -> Unit | None:
        """The smallest unit (sentence, paragraph, section, document) containing `[start, end)`."""
        for kind in ("sentence", "paragraph", "section", "document"):
            found = [u for u in self.units(kind) if u.contains(start, end)]
            if found:
                return min(found, key=lambda u: u.end - u.start)
        return None


def _containing(units: tuple[Unit, ...], starts: list[int], offset: int) -> Unit | None:
    position = bisect.bisect_right(starts, offset) - 1
    if position >= 0 and units[position].start <= offset < units[position].end:
        return units[position]
    return None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    """Line spans of the original text, line breaks excluded (CRLF, CR and LF all count)."""
    lines, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(_Line(start, match.start()))
        start = match.end()
    lines.append(_Line(start, len(text)))
    return lines


def _front_matter_end(texts: list[str]) -> int:
    """Number of lines taken by a leading YAML front matter block (0 if none)."""
    if not texts or texts[0].strip() != "---":
        return 0
    for number, line in enumerate(texts[1:80], start=1):
        if line.strip() in ("---", "..."):
            return number + 1
    return 0


@dataclass
class _Blocks:
    headings: list[tuple[int, int, int, str]] = field(default_factory=list)
    atomic: dict[int, int] = field(default_factory=dict)
    skipped: set[int] = field(default_factory=set)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _blocks(texts: list[str], skip_until: int) -> _Blocks:
    """Headings (first line, end line, level, title), atomic blocks and skipped lines, from markdown-it."""
    source = "\n".join("" if number < skip_until else line for number, line in enumerate(texts))
    blocks = _Blocks(skipped=set(range(skip_until)))
    tokens = _markdown().parse(source)
    for position, token in enumerate(tokens):
        if token.level != 0 or not token.map:
            continue
        first, last = token.map
        if token.type == "heading_open":
            title = _HEADING_ATTRS.sub("", tokens[position + 1].content).strip()
            blocks.headings.append((first, last, int(token.tag[1]), title))
        elif token.type in _ATOMIC_BLOCKS and not (token.type == "code_block" and _indented_prose(token.content)):
            blocks.atomic[first] = last
        elif token.type == "hr":
            blocks.skipped.update(range(first, last))
    if not blocks.headings:
        blocks.headings.extend(_plain_headings(texts, skip_until))
    return blocks


def _indented_prose(content: str) -> bool:
    """An indented block that is a paragraph of prose (a tab or first-line indent in pasted text), not code."""
    body = content.strip()
    return len(body.split()) >= _PROSE_WORDS and bool(_TERMINAL.search(body)) and not _CODE_SIGNS.search(body)


def _is_plain_heading(texts: list[str], number: int, skip_until: int, first: bool) -> bool:
    """A short unpunctuated line standing alone between blank lines, with text after it; the first line of
    the text (its title: a headline, a paper's title with a subtitle after a colon) may be longer.
    A numbered line ("2. Methods", "II. History") is a heading unless a list follows it (a loose list); an outline
    line ("Module 1: Introduction to Marketing", "Scene 2") is one even with a list under it.
    Datelines ("Published 14 March") are not headings."""
    line = texts[number].strip()
    alone = (
        (number == skip_until or not texts[number - 1].strip())
        and number + 1 < len(texts)
        and not texts[number + 1].strip()
    )
    following = next((t for t in texts[number + 1 :] if t.strip()), None)
    if not alone or following is None:
        return False
    outline = _OUTLINE_LABEL.sub("", line, count=1)
    if outline != line:
        return not outline or _is_plain_heading_text(outline, first)
    bare = _NUMBER_PREFIX.sub("", line, count=1)
    if bare != line:
        return not _LIST_MARKER.match(following) and _is_plain_heading_text(bare, first)
    return not _LIST_MARKER.match(line) and _is_plain_heading_text(line, first)


def _is_plain_heading_text(line: str, first: bool) -> bool:
    """Short, unpunctuated, not a dateline (a title line may be longer and hold a colon)."""
    pattern, most = (_PLAIN_TITLE, _PLAIN_TITLE_WORDS) if first else (_PLAIN_HEADING, _PLAIN_HEADING_WORDS)
    return bool(pattern.match(line)) and len(line.split()) <= most and not _DATE_LINE.match(line)


def _plain_headings(texts: list[str], skip_until: int) -> list[tuple[int, int, int, str]]:
    """Headings of pasted web text ("History" alone on a line): the first line is the title (level 1)."""
    found, first = [], True
    for number in range(skip_until, len(texts)):
        if not texts[number].strip():
            continue
        if _is_plain_heading(texts, number, skip_until, first):
            found.append((number, number + 1, 1 if first else 2, texts[number].strip()))
        first = False
    return found


def _span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink `[start, end)` to exclude surrounding whitespace; None when only whitespace."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(stripped)


def _line_per_paragraph(texts: list[str]) -> bool:
    """A run of lines that each end a sentence is pasted prose: one paragraph per line."""
    if len(texts) < 2 or any(_LIST_MARKER.match(t) for t in texts):
        return False
    return all(_TERMINAL.search(t.rstrip()) for t in texts)


def _paragraph_runs(texts: list[str], blocks: _Blocks) -> list[tuple[int, int, bool]]:
    """Line ranges `[first, last)` of paragraphs, with a flag for code/HTML blocks."""
    heading_lines = {n for first, last, _, _ in blocks.headings for n in range(first, last)}
    runs, number, current = [], 0, None
    while number < len(texts):
        if number in blocks.atomic:
            runs.extend([(current, number, False)] if current is not None else [])
            runs.append((number, blocks.atomic[number], True))
            current, number = None, blocks.atomic[number]
            continue
        breaks = not texts[number].strip() or number in heading_lines or number in blocks.skipped
        if breaks and current is not None:
            runs.append((current, number, False))
            current = None
        elif not breaks and current is None:
            current = number
        number += 1
    if current is not None:
        runs.append((current, len(texts), False))
    return _split_pasted(runs, texts)


def _split_pasted(runs: list[tuple[int, int, bool]], texts: list[str]) -> list[tuple[int, int, bool]]:
    result = []
    for first, last, code in runs:
        if not code and _line_per_paragraph(texts[first:last]):
            result.extend((n, n + 1, False) for n in range(first, last) if texts[n].strip())
        else:
            result.append((first, last, code))
    return result


def _sections(text: str, lines: list[_Line], blocks: _Blocks) -> list[Unit]:
    sections = []
    headings = blocks.headings
    for position, (first, _last, level, title) in enumerate(headings):
        following = [h[0] for h in headings[position + 1 :] if h[2] <= level]
        end = lines[following[0]].start if following else len(text)
        span = _span(text, lines[first].start, end)
        if span:
            sections.append(Unit("section", span[0], span[1], len(sections), level, title))
    return sections


def _heading_lines(text: str, lines: list[_Line], blocks: _Blocks) -> list[Unit]:
    """The heading lines themselves (kind `sentence`: a one-line unit), e.g. for "fix the title"."""
    found = []
    for first, last, level, title in blocks.headings:
        span = _span(text, lines[first].start, lines[last - 1].end)
        if span:
            found.append(Unit("sentence", span[0], span[1], len(found), level, title))
    return found


def _paragraphs(text: str, lines: list[_Line], texts: list[str], blocks: _Blocks) -> list[Unit]:
    paragraphs = []
    for first, last, code in _paragraph_runs(texts, blocks):
        span = _span(text, lines[first].start, lines[last - 1].end)
        if span:
            paragraphs.append(Unit("paragraph", span[0], span[1], len(paragraphs), code=code))
    return paragraphs


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _pieces(text: str, paragraph: Unit) -> list[tuple[int, int]]:
    """Spans to split into sentences: the paragraph, or each item of a list."""
    body = text[paragraph.start : paragraph.end]
    if paragraph.code:
        return [(paragraph.start, paragraph.end)]
    starts = [m.start() for m in _item_starts(body)]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    bounds = [*starts, len(body)]
    return [(paragraph.start + a, paragraph.start + b) for a, b in zip(bounds, bounds[1:])]


def _item_starts(body: str):
    return re.finditer(rf"(?m)^[ \t]{{0,3}}{_MARKER}[ \t]+", body)


def _sentences_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """pySBD sentence spans inside `[start, end)`, re-anchored where pySBD's offsets drift.

    Line breaks become spaces first (same length, so offsets hold): hard-wrapped lines are not sentences.
    """
    spans = [(start + a, start + b) for a, b in _split(text[start:end].replace("\r", " ").replace("\n", " "))]
    return spans or ([s] if (s := _span(text, start, end)) else [])


@lru_cache(maxsize=8192)
def _split(piece: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of one piece of text (cached: most paragraphs survive an edit unchanged).

    A piece with no sentence end followed by more text is one sentence: pySBD is not asked.
    """
    if not _INNER_END.search(piece.strip()):
        return ()
    spans, cursor, backticks = [], 0, [m.start() for m in re.finditer("`", piece)]
    for start, sentence in _segmented(piece):
        body = sentence.strip()
        at = start + len(sentence) - len(sentence.lstrip())
        found = at if at >= cursor and piece.startswith(body, at) else piece.find(body, cursor)
        if not body or found < 0:
            continue
        cursor = found + len(body)
        if spans and (_REFERENCES_ONLY.fullmatch(body) or _in_inline_code(backticks, found)):
            spans[-1] = (spans[-1][0], cursor)
        else:
            spans.append((found, cursor))
    return tuple(spans)


def _segmented(piece: str):
    """pySBD's sentences of `piece` as (start, text); a long piece is segmented in chunks cut after a sentence end.

    pySBD's work grows with the square of a piece's sentences (a 250 KB paragraph took 80 s); chunks keep it linear.
    """
    for offset, chunk in _chunks(piece):
        for sentence in _segmenter().segment(chunk):
            yield offset + sentence.start, sentence.sent


def _chunks(piece: str):
    """`piece` as (offset, chunk) pieces, each but the last at least `_CHUNK_CHARS` long and cut after a plain
    sentence end."""
    start = 0
    while (cut := _CHUNK_CUT.search(piece, start + _CHUNK_CHARS)) is not None:
        yield start, piece[start : cut.end()]
        start = cut.end()
    yield start, piece[start:]


def _in_inline_code(backticks: list[int], at: int) -> bool:
    """`at` lies inside an inline code span (odd backticks before it): pySBD splits "`.venv`" after the dot.

    `backticks` are the piece's backtick offsets, found once: counting them per sentence grew with the square.
    """
    return bisect.bisect_left(backticks, at) % 2 == 1


def sentence_spans(text: str, paragraph: Unit) -> list[tuple[int, int]]:
    """The sentence spans of one paragraph (each list item split on its own; a code block is one)."""
    spans = []
    for piece_start, piece_end in _pieces(text, paragraph):
        pieces = [(piece_start, piece_end)] if paragraph.code else _sentences_of(text, piece_start, piece_end)
        spans += [span for start, end in pieces if (span := _span(text, start, end))]
    return spans


def _sentences(text: str, paragraphs: list[Unit]) -> list[Unit]:
    spans = [span for paragraph in paragraphs for span in sentence_spans(text, paragraph)]
    return [Unit("sentence", start, end, number) for number, (start, end) in enumerate(spans)]


def _items(text: str, paragraphs: list[Unit]) -> list[Unit]:
    """The items of list paragraphs (kind `sentence`: the smallest unit a list has), for "step 3"."""
    items = []
    for paragraph in paragraphs:
        pieces = _pieces(text, paragraph)
        if len(pieces) > 1 or _LIST_MARKER.match(text[paragraph.start : paragraph.end]):
            for start, end in pieces:
                span = _span(text, start, end)
                if span and _LIST_MARKER.match(text[span[0] : span[1]]):
                    items.append(Unit("sentence", span[0], span[1], len(items)))
    return items


@lru_cache(maxsize=32)
def segment(text: str) -> Segmentation:
    """Split `text` into sections, paragraphs and sentences with exact offsets (cached per text)."""
    lines = _lines(text)
    texts = [text[line.start : line.end] for line in lines]
    blocks = _blocks(texts, _front_matter_end(texts))
    paragraphs = _paragraphs(text, lines, texts, blocks)
    whole = _span(text, 0, len(text))
    return Segmentation(
        text=text,
        sections=tuple(_sections(text, lines, blocks)),
        paragraphs=tuple(paragraphs),
        document=Unit("document", whole[0], whole[1], 0) if whole else None,
        headings=tuple(_heading_lines(text, lines, blocks)),
        items=tuple(_items(text, paragraphs)),
        _para_starts=[p.start for p in paragraphs],
    )

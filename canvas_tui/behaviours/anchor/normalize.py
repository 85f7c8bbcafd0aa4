"""Normalise text for quote matching while remembering where every character came from.

Both the document and the quote go through the same function, so that differences a reader
would not notice disappear: case, single vs double and curly vs straight quotes, en/em dashes
vs hyphens, runs and kinds of whitespace, a space before punctuation (`word , word`), accents,
markdown syntax and HTML entities. Each normalised character keeps the index of the original
character it came from, so a match in normalised text maps back to a span of the ORIGINAL
text.

Fast because documents are mostly ASCII: every character is first folded to one byte (ASCII
through `bytes.translate`; the few other characters through a code point table, standing in
as a placeholder byte when they stay non-ASCII), then the blank and punctuation rules run as
numpy operations on bytes, never a per-character Python loop, and the offset map is one flag
per original character (`offsets.py`). A 1 MB document normalises in about 8 ms of CPU.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from canvas_tui.behaviours.anchor.markup import Entity, entities, markup_positions
from canvas_tui.behaviours.anchor.offsets import Normalized

TABLE_SIZE = 0x10000
DELETE = 0
SPACE = 32
# Placeholder bytes for characters that normalise to a non-ASCII character (punctuation or not).
WIDE, WIDE_PUNCT = 128, 129
DOT, DASH, QUOTE = ord("."), ord("-"), ord("'")
_DELETED = set("*_`~\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Single and double, straight and curly: models swap all of them, so all read as `'`.
_QUOTES = set("'\u2018\u2019\u201a\u201b\u2032\u00b4\"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb")
_DROPPED_CATEGORIES = {"Mn", "Cf"}  # nonspacing marks and format characters
_DASHES = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


def fold_char(char: str) -> int:
    """The code point a character of the Basic Multilingual Plane normalises to (DELETE to drop
    it, SPACE for any blank); others (and lone surrogates) stay as they are."""
    if char in _DELETED or unicodedata.category(char) in _DROPPED_CATEGORIES:
        return DELETE
    if char.isspace() or char == "|":
        return SPACE
    if char in _QUOTES:
        return ord("'")
    if char in _DASHES:
        return ord("-")
    if char == "\u2026":
        return ord(".")
    if unicodedata.category(char) == "Cc":
        return DELETE
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not _is_mark(c))
    base = base.casefold()
    return ord(base[0]) if base else DELETE


def _is_mark(char: str) -> bool:
    """A mark that folding drops, so a folded character never folds again to something else (Thai SARA AM
    decomposes to NIKHAHIT, a mark whose combining class is 0, and the vowel AA)."""
    return bool(unicodedata.combining(char)) or unicodedata.category(char) in _DROPPED_CATEGORIES


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """(code point -> normalised code point, normalised code point -> is punctuation), BMP only."""
    mapped = np.array(
        [fold_char(chr(c)) if not 0xD800 <= c < 0xE000 else c for c in range(TABLE_SIZE)], dtype=np.uint32
    )
    punct = np.array([not chr(c).isalnum() and not chr(c).isspace() and c != DELETE for c in range(TABLE_SIZE)])
    return mapped, punct


@lru_cache(maxsize=1)
def _byte_tables() -> tuple[bytes, bytes]:
    """`bytes.translate` tables: ASCII code -> folded code, folded byte -> 1 if punctuation."""
    mapped, punct = _tables()
    folding = bytes(int(code) for code in mapped[:128]) + bytes(range(128, 256))
    punctuation = bytes(int(flag) for flag in punct[:128]) + bytes(int(code == WIDE_PUNCT) for code in range(128, 256))
    return folding, punctuation


def _lookup(table: np.ndarray, codes: np.ndarray, default: np.ndarray) -> np.ndarray:
    """Table lookup for BMP code points; `default` for code points beyond the table."""
    if not len(codes) or codes.max() < TABLE_SIZE:
        return table[codes]
    inside = codes < TABLE_SIZE
    return np.where(inside, table[np.where(inside, codes, 0)], default)


def codes_of(text: str) -> np.ndarray:
    """The code points of `text` as an array (lone surrogates, which JSON allows, included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def codes_at(text: str, at: np.ndarray) -> np.ndarray:
    """The code points of `text` at positions `at`: looked up one by one when they are few, as
    the non-ASCII characters of most documents are, else read from a 4-byte copy of the text."""
    if len(at) * 64 > len(text):
        return codes_of(text)[at]
    return np.array([ord(text[i]) for i in at.tolist()], dtype=np.uint32)


def non_ascii(text: str, ascii_text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(positions, code points) of the non-ASCII characters of `text`, given its ASCII bytes
    (`text.encode("ascii", "replace")`, where each of them is one `?`)."""
    marks = np.flatnonzero(np.frombuffer(ascii_text, dtype=np.uint8) == ord("?"))
    codes = codes_at(text, marks)
    wide = codes >= 128
    return marks[wide], codes[wide]


@dataclass(frozen=True)
class _Folded:
    """Every original character folded to one byte: its normalised ASCII code, DELETE, or a WIDE
    placeholder; `wide_codes` are the normalised characters behind the placeholders at `wide_at`."""

    small: np.ndarray
    wide_at: np.ndarray
    wide_codes: np.ndarray


def _special(text: str, ascii_text: bytes, found: list[Entity]) -> tuple[np.ndarray, np.ndarray]:
    """(positions, code points) of the characters the ASCII table cannot fold: non-ASCII ones,
    and the `&` of each entity, which reads as the character the entity stands for."""
    at = np.array([start for start, _end, _char in found], dtype=np.int64)
    codes = np.array([ord(char) for _start, _end, char in found], dtype=np.uint32)
    if text.isascii():
        return at, codes
    wide, wide_codes = non_ascii(text, ascii_text)
    slots = np.searchsorted(wide, at)
    return np.insert(wide, slots, at), np.insert(wide_codes, slots, codes)


def _fold(text: str, ascii_text: bytes, found: list[Entity]) -> _Folded:
    """Fold every character of `text`, given its ASCII bytes (see `_Folded`)."""
    folding, _punctuation = _byte_tables()
    at, codes = _special(text, ascii_text, found)
    if not len(at):
        return _Folded(np.frombuffer(ascii_text.translate(folding), dtype=np.uint8), at, codes)
    small = np.frombuffer(bytearray(ascii_text.translate(folding)), dtype=np.uint8)
    mapping, punct = _tables()
    mapped = _lookup(mapping, codes, codes)
    wide = mapped >= 128
    is_punct = _lookup(punct, mapped, np.zeros(len(mapped), dtype=bool))
    small[at] = np.where(wide, np.where(is_punct, WIDE_PUNCT, WIDE), mapped)
    return _Folded(small, at[wide], mapped[wide])


def _refined(mask: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """`mask` with its set elements further filtered by `inner` (one flag per set element)."""
    out = mask.copy()
    out[mask] = inner
    return out


@dataclass(frozen=True)
class _LongRuns:
    """The blank runs of two or more spaces: where each starts and where it ends (exclusive)."""

    starts: np.ndarray
    ends: np.ndarray

    @classmethod
    def of(cls, blank: np.ndarray) -> _LongRuns:
        """Found from the (few) blanks that another blank follows."""
        pairs = np.flatnonzero(blank[:-1] & blank[1:])
        starts = pairs[(pairs == 0) | ~blank[pairs - 1]]
        ends = pairs[(pairs + 2 == len(blank)) | ~blank[np.minimum(pairs + 2, len(blank) - 1)]] + 2
        return cls(starts, ends)

    def start_before(self, at: np.ndarray) -> np.ndarray:
        """The start of the run that ends at each of `at`."""
        return self.starts[np.searchsorted(self.ends, at)]


def _kept_blanks(blank: np.ndarray, punct: np.ndarray, runs: _LongRuns) -> np.ndarray:
    """Which blanks stay: each run becomes its first space, which goes too at either end of the
    text or next to punctuation (the characters on both sides of the run)."""
    kept = blank.copy()
    kept[1:] &= ~(blank[:-1] | punct[:-1])
    kept[:-1] &= ~(blank[1:] | punct[1:])
    kept[[0, -1]] = False
    size = len(blank)
    clear_before = (runs.starts > 0) & ~punct[runs.starts - 1]
    clear_after = (runs.ends < size) & ~punct[np.minimum(runs.ends, size - 1)]
    kept[runs.starts[clear_before & clear_after]] = True
    return kept


def _repeated_marks(small: np.ndarray, blank: np.ndarray, runs: _LongRuns) -> np.ndarray:
    """Flags of the `.`, `-` and `'` that repeat the character before them once blanks are
    squeezed (`...` = `.`, `--` = `-`, `. .` = `.`). A blank run before such a mark always goes
    (the mark is punctuation), so the mark then follows the character before the run."""
    mark = (small == DOT) | (small == DASH) | (small == QUOTE)
    repeated = np.zeros(len(small), dtype=bool)
    repeated[1:] = mark[1:] & (small[1:] == small[:-1])
    after_run = np.flatnonzero(mark[1:] & blank[:-1]) + 1
    if len(after_run):
        run_start = after_run - 1
        long = (run_start > 0) & blank[np.maximum(run_start - 1, 0)]
        run_start[long] = runs.start_before(after_run[long])
        has_before = run_start > 0
        ahead = after_run[has_before]
        repeated[ahead] = small[run_start[has_before] - 1] == small[ahead]
    return repeated


def _kept(small: np.ndarray) -> np.ndarray:
    """Which characters of the visible sequence stay: all but squeezed blanks and repeated marks."""
    if not len(small):
        return np.zeros(0, dtype=bool)
    _folding, punctuation = _byte_tables()
    punct = np.frombuffer(small.tobytes().translate(punctuation), dtype=bool)
    blank = small == SPACE
    runs = _LongRuns.of(blank)
    kept = _kept_blanks(blank, punct, runs)
    kept |= ~blank
    kept &= ~_repeated_marks(small, blank, runs)
    return kept


def _text(one_byte: bytes, kept: np.ndarray, folded: _Folded) -> str:
    """The normalised string: the bytes, with each placeholder replaced by its character (spliced
    into the ASCII text when there are few, as in most documents)."""
    ascii_text = one_byte.decode("latin-1")
    if not len(folded.wide_at):
        return ascii_text
    small = np.frombuffer(one_byte, dtype=np.uint8)
    wide = np.flatnonzero(small >= WIDE)
    chars = folded.wide_codes[kept[folded.wide_at]]
    if len(wide) * 16 > len(small):
        codes = small.astype(np.uint32)
        codes[wide] = chars
        return codes.tobytes().decode("utf-32-le", "surrogatepass")
    cuts = wide.tolist()
    parts = [""] * (2 * len(cuts) + 1)
    parts[1::2] = map(chr, chars.tolist())
    parts[0::2] = [ascii_text[start:stop] for start, stop in zip([0, *(cut + 1 for cut in cuts)], [*cuts, len(small)])]
    return "".join(parts)


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching; see the module docstring for what is made equal."""
    ascii_text = text.encode("ascii", "replace")
    found = entities(ascii_text)
    folded = _fold(text, ascii_text, found)
    visible = folded.small != DELETE
    visible[markup_positions(ascii_text, found)] = False
    small = folded.small[visible]
    kept = _kept(small)
    in_text = _refined(visible, kept)
    one_byte = small[kept].tobytes()
    return Normalized(_text(one_byte, in_text, folded), in_text, one_byte)

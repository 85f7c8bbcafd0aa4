"""Seeded text perturbations that imitate how models misquote a document.

Each function takes a `random.Random` and a string and returns the changed string. They are
deliberately independent of the anchorer's normaliser (no shared code), so the eval set does
not bake in the matcher's own idea of equality.
"""

from __future__ import annotations

import random
import re

_WORD = re.compile(r"[A-Za-z]{4,}")
_KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm"
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = tuple(
    re.compile(p, re.DOTALL)
    for p in (r"\*\*(.+?)\*\*", r"__(.+?)__", r"\*(.+?)\*", r"(?<!\w)_(.+?)_(?!\w)", r"`(.+?)`")
)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LINE_MARKER = re.compile(r"^[ \t]*(?:#{1,6}|>|[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)


def render(markdown: str) -> str:
    """Markdown as a reader sees it: no link targets, emphasis marks, code ticks, line markers,
    HTML tags or backslash escapes."""
    text = _HTML_TAG.sub("", re.sub(r"\\([\\\[\]*_`])", r"\1", markdown))
    text = _LINK.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return _LINE_MARKER.sub("", text)


def change_case(rng: random.Random, text: str) -> str:
    """Lower-case all, upper-case all, title-case, or flip the case of a few words."""
    style = rng.choice(["lower", "upper", "title", "flip", "first"])
    if style == "lower":
        return text.lower()
    if style == "upper":
        return text.upper()
    if style == "title":
        return text.title()
    if style == "first":
        return text[:1].swapcase() + text[1:]
    words = text.split(" ")
    for index in rng.sample(range(len(words)), k=min(3, len(words))):
        words[index] = words[index].swapcase()
    return " ".join(words)


def change_whitespace(rng: random.Random, text: str) -> str:
    """Collapse line breaks, double spaces, break a line, or move spaces around punctuation."""
    ops = [
        lambda t: re.sub(r"\s+", " ", t),
        lambda t: _replace_some(rng, t, " ", "  "),
        lambda t: _replace_some(rng, t, " ", "\n"),
        lambda t: re.sub(r"(\w)([,.;:])(\s)", r"\1 \2\3", t, count=2),
        lambda t: re.sub(r"([,;:]) ", r"\1", t, count=2),
        lambda t: "  " + t.replace(" ", "\t", 1) + " \n",
    ]
    changed = text
    for op in rng.sample(ops, k=rng.randint(1, 3)):
        changed = op(changed)
    return changed if changed != text else text + "  "


def _replace_some(rng: random.Random, text: str, old: str, new: str, most: int = 2) -> str:
    places = [m.start() for m in re.finditer(re.escape(old), text)]
    for at in sorted(rng.sample(places, k=min(most, len(places))), reverse=True):
        text = text[:at] + new + text[at + len(old) :]
    return text


_PUNCT_SWAPS = [
    ("'", "\u2019"),
    ("\u2019", "'"),
    ('"', "\u201c"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    (" - ", " \u2014 "),
    ("\u2014", " - "),
    ("\u2013", "-"),
    ("-", "\u2013"),
    ("--", "\u2014"),
]


def change_punctuation(rng: random.Random, text: str) -> str:
    """Swap quote and dash styles, and/or drop or add a final period or comma."""
    swaps = [(old, new) for old, new in _PUNCT_SWAPS if old in text]
    changed = text
    if swaps:
        old, new = rng.choice(swaps)
        changed = changed.replace(old, new)
    if not swaps or rng.random() < 0.5:
        changed = changed[:-1] if changed[-1:] in ".,;!?" else changed + rng.choice([".", ","])
    return changed


def _edit_word(rng: random.Random, word: str) -> str:
    at = rng.randrange(1, len(word) - 1)
    op = rng.choice(["sub", "del", "ins", "swap"])
    if op == "sub":
        return word[:at] + rng.choice(_KEYBOARD.replace(" ", "")) + word[at + 1 :]
    if op == "del":
        return word[:at] + word[at + 1 :]
    if op == "ins":
        return word[:at] + rng.choice("aeiourstln") + word[at:]
    return word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]


def add_typos(rng: random.Random, text: str) -> str:
    """One or two character edits in one or two words of four letters or more."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    chosen = sorted(rng.sample(words, k=min(len(words), rng.randint(1, 2))), key=lambda m: m.start(), reverse=True)
    for match in chosen:
        typo = match.group()
        for _ in range(rng.randint(1, 2)):
            typo = _edit_word(rng, typo)
        text = text[: match.start()] + typo + text[match.end() :]
    return text

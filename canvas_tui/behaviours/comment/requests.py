"""What a comment request asks for, and which kinds of problem each request deserves comments on.

behaviours/comment/spec.md gives the table this module encodes: "proofread" wants surface errors,
"check the facts" wants claims and figures that need a source, "is the argument convincing?" wants
weak reasoning, "review this code" wants code smells, and "critique this" / "suggest edits" want all
of these, most important first.
"""

from __future__ import annotations

import re
from typing import Literal

RequestKind = Literal["critique", "suggest", "facts", "argument", "proofread", "code"]
Category = Literal[
    "typo",
    "grammar",
    "inconsistent",
    "wordy",
    "long_sentence",
    "passive",
    "jargon",
    "vague",
    "unsupported_stat",
    "unsupported_claim",
    "transition",
    "weak_opening",
    "weak_conclusion",
    "code_smell",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]

_SURFACE = {"typo", "grammar", "inconsistent"}
_EVIDENCE = {"unsupported_stat", "unsupported_claim", "vague"}
_STYLE = {"wordy", "long_sentence", "passive", "jargon", "vague", "weak_opening", "weak_conclusion", "transition"}
_REASONING = {"unsupported_claim", "unsupported_stat", "vague", "transition", "weak_conclusion"}

ALLOWED: dict[str, set[str]] = {
    "proofread": _SURFACE | {"wordy"},
    "facts": _EVIDENCE,
    "argument": _REASONING,
    "code": {"code_smell"},
    "critique": _SURFACE | _EVIDENCE | _STYLE,
    "suggest": _SURFACE | _EVIDENCE | _STYLE,
}
"""The categories a request kind deserves comments on (code documents: code smells, whatever is asked)."""

_KIND_CUES: tuple[tuple[str, str], ...] = (
    ("proofread", r"proof\s*-?read|typos?\b|spelling|spelt|misspel|grammar|grammatical|punctuation|copy\s*-?edit"),
    ("facts", r"fact|accura|true\b|truth|verify|sources?\b|citation|cite|evidence for|claims? (?:here )?need"),
    (
        "argument",
        r"argument|convinc|persua|reasoning|logic|holes?\b|justified|does (?:this|it) hold|counter\s*-?argument",
    ),
    ("code", r"\bcode\b|function|program|script|\bbugs?\b|\blines?\b"),
    ("suggest", r"suggest|edits?\b|improve|tighten|polish|better|mark up"),
)


def request_kinds(request: str, *, program: bool = False) -> list[str]:
    """Every kind of review a request asks for, in cue order ("proofread and fact-check" asks for two);
    a program is always reviewed as code, and a request with no cue is a critique."""
    if program:
        return ["code"]
    lowered = request.lower()
    kinds = [kind for kind, pattern in _KIND_CUES if kind != "code" and re.search(pattern, lowered)]
    return kinds or ["critique"]


def request_kind(request: str, *, program: bool = False) -> str:
    """The main kind of a comment request (its first cue)."""
    return request_kinds(request, program=program)[0]


def allowed_categories(request: str, *, program: bool = False) -> set[str]:
    """The categories a request deserves comments on: the union over the kinds it asks for."""
    return set().union(*(ALLOWED[kind] for kind in request_kinds(request, program=program)))

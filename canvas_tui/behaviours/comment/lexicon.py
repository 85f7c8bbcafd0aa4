"""The word lists the comment scorer reads cues from (behaviours/comment/lexicon.json), and matching on them.

The lists are data a person can extend without code: misspellings and grammar slips with their
fixes, wordy phrases with shorter forms, jargon, hedges, weasel words, absolutes, attributions,
and cliché openings and closings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel

from canvas_tui.paths import behaviour_dir


class Lexicon(BaseModel):
    """Cue lists; `misspellings`, `grammar` and `wordy` map a wrong or long form to its fix."""

    misspellings: dict[str, str]
    grammar: dict[str, str]
    wordy: dict[str, str]
    jargon: list[str]
    hedges: list[str]
    weasels: list[str]
    absolutes: list[str]
    attributions: list[str]
    openings: list[str]
    closings: list[str]
    contractions: list[str]
    variants: list[list[str]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped in behaviours/comment/lexicon.json."""
    return Lexicon.model_validate_json((behaviour_dir("comment") / "lexicon.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern for a phrase list, longest phrase first."""
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p.strip()) for p in ordered)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'-])", re.IGNORECASE)


def find(text: str, phrases: list[str] | dict[str, str]) -> list[re.Match[str]]:
    """Every non-overlapping whole-word match of any phrase in `text`."""
    return list(_pattern(tuple(phrases)).finditer(text)) if phrases else []


def starts_with(text: str, phrases: list[str]) -> str | None:
    """The phrase `text` starts with (case-insensitively), if any."""
    lowered = text.lower().lstrip("#*_ ")
    return next((p for p in phrases if lowered.startswith(p)), None)


def substitute(text: str, mapping: dict[str, str]) -> str:
    """`text` with every whole-word phrase of `mapping` replaced by its value (a leading capital kept)."""
    if not mapping:
        return text
    lowered = {key.lower(): value for key, value in mapping.items()}

    def fix(match: re.Match[str]) -> str:
        found, target = match.group(), lowered[match.group().lower()]
        return target[:1].upper() + target[1:] if found[:1].isupper() and target else target

    return _pattern(tuple(mapping)).sub(fix, text)

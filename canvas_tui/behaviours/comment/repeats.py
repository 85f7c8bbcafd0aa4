"""Comments worth reading: a passage repeated word for word is itself worth a comment, and no two
comments may say the same thing about the same text.

A small model that loops writes the same paragraph several times; a reviewer should say so once, on
the first copy that repeats, rather than leave the same remark on every copy (or on the first one
four times, as quotes anchored without their positions did).
"""

from __future__ import annotations

from collections import defaultdict

from canvas_tui.behaviours.comment.schema import ProposedComment
from canvas_tui.document.units import Unit, segment

MIN_REPEAT_CHARS = 40
"""Shorter passages ("Thank you.", a repeated heading) may repeat in good writing."""


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def _repeated(text: str, units: tuple[Unit, ...]) -> list[list[Unit]]:
    """Groups of two or more units with the same (normalised) text, in order of their second occurrence."""
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        piece = _normal(unit.text(text))
        if len(piece) >= MIN_REPEAT_CHARS:
            groups[piece].append(unit)
    return sorted((group for group in groups.values() if len(group) > 1), key=lambda group: group[1].start)


def repeat_comments(document: str) -> list[ProposedComment]:
    """One comment per passage that repeats an earlier one, placed on its first repeat (sentences inside a
    repeated paragraph are covered by the paragraph's comment)."""
    parts = segment(document)
    paragraphs = _repeated(document, parts.paragraphs)
    covered = [(unit.start, unit.end) for group in paragraphs for unit in group]
    sentences = [
        group
        for group in _repeated(document, parts.sentences)
        if not any(start <= group[1].start < end for start, end in covered)
    ]
    comments = []
    for kind, groups in (("paragraph", paragraphs), ("sentence", sentences)):
        for group in groups:
            copy = group[1]
            times = "twice" if len(group) == 2 else f"{len(group)} times"
            comments.append(
                ProposedComment(
                    quote=copy.text(document)[:400],
                    at=copy.start,
                    comment=f"This {kind} repeats an earlier one word for word (it appears {times}); keep one copy "
                    "or say something new here.",
                )
            )
    return comments


def distinct(comments: list[ProposedComment]) -> list[ProposedComment]:
    """The comments without repeats: a later comment on the same text with the same remark is dropped."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for comment in comments:
        key = (_normal(comment.quote), _normal(comment.comment))
        if key not in seen:
            seen.add(key)
            kept.append(comment)
    return kept

"""Comments compared as what they are: a set of anchored spans with remarks, not a count.

A comment turn's decisions are one `comment` decision (the proposals, in order) and one `anchor`
decision per proposal; a proposal whose quote anchored nowhere was never shown, so it is left out.
Two comments are the same place when their spans overlap by at least half of the shorter one.
What the person did to the recorded comments weighs on today's: a comment at a place the person
dismissed counts against a proposer that proposes it again, and dropping a comment the person
applied is a regression.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from canvas_tui.behaviours.base import Span
from canvas_tui.log.records import DecisionRecord

SAME_PLACE = 0.5
CommentStatus = Literal["same", "changed", "regressed", "fixed", "still_wrong", "missing", "new"]


class AnchoredRemark(BaseModel):
    """One shown comment: its span, its remark, and the anchor decision that placed it."""

    span: Span
    remark: str
    anchor_id: str | None = None

    def __str__(self) -> str:
        return f"[{self.span.start}, {self.span.end}) {self.remark!r}"


class CommentDiff(BaseModel):
    """One comment position: the comment then (baseline), now, and its status."""

    then: AnchoredRemark | None
    now: AnchoredRemark | None
    status: CommentStatus


class PersonOnComments(BaseModel):
    """The spans of the recorded comments of one turn that the person applied, and that they dismissed."""

    applied: list[Span] = []
    dismissed: list[Span] = []


def comments_of(records: list[DecisionRecord]) -> list[AnchoredRemark]:
    """The anchored comments of one turn's decisions (its `comment` decision and the `anchor` ones after it)."""
    proposals = [c for r in records if r.behaviour == "comment" for c in r.output.get("comments", [])]
    anchors = [r for r in records if r.behaviour == "anchor"]
    shown = []
    for proposal, anchor in zip(proposals, anchors):
        span = anchor.output.get("span")
        if span:
            shown.append(AnchoredRemark(span=Span(**span), remark=proposal.get("comment") or "", anchor_id=anchor.id))
    return shown


def same_place(a: Span, b: Span) -> bool:
    """Whether two spans overlap by at least half of the shorter one (two empty spans at one point agree)."""
    overlap = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return overlap >= SAME_PLACE * shorter if shorter else a.start == b.start or overlap > 0


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match(then: list[AnchoredRemark], now: list[AnchoredRemark]) -> list[tuple[int, int]]:
    """Pairs (index in `then`, index in `now`) of comments at the same place, largest overlaps first,
    each comment in at most one pair."""
    candidates = sorted(
        (
            (_overlap(a.span, b.span), i, j)
            for i, a in enumerate(then)
            for j, b in enumerate(now)
            if same_place(a.span, b.span)
        ),
        reverse=True,
    )
    pairs, used_then, used_now = [], set(), set()
    for _overlap_size, i, j in candidates:
        if i not in used_then and j not in used_now:
            pairs.append((i, j))
            used_then.add(i)
            used_now.add(j)
    return sorted(pairs)


def near(span: Span, spans: list[Span]) -> bool:
    """Whether `span` is at the same place as one of `spans`."""
    return any(same_place(span, other) for other in spans)


def compare_comments(
    then: list[AnchoredRemark], now: list[AnchoredRemark], person: PersonOnComments
) -> list[CommentDiff]:
    """Classify every comment of `then` (the baseline) and `now` (see the module doc)."""
    pairs = match(then, now)
    diffs = []
    for i, j in pairs:
        if near(now[j].span, person.dismissed):
            status = "still_wrong"
        else:
            status = "same" if then[i].remark == now[j].remark else "changed"
        diffs.append(CommentDiff(then=then[i], now=now[j], status=status))
    paired_then, paired_now = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, comment in enumerate(then):
        if i not in paired_then:
            diffs.append(CommentDiff(then=comment, now=None, status=_dropped(comment.span, person)))
    for j, comment in enumerate(now):
        if j not in paired_now:
            status = "still_wrong" if near(comment.span, person.dismissed) else "new"
            diffs.append(CommentDiff(then=None, now=comment, status=status))
    return diffs


def _dropped(span: Span, person: PersonOnComments) -> CommentStatus:
    if near(span, person.applied):
        return "regressed"
    return "fixed" if near(span, person.dismissed) else "missing"

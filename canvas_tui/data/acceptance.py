"""What the person did with each recorded decision besides correcting it: accepting it by acting on it.

A decision is accepted by acting on it when the person's next action builds on its turn's result:
- a canvas the turn opened (trigger `canvas`, router `new_document`) is worked in: a message, a quick
  action, a selection, a hand edit or a comment applied; that accepts the decision that opened it;
- an applied model edit is edited further by hand: that accepts the whole turn (router, locate,
  policy, edit);
- a comment's suggestion is applied (`apply_comment`): that accepts the comment.
Comments are numbered in the document they were left in (`c1`, `c2`, ... from its version 0 or
its opening), which is how an `apply_comment` action names the anchor decision that placed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from canvas_tui.log.recording import ActionEntry, CorrectionEntry, DecisionEntry, Recording, VersionEntry
from canvas_tui.log.records import DecisionRecord

WORK_IN_CANVAS = {"message", "quick_action", "selection", "manual_edit", "apply_comment"}
OPENS_CANVAS = {("trigger", "canvas"), ("router", "new_document")}
COMMENT_BEHAVIOURS = {"comment", "anchor"}


@dataclass
class PersonVerdicts:
    """Decision ids the person accepted by acting on them, applied comments, dismissed comments."""

    accepted: set[str] = field(default_factory=set)
    applied_anchors: set[str] = field(default_factory=set)
    dismissed_anchors: set[str] = field(default_factory=set)


def _accepted_by(action: ActionEntry, turn: list[DecisionRecord]) -> list[str]:
    """The ids of the decisions of `turn` that `action`, the person's next one, builds on."""
    if action.kind in WORK_IN_CANVAS:
        opener = [r.id for r in turn if (r.behaviour, r.output.get("label")) in OPENS_CANVAS]
    else:
        opener = []
    edited = action.kind == "manual_edit" and any(
        r.behaviour == "edit" and r.output.get("label") == "applied" for r in turn
    )
    whole = [r.id for r in turn if r.behaviour not in COMMENT_BEHAVIOURS] if edited else []
    return opener + whole


def person_verdicts(recording: Recording) -> PersonVerdicts:
    """Walk the recording's entries in order and collect what the person accepted, applied and dismissed."""
    verdicts = PersonVerdicts()
    turn: list[DecisionRecord] = []
    shown: list[str] = []  # anchor decision ids of the open document's comments, in order (c1, c2, ...)
    for entry in recording.entries:
        if isinstance(entry, DecisionEntry):
            turn.append(entry.record)
            if entry.record.behaviour == "anchor" and entry.record.output.get("span"):
                shown.append(entry.record.id)
        elif isinstance(entry, VersionEntry) and entry.number == 0:
            shown = []
        elif isinstance(entry, CorrectionEntry) and entry.record.kind == "comment_dismissed":
            verdicts.dismissed_anchors.add(entry.record.decision_id or "")
        elif isinstance(entry, ActionEntry):
            verdicts.accepted.update(_accepted_by(entry, turn))
            _note_applied(entry, shown, verdicts)
            turn = [] if entry.kind != "quick_action" else turn
    return verdicts


def _note_applied(action: ActionEntry, shown: list[str], verdicts: PersonVerdicts) -> None:
    if action.kind != "apply_comment":
        return
    number = str(action.payload.get("id", ""))
    if number[:1] == "c" and number[1:].isdigit() and 0 < int(number[1:]) <= len(shown):
        verdicts.applied_anchors.add(shown[int(number[1:]) - 1])

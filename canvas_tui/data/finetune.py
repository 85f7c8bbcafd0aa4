"""`export finetune`: logged decisions as chat-format JSONL ({"messages": [...]}) for fine-tuning.

A decision the person corrected is exported with the person's answer, the answer `export labels` gives for the same
correction: the canvas closed or opened (trigger: inline / canvas; a router's new document closed: chat), another part
picked (locate), an edit undone or rewritten by hand (policy: the other label). A decision the person only rejected
(an undone new document, a dismissed comment's anchor) is left out; an undo the person redid corrects nothing.
Streams: one pass over decisions joined with corrections (and, for policy, a first pass over the corrections).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from canvas_tui.data.label_rows import OTHER_POLICY, ROUTER_CORRECTIONS, TEACHES, picked_part
from canvas_tui.data.outcomes import Outcome, expected_by
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import CorrectionRecord, DecisionRecord, standing

SYSTEM = {
    "trigger": "Decide whether the request should open a document canvas ('canvas') or be answered inline in the "
    "chat ('inline'). Answer with one word.",
    "router": "A document is open. Decide what the request asks for: 'edit', 'comment', 'chat' or 'new_document'. "
    "Answer with one word.",
    "locate": "Find the part of the document the edit request is about. Answer with JSON "
    '{"start": ..., "end": ..., "unit": ...} (character offsets), or "none".',
    "policy": "Decide whether the edit should rewrite the passage ('rewrite') or make a small in-place change "
    "('targeted'). Answer with one word.",
    "anchor": 'Find where the quote is in the document. Answer with JSON {"start": ..., "end": ...}, or "none".',
}
FINETUNABLE = sorted(SYSTEM)


def _document(text: str) -> str:
    return f"<document>\n{text}\n</document>\n\n"


def _span_answer(span: dict | None, *unit: str | None) -> str:
    """A span as the assistant's JSON answer (with the unit when one is given, null if unknown), or "none"."""
    if span is None:
        return "none"
    return json.dumps({"start": span["start"], "end": span["end"]} | ({"unit": unit[0] or None} if unit else {}))


def _trigger(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    return record.input["message"], (person or Outcome(label=record.output["label"])).label


def _router(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    label = (person or Outcome(label=record.output["label"])).label
    return _document(record.input["document"] or "") + f"Request: {record.input['message']}", label


def _locate(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    if not record.input.get("document"):
        return None
    answer = (
        _span_answer(person.span.model_dump(), person.label)
        if person
        else _span_answer(record.output.get("span"), record.output.get("unit"))
    )
    return _document(record.input["document"]) + f"Request: {record.input['request']}", answer


def _policy(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    document = log.turn_document(record.turn_id)
    if document is None:
        return None
    span = record.input["span"]
    passage = document[span["start"] : span["end"]]
    label = (person or Outcome(label=record.output["label"])).label
    return f"Passage:\n<passage>\n{passage}\n</passage>\n\nRequest: {record.input['request']}", label


def _anchor(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    span = record.output.get("span")
    return (
        _document(record.input["document"]) + f"Quote: {record.input['quote']}",
        _span_answer(span),
    )


PAIRS: dict[str, Callable[[DecisionRecord, Outcome | None, DataLog], tuple[str, str] | None]] = {
    "trigger": _trigger,
    "router": _router,
    "locate": _locate,
    "policy": _policy,
    "anchor": _anchor,
}


def used_decisions(
    decisions: Iterable[tuple[DecisionRecord, list[CorrectionRecord]]],
) -> Iterator[tuple[DecisionRecord, list[CorrectionRecord]]]:
    """The decisions the session went on with: one that the next decision `overrides` (a locator's part, when the
    request named another place) is left out, so its row does not teach the part that was not used."""
    held = None
    for item in decisions:
        if held is not None and item[0].input.get("overrides") != held[0].id:
            yield held
        held = item
    if held is not None:
        yield held


def finetune_rows(log: DataLog, behaviour: str, *, since: datetime | None = None) -> Iterator[dict[str, list]]:
    """One {"messages": [system, user, assistant]} per usable decision of `behaviour` the session went on with, in
    time order."""
    rejected_edits = _rejected_edit_turns(log, since) if behaviour == "policy" else set()
    for record, corrections in used_decisions(log.corrected_decisions(behaviour, since=since)):
        said = list(standing(lambda corrections=corrections: corrections))
        person = _answer(record, said[0]) if said else None
        if said and person is None:
            continue
        if record.turn_id in rejected_edits:
            person = Outcome(label=OTHER_POLICY.get(record.output.get("label"), record.output.get("label")))
        pair = PAIRS[behaviour](record, person, log)
        if pair is not None:
            yield {
                "messages": [
                    {"role": "system", "content": SYSTEM[behaviour]},
                    {"role": "user", "content": pair[0]},
                    {"role": "assistant", "content": pair[1]},
                ]
            }


def _answer(record: DecisionRecord, correction: CorrectionRecord) -> Outcome | None:
    """What the person's correction says `record` should have decided (a locate answer carries the picked unit in
    `label`); None when it only rejects the decision."""
    if record.behaviour == "router":
        label = ROUTER_CORRECTIONS.get(correction.kind, ("",))[0]
        return Outcome(label=label) if label else None
    person = expected_by(correction)
    if record.behaviour == "locate" and person is not None and record.input.get("document"):
        person.label = picked_part(correction, record.input["document"])[2]
    return person


def _rejected_edit_turns(log: DataLog, since: datetime | None) -> set[str | None]:
    """The turns whose edit the person undid (and did not redo) or rewrote by hand: their policy was wrong."""
    turns: set[str | None] = set()
    for correction in standing(lambda: log.corrections(since=since)):
        if correction.kind in TEACHES["policy"] and correction.decision_id:
            decision = log.decision(correction.decision_id)
            turns |= {decision.turn_id} if decision is not None and decision.turn_id else set()
    return turns

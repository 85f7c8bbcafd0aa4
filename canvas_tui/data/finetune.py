"""`export finetune`: logged decisions as chat-format JSONL ({"messages": [...]}) for fine-tuning.

A decision the person corrected is exported with the person's answer; one they only rejected (an
undone edit, a dismissed comment) is left out. Streams: one pass over decisions joined with corrections.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from canvas_tui.data.outcomes import Outcome, expected_by
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import CorrectionRecord, DecisionRecord

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


def _span_answer(outcome: Outcome, unit: str | None = None) -> str:
    if outcome.span is None:
        return "none"
    return json.dumps({"start": outcome.span.start, "end": outcome.span.end} | ({"unit": unit} if unit else {}))


def _trigger(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    return record.input["message"], (person or Outcome(label=record.output["label"])).label


def _router(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    return _document(record.input["document"] or "") + f"Request: {record.input['message']}", record.output["label"]


def _locate(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    if not record.input.get("document"):
        return None
    span = record.output.get("span")
    answer = (
        _span_answer(person) if person else _span_answer(Outcome(span=span, spanned=True), record.output.get("unit"))
    )
    return _document(record.input["document"]) + f"Request: {record.input['request']}", answer


def _policy(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    document = log.turn_document(record.turn_id)
    if document is None:
        return None
    span = record.input["span"]
    passage = document[span["start"] : span["end"]]
    return f"Passage:\n<passage>\n{passage}\n</passage>\n\nRequest: {record.input['request']}", record.output["label"]


def _anchor(record: DecisionRecord, person: Outcome | None, log: DataLog) -> tuple[str, str] | None:
    span = record.output.get("span")
    return (
        _document(record.input["document"]) + f"Quote: {record.input['quote']}",
        _span_answer(Outcome(span=span, spanned=True)),
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
    for record, corrections in used_decisions(log.corrected_decisions(behaviour, since=since)):
        person = expected_by(corrections[0]) if corrections else None
        if corrections and person is None:
            continue
        pair = PAIRS[behaviour](record, person, log)
        if pair is not None:
            yield {
                "messages": [
                    {"role": "system", "content": SYSTEM[behaviour]},
                    {"role": "user", "content": pair[0]},
                    {"role": "assistant", "content": pair[1]},
                ]
            }

"""Real-use label rows from a person's corrections: which behaviour each correction teaches, and its row.

canvas_closed / canvas_opened -> a trigger row (the prompt labelled inline / canvas);
canvas_closed on the router's new document / new_document_undone -> a router row (chat proposed / left to review);
section_reselected / locate_answered -> a locate row (the part the person picked);
edit_undone / own_rewrite -> a policy row (the other label proposed, for review);
comment_dismissed -> a comment row (the quote and comment, labelled dismissed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from pydantic import BaseModel

from canvas_tui.document.units import segment
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import CorrectionRecord, DecisionRecord

SOURCE = "real-use"
CATEGORY = "real_use"
OTHER_POLICY = {"targeted": "rewrite", "rewrite": "targeted"}


class LabelRow(BaseModel):
    """One review-ready row for a behaviour's labels.csv; `document` is the full text a locate row refers to."""

    behaviour: str
    fields: dict[str, str | int]
    document: str | None = None


def document_name(text: str) -> str:
    """The file name a real-use document is saved under (content-addressed, so re-exports agree)."""
    return f"real-use-{hashlib.sha256(text.encode()).hexdigest()[:12]}.md"


def _trigger(correction: CorrectionRecord, decision: DecisionRecord, log: DataLog) -> list[LabelRow]:
    label, why = (
        ("inline", "the person closed the canvas the trigger opened")
        if correction.kind == "canvas_closed"
        else ("canvas", "the person opened the canvas after an inline answer")
    )
    prompt = decision.input.get("message") or correction.detail.get("message") or ""
    return [
        LabelRow(
            behaviour="trigger",
            fields={
                "prompt": prompt,
                "label": label,
                "context": "",
                "category": CATEGORY,
                "note": f"{correction.kind}: {why}",
            },
        )
    ]


ROUTER_CORRECTIONS = {
    "canvas_closed": ("chat", "the person closed the canvas the router opened for a new document; chat is proposed"),
    "new_document_undone": ("", "the person undid the new document and took the open one back; label edit or chat"),
}


def _router(correction: CorrectionRecord, decision: DecisionRecord, log: DataLog) -> list[LabelRow]:
    label, why = ROUTER_CORRECTIONS[correction.kind]
    return [
        LabelRow(
            behaviour="router",
            fields={
                "prompt": decision.input.get("message") or correction.detail.get("message") or "",
                "label": label,
                "context": "",
                "category": CATEGORY,
                "note": f"{correction.kind}: {why}, review it",
                "document": decision.input.get("document") or "",
            },
        )
    ]


def _canvas_closed(correction: CorrectionRecord, decision: DecisionRecord, log: DataLog) -> list[LabelRow]:
    """Closing the canvas corrects whichever decision opened it: the trigger's, or the router's new document."""
    return (_router if decision.behaviour == "router" else _trigger)(correction, decision, log)


def _locate(correction: CorrectionRecord, decision: DecisionRecord, log: DataLog) -> list[LabelRow]:
    document, request = decision.input.get("document"), decision.input.get("request", "")
    if document is None:
        return []
    start, end, unit = picked_part(correction, document)
    anchor = document[start:end].split("\n", 1)[0][:40]
    return [
        LabelRow(
            behaviour="locate",
            document=document,
            fields={
                "doc": document_name(document),
                "request": request,
                "style": "",
                "unit": unit,
                "start": start,
                "end": end,
                "selection_start": "",
                "selection_end": "",
                "split": "",
                "anchor": anchor,
                "note": f"{correction.kind}: the person picked this part instead of [{_span_text(decision)}]",
            },
        )
    ]


def picked_part(correction: CorrectionRecord, document: str) -> tuple[int, int, str]:
    """The part a locate correction picked: its offsets and unit kind (the chosen unit of an answered question; for a
    selection, the kind of the unit it covers exactly, or "" when it covers none exactly)."""
    if correction.kind == "locate_answered":
        chosen = correction.detail["chosen"]
        return chosen["span"]["start"], chosen["span"]["end"], chosen["unit"]
    start, end = correction.detail["selection"]["start"], correction.detail["selection"]["end"]
    holder = segment(document).smallest_containing(start, end)
    return start, end, holder.kind if holder is not None and (holder.start, holder.end) == (start, end) else ""


def _span_text(decision: DecisionRecord) -> str:
    span = decision.output.get("span")
    return f"{span['start']}, {span['end']}" if span else "none"


def _policy(correction: CorrectionRecord, decision: DecisionRecord, log: DataLog) -> list[LabelRow]:
    turn = log.turn_decisions(decision.turn_id)
    policy = next((record for record in turn if record.behaviour == "policy"), None)
    document = next((record.input["document"] for record in turn if record.input.get("document")), None)
    if policy is None or document is None:
        return []
    span, label = policy.input["span"], policy.output.get("label")
    return [
        LabelRow(
            behaviour="policy",
            fields={
                "request": policy.input.get("request", ""),
                "target_text": document[span["start"] : span["end"]],
                "unit": policy.input.get("unit") or "",
                "label": OTHER_POLICY.get(label, ""),
                "category": CATEGORY,
                "note": f"{correction.kind}: the person {'undid' if correction.kind == 'edit_undone' else 'rewrote by hand'} "
                f"a {label} edit; the other label is proposed, review it",
            },
        )
    ]


def _comment(correction: CorrectionRecord, decision: DecisionRecord, log: DataLog) -> list[LabelRow]:
    request = next(
        (
            record.input.get("request", "")
            for record in log.turn_decisions(decision.turn_id)
            if record.behaviour == "comment"
        ),
        "",
    )
    return [
        LabelRow(
            behaviour="comment",
            fields={
                "request": request,
                "quote": correction.detail.get("quote", ""),
                "comment": correction.detail.get("comment", ""),
                "label": "dismissed",
                "note": "comment_dismissed: the person dismissed this comment",
            },
        )
    ]


BUILDERS: dict[str, Callable[[CorrectionRecord, DecisionRecord, DataLog], list[LabelRow]]] = {
    "canvas_closed": _canvas_closed,
    "canvas_opened": _trigger,
    "new_document_undone": _router,
    "section_reselected": _locate,
    "locate_answered": _locate,
    "edit_undone": _policy,
    "own_rewrite": _policy,
    "comment_dismissed": _comment,
}
TEACHES = {
    "trigger": {"canvas_closed", "canvas_opened"},
    "router": {"canvas_closed", "new_document_undone"},
    "locate": {"section_reselected", "locate_answered"},
    "policy": {"edit_undone", "own_rewrite"},
    "comment": {"comment_dismissed"},
}
"""Which correction kinds can make rows for each behaviour (canvas_closed makes the row of the decision it
corrects: the trigger's or the router's)."""


def rows_for(correction: CorrectionRecord, log: DataLog) -> list[LabelRow]:
    """The label rows one correction makes (none if the decision it corrects is not in the log)."""
    decision = log.decision(correction.decision_id) if correction.decision_id else None
    return BUILDERS[correction.kind](correction, decision, log) if decision is not None else []

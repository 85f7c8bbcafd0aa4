"""Carrying out the policy's edit operation on the located part of the document.

delete and move need no model: code cuts or moves the located text, and nothing else changes.
insert: the model writes only the new sentence, paragraph or bullet (or the request quotes it), and code
splices it in at the located boundary. replace: an explicit "replace X with Y" is done by code; any
other targeted change, and a rewrite, is written by the model for the located passage and validated.
Every operation is logged as an `edit` decision saying what was done and by whom (code or model).
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from canvas_tui.behaviours.base import LocateDecision, Provenance, Span
from canvas_tui.document.changes import minimal_change
from canvas_tui.document.units import segment
from canvas_tui.session import prompts, splice
from canvas_tui.session.context import Turn
from canvas_tui.session.events import TargetShown
from canvas_tui.session.labels import locate_label
from canvas_tui.session.lengths import edit_budget
from canvas_tui.session.placement import (
    MovePlan,
    SwapPlan,
    given_text,
    insert_where,
    move_plan,
    new_kind,
    unquoted,
)
from canvas_tui.session.places import title_span
from canvas_tui.session.repetition import RepetitionGuard, guarded
from canvas_tui.session.substitute import replaced, substitution_in
from canvas_tui.session.validate import check_insertion, check_replacement, clean_reply, shape_insertion

if TYPE_CHECKING:
    from canvas_tui.session.orchestrator import Session

INSERT_TOKENS = {"sentence": 80, "bullet": 80, "paragraph": 220}


class Refused(Exception):
    """The operation cannot be carried out; the message says why, in plain words."""


async def carry_out(session: Session, turn: Turn, request: str, target: LocateDecision, operation: str) -> None:
    """Run `operation` on the target; a refusal leaves the document unchanged and says why."""
    started = time.perf_counter()
    by_code = code_replacement(session.document.text, target.span, request) if operation == "replace" else None
    if operation == "rewrite" or (operation == "replace" and by_code is None):
        await write_change(session, turn, request, target.span, targeted=operation == "replace", unit=target.unit)
        return
    turn.emit(TargetShown(start=target.span.start, end=target.span.end, phase="before"))
    try:
        new_text, by, reply = (
            (by_code, "code", None)
            if by_code is not None
            else await OPERATIONS[operation](session, turn, request, target)
        )
    except Refused as problem:
        _log(session, turn, request, target, operation, "code", started, problem=str(problem))
        turn.notice("warning", f"The edit was not applied: {problem}. The document is unchanged.")
        return
    record = _log(session, turn, request, target, operation, by, started, raw_reply=reply)
    _commit(session, turn, new_text, operation, request, record.id)


def _log(
    session: Session,
    turn: Turn,
    request: str,
    target: LocateDecision,
    operation: str,
    by: str,
    started: float,
    *,
    problem: str | None = None,
    raw_reply: str | None = None,
):
    provenance = Provenance(
        implementation=f"{by}-{operation}", version="1", raw_reply=raw_reply, fallback=problem is not None
    )
    return session.log_decision(
        turn,
        "edit",
        provenance,
        {"request": request, "span": target.span.model_dump(), "operation": operation},
        {"label": "refused" if problem else "applied", "operation": operation, "problem": problem},
        None,
        started,
        uses_model=by == "model",
    )


def _commit(session: Session, turn: Turn, new_text: str, operation: str, request: str, decision_id: str) -> None:
    """Make `new_text` the document's new version, show where it changed, and say what was done."""
    document = session.document
    change = minimal_change(document.text, new_text)
    version = document.set_text(new_text, author="model", summary=f"{operation}: {request[:60]}")
    if version is None:
        turn.notice("warning", "The edit changed nothing. The document is unchanged.")
        return
    session.version_decisions[version.number] = decision_id
    span = Span(start=change.start, end=change.start + len(change.new))
    session.last_turn.edit_span = span
    session.record_version()
    turn.emit(TargetShown(start=span.start, end=span.end, phase="after"))
    done = {
        "delete": "deleted the passage",
        "move": "moved it",
        "insert": "added the new text",
        "replace": "replaced it",
    }[operation]
    turn.say(f"Done: {done} (by code, so nothing else changed). Undo it with {session.undo_hint}.")


# -- operations that need no model -----------------------------------------------------------------


_HEADING_ONLY = re.compile(r"\b(?:heading|headline|title)\b(?!.*\b(?:section|part|chapter)\b)", re.IGNORECASE)
"""'Delete the Summary heading': the heading line, not the section under it."""


_POINT = re.compile(r"\b(?:point|item|step|bullet)\s+(?:#|no\.?\s*|number\s+)?(\d{1,3})\b", re.IGNORECASE)
_ITEM_MARK = re.compile(r"^([ \t]*)([-*+]|\d{1,3}[.)])([ \t]+)", re.MULTILINE)
"""A list item's start: its indent, its marker (a bullet, or a number with "." or ")") and the space after it."""


def _missing_point(text: str, request: str) -> str | None:
    """'Point 9' when the document has no point 9 (no line numbered so, no "Point 9" in its text, and no unnumbered
    list that long): the words, to say so instead of deleting whatever else was located."""
    named = _POINT.search(request)
    if named is None:
        return None
    marks = [mark for _, mark, _ in _ITEM_MARK.findall(text)]
    number, numbers = int(named.group(1)), {int(mark[:-1]) for mark in marks if mark[:-1].isdigit()}
    labelled = re.search(rf"\b{re.escape(named.group(0).split()[0])}\s+{number}\b", text, re.IGNORECASE)
    found = number in numbers or labelled or (not numbers and len(marks) >= number)
    return None if found else named.group(0)


async def _delete(session: Session, turn: Turn, request: str, target: LocateDecision):
    text, span = session.document.text, target.span
    missing = _missing_point(text, request)
    if missing is not None:
        raise Refused(f"the document has no {missing.lower()}")
    if target.unit == "document" or not text[: span.start].strip() and not text[span.end :].strip():
        raise Refused(
            "I could not find the part you named, and deleting the whole document is not done from the chat "
            "(select the text in the canvas and delete it if you mean it)"
        )
    if re.search(r"\blines?\b", request, re.IGNORECASE):
        span = _line_about(text, span, request)
    elif target.unit == "section" and _HEADING_ONLY.search(request):
        span = Span(start=span.start, end=_end_of_line(text, span.start))
    low, high = splice.deletion(text, span.start, span.end)
    return splice.renumbered(text[:low] + text[high:], low, text[low:high]), "code", None


def _line_about(text: str, span: Span, request: str) -> Span:
    """The line of the span that shares most words with the request ("remove the line about work hours")."""
    words = set(re.findall(r"[a-z]{3,}", request.lower()))
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[span.start : span.end])]
    if len(lines) < 2:
        return span
    start, end = max(
        lines,
        key=lambda line: len(words & set(re.findall(r"[a-z]{3,}", text[span.start :][line[0] : line[1]].lower()))),
    )
    return Span(start=span.start + start, end=span.start + end)


def _titled_section(text: str, phrase: str) -> Span | None:
    """The section whose title the phrase quotes exactly ("the “Setup” section"), if there is one."""
    quoted = re.search(r"[“\"‘'](.+?)[”\"’']", phrase)
    if quoted is None or "section" not in phrase.lower():
        return None
    wanted = " ".join(quoted.group(1).split()).lower()
    found = [unit for unit in segment(text).sections if " ".join(unit.title.split()).lower() == wanted]
    return Span(start=found[0].start, end=found[0].end) if len(found) == 1 else None


async def _locate_phrase(session: Session, turn: Turn, phrase: str) -> Span | None:
    """Where a phrase of the request ("the last paragraph", "the Setup section") is, logged as a locate decision
    (a section named by its exact quoted title is found by code)."""
    text, started = session.document.text, time.perf_counter()
    titled = _titled_section(text, phrase)
    if titled is not None:
        return titled
    decision = await session.behaviours.locator.locate(text, phrase, None)
    session.log_decision(
        turn,
        "locate",
        decision.provenance,
        {"document": text, "request": phrase, "selection": None},
        decision,
        decision.confidence,
        started,
    )
    return decision.span


def _blocks_in(text: str, span: Span, unit: str) -> list[Span]:
    """The paragraphs (headings left out), sentences or list items inside `span`."""
    parts = segment(text)
    units = {"sentences": parts.sentences, "bullets": parts.items, "items": parts.items}.get(unit, parts.paragraphs)
    return [
        Span(start=u.start, end=u.end)
        for u in units
        if span.start <= u.start and u.end <= span.end and not text[u.start : u.end].lstrip().startswith("#")
    ]


async def _move(session: Session, turn: Turn, request: str, target: LocateDecision):
    text, plan = session.document.text, move_plan(request)
    if plan is None:
        raise Refused(
            "I could not tell where to move it (say, for example, “to the end” or “before the second paragraph”)"
        )
    if isinstance(plan, SwapPlan):
        return _swap(text, plan, await _scope(session, turn, plan.scope)), "code", None
    source = await _locate_phrase(session, turn, plan.source) or target.span
    position = await _position(session, turn, plan)
    try:
        return splice.move(text, source.start, source.end, position, plan.destination.where), "code", None
    except ValueError as exc:
        raise Refused(str(exc)) from exc


async def _scope(session: Session, turn: Turn, phrase: str | None) -> Span | None:
    """The part a swap is inside: the located phrase, widened to its section when the phrase names one."""
    if phrase is None:
        return None
    span = await _locate_phrase(session, turn, phrase)
    section = segment(session.document.text).section_at(span.start) if span and "section" in phrase.lower() else None
    return Span(start=section.start, end=section.end) if section else span


def _swap(text: str, plan: SwapPlan, scope: Span | None) -> str:
    units = _blocks_in(text, scope or Span(start=0, end=len(text)), plan.unit)
    if len(units) < 2:
        raise Refused(f"there are not two {plan.unit} there to swap")
    first, second = units[:2] if plan.which == "first" else units[-2:]
    return splice.swap(text, (first.start, first.end), (second.start, second.end))


async def _position(session: Session, turn: Turn, plan: MovePlan) -> int:
    """The offset the moved passage goes before or after."""
    text, destination = session.document.text, plan.destination
    if destination.anchor is None:
        blocks = _blocks_in(text, Span(start=0, end=len(text)), "paragraphs")
        if not blocks:
            raise Refused("the document has no paragraphs to move it among")
        return blocks[0].start if destination.where == "before" else blocks[-1].end
    anchor = await _locate_phrase(session, turn, destination.anchor)
    if anchor is None:
        raise Refused(f"I could not find “{destination.anchor[:60]}”")
    if destination.inside and destination.where == "before":
        inner = _blocks_in(text, anchor, "paragraphs")
        return inner[0].start if inner else anchor.start
    return anchor.start if destination.where == "before" else anchor.end


# -- insert: the model writes only the new text ------------------------------------------------------


def _list_end(text: str, span: Span) -> tuple[int, str] | None:
    """The end of the list the span is in (or ends with) and the marker its last item uses, if it is a list."""
    block_end = re.search(r"\n[ \t]*\n", text[span.end :])
    end = len(text[: span.end + block_end.start()].rstrip()) if block_end else len(text.rstrip())
    block_start = text.rfind("\n\n", 0, span.start) + 1
    items = list(_ITEM_MARK.finditer(text[block_start:end]))
    if not items:
        return None
    indent, mark, space = items[-1].groups()
    return end, f"{indent}{_next_mark(mark)}{space}"


def _next_mark(mark: str) -> str:
    """The marker of the item after one marked `mark`: the next number ("3." -> "4."), or the same bullet."""
    return f"{int(mark[:-1]) + 1}{mark[-1]}" if mark[:-1].isdigit() else mark


def _end_of_line(text: str, offset: int) -> int:
    """Where the line holding `offset` ends (before its line break, or at the end of the text)."""
    end = text.find("\n", offset)
    return end if end != -1 else len(text)


def _beside_item(text: str, span: Span, where: str) -> tuple[int, str, str] | None:
    """When the target is one list item ("after point 2"): the new item goes right after it (numbered one on) or
    right before it (taking its number), as (offset, joiner, prefix); None for anything else."""
    marks = list(_ITEM_MARK.finditer(text[span.start : span.end]))
    if len(marks) != 1 or marks[0].start() != 0 or (span.start and text[span.start - 1] != "\n"):
        return None
    indent, mark, space = marks[0].groups()
    if where == "before":
        return span.start, "\n", f"{indent}{mark}{space}"
    return _end_of_line(text, span.end), "\n", f"{indent}{_next_mark(mark)}{space}"


_BESIDE = re.compile(r"\b(?:after|before|below|above|under|following)\b", re.IGNORECASE)
"""'Add a point after point 2': the new item goes beside the one named, not at the end of its list."""


def _insertion_point(
    text: str, target: LocateDecision, kind: str, where: str, request: str = ""
) -> tuple[int, str, str]:
    """(offset, joiner, prefix) for new text of `kind` at the start or end of the target (beside the list item the
    request places it after or before)."""
    span = target.span
    beside = _beside_item(text, span, where) if kind == "bullet" and _BESIDE.search(request) else None
    if beside:
        return beside
    if kind == "bullet":
        found = _list_end(text, span)
        if found:
            return found[0], "\n", found[1]
    blocks = _blocks_in(text, span, "paragraphs") or [span]
    block = blocks[-1] if where == "after" else blocks[0]
    paragraph = segment(text).paragraph_at(block.end - 1 if where == "after" else block.start)
    edge = (
        (paragraph.end if where == "after" else paragraph.start)
        if paragraph
        else (block.end if where == "after" else block.start)
    )
    if kind == "sentence":
        return edge, " ", ""
    return edge, "\n\n", "- " if kind == "bullet" else ""


async def _insert(session: Session, turn: Turn, request: str, target: LocateDecision):
    text, kind, where = session.document.text, new_kind(request), insert_where(request)
    position, joiner, prefix = _insertion_point(text, target, kind, where, unquoted(request))
    new, reply, by = given_text(request), None, "code"
    if new is None:
        budget = min(INSERT_TOKENS[kind], session.settings.max_tokens)
        reply = await guarded(
            session.client.stream(prompts.insert_request(request, text, position, kind, budget)), RepetitionGuard()
        )
        new, by = shape_insertion(clean_reply(reply), kind), "model"
    problem = check_insertion(text, new)
    if problem:
        raise Refused(problem)
    inserted = splice.insert(text, position, prefix + new, joiner, where)
    end = position + len(joiner) + len(prefix + new) if where == "after" else position + len(prefix + new)
    return splice.counted_on(inserted, end, prefix + new), by, reply


def code_replacement(text: str, span: Span, request: str) -> str | None:
    """The document with the substitution the request spells out done inside the target (a title change on the
    title), or None when there is none to do by code."""
    wanted = substitution_in(text, request)
    if wanted is None:
        return None
    if wanted.old is None:
        title = title_span(text)
        return None if title is None else text[: title.start] + wanted.new + text[title.end :]
    result = replaced(text[span.start : span.end], wanted.old, wanted.new)
    return None if result is None else text[: span.start] + result + text[span.end :]


OPERATIONS = {"delete": _delete, "move": _move, "insert": _insert}


# -- rewrite and targeted edits: the model writes the passage ------------------------------------------


async def write_change(
    session: Session, turn: Turn, request: str, span: Span, targeted: bool, unit: str | None = None
) -> None:
    """The model rewrites (or minimally edits) the passage (a located `unit`, if known); the reply is validated
    before it may replace it."""
    document = session.document
    turn.emit(TargetShown(start=span.start, end=span.end, phase="before"))
    started = time.perf_counter()
    original = document.text[span.start : span.end]
    budget = edit_budget(request, original, session.settings.max_tokens)
    reply = await guarded(
        session.client.stream(prompts.edit_request(request, document.text, span.start, span.end, targeted, budget)),
        RepetitionGuard(),
    )
    replacement = clean_reply(reply)
    problem = check_replacement(original, replacement, targeted=targeted, request=request)
    record = session.log_decision(
        turn,
        "edit",
        Provenance(implementation="model-writes-span", version="1", raw_reply=reply, fallback=problem is not None),
        {"request": request, "span": span.model_dump(), "targeted": targeted},
        {"label": "refused" if problem else "applied", "problem": problem},
        None,
        started,
        uses_model=True,
    )
    if problem:
        turn.notice("warning", f"The edit was not applied: {problem}. The document is unchanged.")
        return
    change = minimal_change(original, replacement)
    version = document.replace(
        span.start + change.start,
        span.start + change.end,
        change.new,
        author="model",
        summary=("targeted: " if targeted else "rewrite: ") + request[:60],
    )
    session.version_decisions[version.number] = record.id
    session.last_turn.edit_span = Span(start=span.start, end=span.start + len(replacement))
    session.record_version()
    turn.emit(TargetShown(start=span.start, end=span.start + len(replacement), phase="after"))
    where = locate_label(document.text, _after(span, replacement, unit))
    done = _done(where, targeted)
    turn.say(f"Done: {done}. Undo it with {session.undo_hint}.")


def _done(where: str, targeted: bool) -> str:
    """What the model's edit did, in plain words: a targeted edit changed only what was asked, even across the whole
    document ("edited the whole document (a targeted edit)" read as a contradiction)."""
    if where == "whole document":
        return "changed only what you asked, across the whole document" if targeted else "rewrote the whole document"
    return f"edited {where}, changing only what you asked" if targeted else f"rewrote {where}"


def _after(span: Span, replacement: str, unit: str | None) -> LocateDecision:
    return LocateDecision(
        span=Span(start=span.start, end=span.start + len(replacement)),
        unit=unit,
        confidence=1.0,
        provenance=Provenance(implementation="session", version="1"),
    )

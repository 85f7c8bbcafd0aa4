"""The four kinds of turn (chat, new document, edit, comment) and the answer to a locator question."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from canvas_tui.behaviours.base import Candidate, LocateDecision, Provenance, Span
from canvas_tui.document import Comment, Document
from canvas_tui.session import prompts
from canvas_tui.session.context import Turn
from canvas_tui.session.editing import carry_out
from canvas_tui.session.events import CanvasDelta
from canvas_tui.session.labels import locate_label
from canvas_tui.session.lengths import write_budget
from canvas_tui.session.places import heading_titled, quoted_paragraph, quoted_passages, title_span
from canvas_tui.session.repetition import RepetitionGuard, guarded
from canvas_tui.session.substitute import Substitution, occurs, replaced, substitution_in
from canvas_tui.session.titles import title_of, unfenced_language
from canvas_tui.session.validate import unwrap_document

if TYPE_CHECKING:
    from canvas_tui.session.orchestrator import Session


@dataclass
class PendingChoice:
    """The locator was unsure: the person is asked which candidate they meant."""

    request: str
    decision_id: str
    candidates: list[Candidate]


async def chat(session: Session, turn: Turn) -> None:
    """Answer in the chat, streaming; the open document is context."""
    turn.set_kind("chat")
    document = session.document.text if (session.document and session.canvas_open) else None
    request = prompts.chat_request(
        turn.message, session.history, document, write_budget(turn.message, session.settings.max_tokens)
    )
    guard = RepetitionGuard()
    await guarded(session.client.stream(request), guard, turn.say)
    if guard.cut is not None:
        turn.result.reply = guard.kept
        turn.notice("info", "The model started repeating itself, so its answer was cut there.")
    if not turn.result.reply.strip():
        turn.notice("warning", "The model returned an empty answer.")
    session.history += [{"role": "user", "content": turn.message}, {"role": "assistant", "content": turn.result.reply}]


async def new_document(session: Session, turn: Turn) -> None:
    """Write a new document into the canvas, streaming; an empty reply creates nothing."""
    turn.set_kind("new_document")
    guard = RepetitionGuard()
    request = prompts.write_request(turn.message, write_budget(turn.message, session.settings.max_tokens))
    text, language = unwrap_document(
        await guarded(session.client.stream(request), guard, lambda delta: turn.emit(CanvasDelta(text=delta)))
    )
    if not text:
        turn.set_kind("failed")
        turn.notice("error", "The model wrote nothing, so no document was created.")
        return
    if guard.cut is not None:
        turn.notice("info", "The model started repeating itself, so the document ends before the repeat.")
    language = language or unfenced_language(text)
    title = title_of(text, language)
    previous = session.document
    decision = session.last_turn.decisions.get("trigger", session.last_turn.decisions.get("router"))
    document = Document(text, title=title, author="model", language=language or None)
    if previous is not None and previous.path is not None and not previous.text.strip():
        turn.say(_write_into(session, previous, text, decision.id, title))
    elif previous is not None and previous.text.strip():
        session.replace_document(document, decision.id)
        turn.result.replaced = previous.title
        turn.say(
            f"I wrote “{title}” in the canvas, in place of “{previous.title}” ({session.undo_hint} brings it back)."
        )
    else:
        session.adopt_document(document)
        session.version_decisions[0] = decision.id
        turn.say(f"I wrote “{title}” in the canvas.")
    session.history += [{"role": "user", "content": turn.message}, {"role": "assistant", "content": f"(wrote {title})"}]


def _write_into(session: Session, empty: Document, text: str, decision_id: str, title: str) -> str:
    """A new document asked for while an empty file is open is written into that file (as a version of it, so
    saving writes the file and undo empties it again); what to tell the person."""
    empty.set_text(text, author="model", summary="written by the model")
    session.version_decisions[empty.current] = decision_id
    session.canvas_open = True
    session.record_version()
    return f"I wrote “{title}” into {empty.path.name}."


async def edit(
    session: Session, turn: Turn, *, located: LocateDecision | None = None, request: str | None = None
) -> None:
    """Locate (unless selected or already chosen) -> policy -> the model writes the change -> validated -> applied."""
    turn.set_kind("edit")
    document, request = session.document, request or turn.message
    wanted = substitution_in(document.text, request) if located is None and turn.selection is None else None
    if wanted is not None and wanted.old is not None and not occurs(document.text, wanted.old):
        turn.say(f"“{wanted.old}” does not appear in the document, so nothing was replaced.")
        return
    target = located or await _locate(session, turn, request)
    if located is None and turn.selection is None:
        target = _named_place(session, turn, request, target, wanted)
    if target.span is None:
        turn.say("I could not tell which part of the document you mean. Select it in the canvas, or name the section.")
        return
    if target.ambiguous and len(target.candidates) > 1:
        _ask(session, turn, request, target)
        return
    started = time.perf_counter()
    policy = await session.behaviours.policy.decide(document.text, request, target)
    session.log_decision(
        turn,
        "policy",
        policy.provenance,
        {"request": request, "span": target.span.model_dump(), "unit": target.unit},
        policy,
        policy.score,
        started,
    )
    operation = policy.operation or ("replace" if policy.label == "targeted" else "rewrite")
    turn.status(f"policy={policy.label}" + ("" if operation in ("replace", "rewrite") else f" · operation={operation}"))
    await carry_out(session, turn, request, target, operation)


async def _locate(session: Session, turn: Turn, request: str) -> LocateDecision:
    document = session.document
    started = time.perf_counter()
    if turn.selection is not None:
        decision = _from_selection(document.text, turn.selection)
    else:
        decision = await session.behaviours.locator.locate(document.text, request, None)
    session.log_decision(
        turn,
        "locate",
        decision.provenance,
        {
            "document": document.text,
            "request": request,
            "selection": turn.selection.model_dump() if turn.selection else None,
        },
        decision,
        decision.confidence,
        started,
    )
    turn.status(
        f"locate={locate_label(document.text, decision)}" + (" (locator skipped)" if decision.from_selection else "")
    )
    return decision


def _named_place(
    session: Session, turn: Turn, request: str, target: LocateDecision, wanted: Substitution | None
) -> LocateDecision:
    """The title for a title change, a heading renamed by its old words, the whole document for a substitution that
    names no part ('replace "CL" with "change"': every occurrence, as find-and-replace does), or the paragraph
    holding a passage the request quotes when the located part does not hold it; else the locator's answer.
    `wanted` is the substitution the request spells out, if any. A named place is logged as a locate decision of its
    own, with the document and the request like the locator's and `overrides` naming the locator's decision: it is
    the place used, so exports and corrections take it, not the locator's. Its unit is the kind of that place: a
    heading's or the title's words are a heading line, the one-line unit the locator reports as `sentence` (locate
    spec), and the policy decides for that unit."""
    text = session.document.text
    span = _substituted_place(text, wanted, target)
    unit = "document" if span is not None and (span.start, span.end) == (0, len(text)) else "sentence"
    if span is None and not any(
        target.span and target.span.start <= p.start and p.end <= target.span.end
        for p in quoted_passages(text, request)
    ):
        span, unit = quoted_paragraph(text, request), "paragraph"
    if span is None:
        return target
    named = LocateDecision(
        span=span,
        unit=unit,
        confidence=1.0,
        style="named",
        provenance=Provenance(implementation="named-place", version="1"),
    )
    session.log_decision(
        turn,
        "locate",
        named.provenance,
        {
            "document": text,
            "request": request,
            "selection": None,
            "overrides": session.last_turn.decisions["locate"].id,
            "located": target.model_dump(mode="json"),
        },
        named,
        1.0,
        time.perf_counter(),
    )
    turn.restate(f"locate={locate_label(text, named)} (named)")
    return named


def _substituted_place(text: str, wanted: Substitution | None, target: LocateDecision) -> Span | None:
    """Where a spelled-out substitution applies: the title, a heading named by its old words, or (when the locator
    found no part, or only where the old words are quoted) the whole document holding them."""
    if wanted is None:
        return None
    if wanted.old is None:
        return title_span(text)
    heading = heading_titled(text, wanted.old)
    if heading is not None or (target.span is not None and target.style != "quote"):
        return heading
    return Span(start=0, end=len(text)) if replaced(text, wanted.old, wanted.new) is not None else None


def _from_selection(text: str, selection: Span) -> LocateDecision:
    """The selection as the target; a stale selection past the end of the text is cut to the text."""
    from canvas_tui.document.units import segment

    selection = Span(start=min(selection.start, len(text)), end=min(selection.end, len(text)))
    unit = segment(text).smallest_containing(selection.start, selection.end)
    kind = unit.kind if unit and (unit.start, unit.end) == (selection.start, selection.end) else "sentence"
    return LocateDecision(
        span=selection,
        unit=kind,
        confidence=1.0,
        style="selection",
        from_selection=True,
        provenance=Provenance(implementation="selection", version="1"),
    )


def _ask(session: Session, turn: Turn, request: str, target: LocateDecision) -> None:
    turn.set_kind("question")
    candidates = target.candidates[:4]
    session.pending = PendingChoice(
        request=request, decision_id=session.last_turn.decisions["locate"].id, candidates=candidates
    )
    text = session.document.text
    lines = [
        f"  {number}. {candidate.title or ' '.join(text[candidate.span.start : candidate.span.end].split())[:70]}"
        for number, candidate in enumerate(candidates, start=1)
    ]
    turn.say("Which part do you mean? Answer with a number:\n" + "\n".join(lines))


async def answer_pending(session: Session, turn: Turn) -> bool:
    """If the message answers the locator's question, run the edit on the chosen part; else forget the question."""
    pending = session.pending
    match = re.fullmatch(r"\s*(?:#|number\s*)?(\d+)\.?\s*", turn.message)
    if match is None or not 1 <= int(match.group(1)) <= len(pending.candidates):
        return False
    session.pending = None
    chosen = pending.candidates[int(match.group(1)) - 1]
    session.log_correction(
        "locate_answered", pending.decision_id, chosen=chosen.model_dump(mode="json"), request=pending.request
    )
    located = LocateDecision(
        span=chosen.span,
        unit=chosen.unit,
        confidence=1.0,
        style="answer",
        provenance=Provenance(implementation="person", version="1"),
    )
    session.log_decision(
        turn,
        "locate",
        located.provenance,
        {"request": pending.request, "answer": turn.message},
        located,
        1.0,
        time.perf_counter(),
    )
    await edit(session, turn, located=located, request=pending.request)
    return True


async def comment(session: Session, turn: Turn) -> None:
    """The session's comment proposer proposes comments; each quote is anchored; anchored ones are kept, the rest
    reported.

    Comment ids number the document's comments (c1, c2, ...), so a replayed session refers to the same ones.
    """
    turn.set_kind("comment")
    document, limit = session.document, session.settings.max_comments
    started = time.perf_counter()
    proposed = await session.behaviours.proposer.propose(
        session.client, turn.message, document.text, limit, session.settings.max_tokens
    )
    record = session.log_decision(
        turn,
        "comment",
        Provenance(
            implementation=proposed.implementation,
            version=proposed.version,
            raw_reply=proposed.raw_reply,
            fallback=proposed.fallback,
        ),
        {"request": turn.message, "document": document.text},
        proposed.proposals.model_dump(),
        None,
        started,
        uses_model=proposed.uses_model,
    )
    if proposed.fallback:
        turn.notice("warning", f"The model's comments could not be read ({proposed.problem}); no comments were added.")
    kept, dropped = 0, []
    for proposal in proposed.proposals.comments[:limit]:
        started = time.perf_counter()
        anchored = session.behaviours.anchorer.anchor(document.text, proposal.quote, near=proposal.at)
        anchor_record = session.log_decision(
            turn,
            "anchor",
            Provenance(implementation=session.behaviours.anchorer.name, version=session.behaviours.anchorer.version),
            {"quote": proposal.quote, "document": document.text},
            anchored,
            anchored.score,
            started,
        )
        if anchored.span is None:
            dropped.append(proposal.quote)
            continue
        kept += 1
        document.add_comment(
            Comment(
                id=f"c{len(document.comments) + 1}",
                quote=document.text[anchored.span.start : anchored.span.end],
                comment=proposal.comment,
                suggestion=proposal.suggestion,
                start=anchored.span.start,
                end=anchored.span.end,
                score=anchored.score,
                ambiguous=anchored.ambiguous,
                decision_id=anchor_record.id,
            )
        )
    turn.status(f"comments={kept} anchored, {len(dropped)} dropped")
    turn.say(
        (
            f"I left {kept} comment{'s' if kept != 1 else ''} in the canvas."
            if kept
            else "I left no comment in the canvas."
        )
        + (
            f" {len(dropped)} could not be placed because the quoted text is not in the document: "
            + "; ".join(f"“{quote[:60]}”" for quote in dropped)
            if dropped
            else ""
        )
    )
    session.last_turn.comment_decision = record.id

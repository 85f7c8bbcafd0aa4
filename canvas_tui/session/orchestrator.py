"""The session: one turn at a time, user message -> trigger/router -> chat | new document | edit | comment.

No Textual here: the same session runs in the app, the headless chat, replay and evals. A turn
never raises and never corrupts the document: whatever the model does, the document is either
unchanged or changed by one validated version, and the person is told what happened.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from canvas_tui.behaviours.base import Provenance, Span
from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.config import Settings
from canvas_tui.document import Document
from canvas_tui.llm.client import ModelClient, encodable
from canvas_tui.llm.errors import ModelError
from canvas_tui.llm.types import ModelExchange
from canvas_tui.log.recording import (
    ActionEntry,
    ActionKind,
    CorrectionEntry,
    DecisionEntry,
    ExchangeEntry,
    RecordingWriter,
    VersionEntry,
)
from canvas_tui.log.records import CorrectionKind, CorrectionRecord, DecisionRecord, new_id
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import steps
from canvas_tui.session.actions import PersonActions
from canvas_tui.session.context import LastTurn, Turn
from canvas_tui.session.events import DecisionMade, Event
from canvas_tui.session.replacing import Replacement
from canvas_tui.session.result import TurnResult

REFIND_WINDOW = 4000
"""Characters on each side of a comment's old place searched (approximately) when an edit touches it."""

ROUTES = {
    "canvas": "new_document",
    "inline": "chat",
    "new_document": "new_document",
    "chat": "chat",
    "edit": "edit",
    "comment": "comment",
}


class Session(PersonActions):
    """A conversation beside at most one document, with every decision logged (and optionally recorded)."""

    def __init__(
        self,
        client: ModelClient,
        behaviours: Behaviours,
        log: DecisionLog,
        settings: Settings,
        *,
        document: Document | None = None,
        recorder: RecordingWriter | None = None,
        session_id: str | None = None,
        source: str | None = None,
    ) -> None:
        self.client, self.behaviours, self.log, self.settings = client, behaviours, log, settings
        self.session_id = session_id or new_id()
        self.source = source
        self.recorder = recorder
        self.history: list[dict[str, str]] = []
        self.document: Document | None = None
        self.canvas_open = False
        self.pending: steps.PendingChoice | None = None
        self.last_turn = LastTurn()
        self.version_decisions: dict[int, str] = {}
        """The decision behind each model version of the open document, by version number."""
        self.replacements: list[Replacement] = []
        """Documents that new ones replaced, most recent last: undo brings them back."""
        self.undone_replacements: list[Replacement] = []
        """Replacements undone, most recent last: redo replaces again."""
        self.recording_problem: str | None = None
        self.undo_hint = "Ctrl+Z"
        """How the front end undoes a change, named in the turn's reply ("/undo" in the line-oriented chat)."""
        self._told = {log.problem}
        client.observers.append(self._on_exchange)
        if document is not None:
            self.adopt_document(document)

    def detach(self) -> None:
        """Stop observing the model client, so a client shared by many sessions (an eval) keeps no dead ones."""
        if self._on_exchange in self.client.observers:
            self.client.observers.remove(self._on_exchange)

    # -- turns ---------------------------------------------------------------------------------

    async def turn(
        self, message: str, *, selection: Span | None = None, emit: Callable[[Event], None] | None = None
    ) -> TurnResult:
        """Run one chat turn; never raises, never leaves the document half-changed."""
        message = encodable(message)
        turn = Turn(message=message, selection=selection, **({"emit": emit} if emit else {}))
        self.record_action("message", {"text": message, "selection": selection.model_dump() if selection else None})
        before = self.document.current if self.document else None
        self.confirm_reselection(message, selection)
        try:
            await self._dispatch(turn)
        except ModelError as exc:
            self._fail(turn, f"The model could not answer: {exc}")
        except Exception as exc:  # noqa: BLE001 - a turn must never take the app down
            self._fail(turn, f"Something went wrong in this turn ({type(exc).__name__}: {exc}).")
        if self.document and self.document.current != before:
            turn.result.document_changed, turn.result.version = True, self.document.current
        self.last_turn.kind = turn.result.kind
        self._tell_storage_problems(turn)
        return turn.result

    def _tell_storage_problems(self, turn: Turn) -> None:
        """Warn once about each new failure to log or record (disk full, read-only): the turn itself went on."""
        for problem in (self.log.problem, self.recording_problem):
            if problem and problem not in self._told:
                self._told.add(problem)
                turn.notice("warning", problem)

    def _fail(self, turn: Turn, message: str) -> None:
        turn.set_kind("failed")
        unchanged = " The document is unchanged." if self.document else ""
        turn.notice("error", message + unchanged)

    async def _dispatch(self, turn: Turn) -> None:
        self.last_turn = LastTurn()
        if self.pending is not None and await steps.answer_pending(self, turn):
            return
        self.pending = None
        route = await self._route(turn)
        await {"chat": steps.chat, "new_document": steps.new_document, "edit": steps.edit, "comment": steps.comment}[
            route
        ](self, turn)

    async def _route(self, turn: Turn) -> str:
        document = self.document.text if (self.document and self.canvas_open) else None
        started = time.perf_counter()
        decision = await self.behaviours.trigger.decide(turn.message, document=document)
        behaviour = "trigger" if document is None else "router"
        self.log_decision(
            turn,
            behaviour,
            decision.provenance,
            {"message": turn.message, "document": document},
            decision,
            decision.confidence,
            started,
        )
        route = ROUTES[decision.label]
        if route in ("edit", "comment") and document is None:
            route = "new_document" if route == "edit" else "chat"
        if turn.selection is not None and document is not None and route == "chat" and not decision.explicit:
            route = "edit"
        turn.status(f"{behaviour}={decision.label} {decision.confidence:.2f}")
        return route

    # -- logging and recording -------------------------------------------------------------------

    def log_decision(
        self,
        turn: Turn | None,
        behaviour: str,
        provenance: Provenance,
        inputs: dict[str, Any],
        output: BaseModel | dict[str, Any],
        confidence: float | None,
        started: float,
        *,
        uses_model: bool = False,
    ) -> DecisionRecord:
        """Log (and record) one decision; emits it so a UI can show it."""
        output_data = (
            output.model_dump(mode="json", exclude={"provenance"}) if isinstance(output, BaseModel) else output
        )
        by_model = uses_model or provenance.raw_reply is not None
        record = DecisionRecord(
            session_id=self.session_id,
            turn_id=turn.id if turn else None,
            behaviour=behaviour,
            implementation=provenance.implementation,
            version=provenance.version,
            input=inputs,
            output=output_data,
            confidence=confidence,
            latency_ms=(time.perf_counter() - started) * 1000,
            model=self.client.model if by_model else None,
            backend=self.client.backend if by_model else None,
            fallback=provenance.fallback,
            raw_reply=provenance.raw_reply,
            source=self.source,
        )
        self.log.append_decision(record)
        self._write(DecisionEntry(record=record))
        self.last_turn.decisions[behaviour] = record
        if turn is not None:
            turn.emit(
                DecisionMade(behaviour=behaviour, summary=str(output_data.get("label", "")), decision_id=record.id)
            )
        return record

    def log_correction(self, kind: CorrectionKind, decision_id: str | None, **detail: Any) -> CorrectionRecord:
        """Log (and record) a person's correction of an earlier decision."""
        record = CorrectionRecord(session_id=self.session_id, kind=kind, decision_id=decision_id, detail=detail)
        self.log.append_correction(record)
        self._write(CorrectionEntry(record=record))
        return record

    def record_action(self, kind: ActionKind, payload: dict[str, Any] | None = None) -> None:
        """Record what the person did, for replay."""
        self._write(ActionEntry(kind=kind, payload=payload or {}))

    def record_version(self) -> None:
        """Record the document's current version with its full text, for byte-for-byte replay checks."""
        if self.document is not None:
            version = self.document.versions[self.document.current]
            self._write(
                VersionEntry(
                    number=version.number, author=version.author, summary=version.summary, text=self.document.text
                )
            )

    def _on_exchange(self, exchange: ModelExchange) -> None:
        self._write(ExchangeEntry(exchange=exchange))

    def _write(self, entry: BaseModel) -> None:
        """Record one entry; if the recording cannot be written, stop recording (it stays readable) and say so."""
        if self.recorder is None:
            return
        try:
            self.recorder.write(entry)
        except OSError as exc:
            self.recording_problem = (
                f"The session is not being recorded: writing {self.recorder.path} failed ({exc.strerror or exc})."
            )
            with contextlib.suppress(OSError):
                self.recorder.close()
            self.recorder = None

    # -- the document ----------------------------------------------------------------------------

    def adopt_document(self, document: Document) -> None:
        """Make `document` the open document (comments re-anchor through this session's anchorer)."""
        self.show_document(document, {})

    def show_document(self, document: Document, version_decisions: dict[int, str]) -> None:
        """Open `document` in the canvas, with the decisions behind its model versions."""
        document.refind = self._refind
        self.document, self.version_decisions = document, version_decisions
        self.canvas_open = True
        self.record_version()

    def replace_document(self, document: Document, decision_id: str) -> None:
        """Open the new `document` the decision `decision_id` wrote in place of the open one, which is kept for undo."""
        self.replacements.append(
            Replacement(
                earlier=self.document,
                earlier_decisions=self.version_decisions,
                later=document,
                later_decisions={0: decision_id},
                decision_id=decision_id,
            )
        )
        self.undone_replacements.clear()
        self.show_document(document, self.replacements[-1].later_decisions)

    def _refind(self, text: str, quote: str, near: int) -> tuple[int, int] | None:
        """Where a comment's quote is after an edit: exactly or approximately near where it was, else exactly
        anywhere (anchoring a whole long document for each comment made edits and restores slow)."""
        low, high = max(0, near - REFIND_WINDOW), near + len(quote) + REFIND_WINDOW
        nearby = [
            found for found in (text.rfind(quote, low, near + len(quote)), text.find(quote, near, high)) if found >= 0
        ]
        if quote and nearby:
            start = min(nearby, key=lambda found: abs(found - near))
            return start, start + len(quote)
        result = self.behaviours.anchorer.anchor(text[low:high], quote)
        if result.span:
            return low + result.span.start, low + result.span.end
        start = text.find(quote) if quote else -1
        return (start, start + len(quote)) if start >= 0 else None

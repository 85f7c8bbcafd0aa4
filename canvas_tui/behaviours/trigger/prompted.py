"""The prompted target: a chat model asked for the label with a short version of the spec.

It is compared with the trained target in the eval (`--impl prompted`) and can serve as a
teacher. A reply that fails validation twice falls back to the keyword rule, flagged as such.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from pydantic import BaseModel

from canvas_tui.behaviours.base import Provenance, TriggerDecision
from canvas_tui.behaviours.trigger.implementations import BatchTrigger
from canvas_tui.behaviours.trigger.keyword import keyword_route, keyword_trigger
from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.types import ModelRequest

TRIGGER_PROMPT = (
    "You decide whether a chat assistant should open a document pane (canvas) for the user's message.\n"
    "canvas: a substantial, self-contained deliverable the user will edit: essay, story, article, blog post, "
    "report, letter, email of several paragraphs, speech, script, plan, itinerary, poem without a short limit, "
    "a program, script, app or function implementing something.\n"
    "inline: questions, explanations, math, reasoning, advice, trivia, chit-chat, role-play, extraction, "
    "summaries or translations of given text, debugging questions, and short pieces (tweet, slogan, title, "
    "haiku, one sentence or paragraph, a list of ideas or names, anything under about 10 lines).\n"
    "Explicit requests win: 'use the canvas' -> canvas; 'just answer here' or 'no canvas' -> inline.\n"
    'Reply with JSON: {"label": "canvas"} or {"label": "inline"}.'
)
ROUTER_PROMPT = (
    "A document is open beside the chat. Route the user's message.\n"
    "edit: change the open document (rewrite, shorten, fix, add or remove parts, change tone).\n"
    "comment: review or critique it without changing it (feedback, weak points, check for errors).\n"
    "chat: a question or remark answered in the chat (facts, thanks, questions about the document).\n"
    "new_document: a new, separate deliverable (another essay, a cover letter, a new doc).\n"
    'Reply with JSON: {"label": "edit"|"comment"|"chat"|"new_document"}.'
)


class TriggerReply(BaseModel):
    """What the model must answer with no document open."""

    label: Literal["canvas", "inline"]


class RouterReply(BaseModel):
    """What the model must answer with a document open."""

    label: Literal["edit", "comment", "chat", "new_document"]


class PromptedTrigger(BatchTrigger):
    """Asks a chat model for the label; explicit requests are still decided by the rules first."""

    name = "prompted"
    version = "1"

    def __init__(self, client: ModelClient) -> None:
        self.client = client

    async def decide(self, message: str, *, document: str | None) -> TriggerDecision:
        """Explicit rules, else one model call (awaited in the caller's event loop)."""
        explicit = self._explicit(message, document)
        return explicit or await self._ask("trigger" if document is None else "router", message)

    async def _ask(self, kind: str, message: str) -> TriggerDecision:
        schema, prompt, rule = (
            (TriggerReply, TRIGGER_PROMPT, keyword_trigger)
            if kind == "trigger"
            else (RouterReply, ROUTER_PROMPT, keyword_route)
        )
        request = ModelRequest(
            purpose=f"trigger:{kind}",
            max_tokens=20,
            temperature=0.0,
            messages=[{"role": "system", "content": prompt}, {"role": "user", "content": message}],
        )
        reply = await self.client.structured(request, schema, fallback=schema(label=rule(message)))
        provenance = Provenance(
            implementation=f"prompted:{self.client.model}",
            version=self.version,
            fallback=reply.fallback,
            raw_reply=reply.raw,
        )
        confidence = 0.5 if reply.fallback else 0.9
        return TriggerDecision(label=reply.value.label, confidence=confidence, provenance=provenance)

    async def _ask_all(self, kind: str, messages: list[str]) -> list[TriggerDecision]:
        return [await self._ask(kind, message) for message in messages]

    def _decide(self, kind: str, messages: list[str], documents: list[str | None]) -> list[TriggerDecision]:
        """Batch path of the evals (no event loop running there)."""
        return asyncio.run(self._ask_all(kind, messages)) if messages else []

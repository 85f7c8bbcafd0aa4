"""Comment proposers: one interface, five implementations, and the measured default.

- `prompted`: the writing model places and writes comments itself (the session's original prompt);
- `few-shot`: the same, with example comments chosen from the labels;
- `scorer`: the trained span scorer (with the cue rules for typos, grammar slips and code smells) picks
  units, templates write the comment and the obvious fix;
- `rules`: the same with the untrained cue rules in place of the trained scorer (a baseline);
- `hybrid`: the scorer picks units, the model writes only the comment text (template if it fails).
Scorer quotes are document units, so they anchor by construction.
"""

from __future__ import annotations

from functools import cached_property
from typing import Protocol

from canvas_tui.behaviours.comment.candidates import is_program
from canvas_tui.behaviours.comment.examples import few_shot
from canvas_tui.behaviours.comment.features import analyse
from canvas_tui.behaviours.comment.model import trained_model
from canvas_tui.behaviours.comment.placement import Placement, place
from canvas_tui.behaviours.comment.prompting import comment_request, comment_text_request
from canvas_tui.behaviours.comment.repeats import distinct, repeat_comments
from canvas_tui.behaviours.comment.requests import allowed_categories, request_kind
from canvas_tui.behaviours.comment.rules import RuledModel, RuleModel
from canvas_tui.behaviours.comment.schema import (
    MAX_COMMENTS_PER_REPLY,
    NO_PROPOSALS,
    CommentProposals,
    ProposalResult,
    ProposedComment,
)
from canvas_tui.behaviours.comment.templates import comment_text, suggestion
from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.errors import ModelError
from canvas_tui.llm.local import LOCAL_MODEL_NAME

FIXABLE = {"typo", "grammar", "inconsistent", "wordy"}
"""Categories whose comment offers a replacement when the lexicon knows the fix."""
WEAK_PLACERS = {LOCAL_MODEL_NAME}
"""Models measured to place comments worse than the scorer (spec.md): the default does not let them place."""


class CommentProposer(Protocol):
    """Proposes comments on a document for a request; `client` is the writing model (unused by some)."""

    name: str
    version: str

    async def propose(
        self, client: ModelClient, request: str, document: str, limit: int, max_tokens: int = 1024
    ) -> ProposalResult: ...


class PromptedProposer:
    """The model places and writes the comments; with `examples`, few-shot examples from the labels."""

    def __init__(self, examples: bool = False) -> None:
        self.examples = examples
        self.name = "few-shot-model" if examples else "prompted-model"
        self.version = "2"

    async def propose(
        self, client: ModelClient, request: str, document: str, limit: int, max_tokens: int = 1024
    ) -> ProposalResult:
        """Ask the model for structured comments (retried once, then no comments)."""
        shots = few_shot(request, request_kind(request, program=is_program(document))) if self.examples else ()
        reply = await client.structured(
            comment_request(request, document, limit, max_tokens, shots), CommentProposals, NO_PROPOSALS
        )
        return ProposalResult(
            proposals=CommentProposals(comments=reply.value.comments[:limit]),
            implementation=self.name,
            version=self.version,
            uses_model=True,
            raw_reply=reply.raw,
            fallback=reply.fallback,
            problem=reply.problem,
        )


class ScorerProposer:
    """The trained scorer (or the untrained rules) places comments on units; templates say what was found
    and offer the obvious fix."""

    def __init__(self, model: RuledModel | RuleModel | None = None) -> None:
        self.model = model or RuledModel(trained_model())
        self.name = "span-rules" if isinstance(self.model, RuleModel) else "span-scorer"
        self.version = self.model.version

    def placements(self, request: str, document: str, limit: int) -> list[Placement]:
        """The units chosen for comments, with category and score."""
        units = analyse(document)
        allowed = allowed_categories(request, program=is_program(document))
        return place(units, self.model.probabilities([u.vector for u in units]), allowed, limit, self.model.threshold)

    def comment(self, placement: Placement, document: str) -> ProposedComment:
        """The templated comment (and fix, where obvious) for one placement."""
        fix = suggestion(placement.unit.text, document) if placement.category in FIXABLE else None
        return ProposedComment(
            quote=placement.unit.text[:400],
            comment=comment_text(placement.category, placement.unit.cues),
            suggestion=fix if fix and len(fix) <= 600 else None,
            at=placement.unit.candidate.start,
        )

    async def propose(
        self, client: ModelClient, request: str, document: str, limit: int, max_tokens: int = 1024
    ) -> ProposalResult:
        """Comments from the scorer alone; the model is not asked."""
        chosen = self.placements(request, document, min(limit, MAX_COMMENTS_PER_REPLY))
        comments = [self.comment(p, document) for p in chosen]
        return ProposalResult(
            proposals=CommentProposals(comments=comments),
            implementation=self.name,
            version=self.version,
            uses_model=False,
        )


def usable_text(text: str, quote: str) -> bool:
    """A model-written comment worth showing: one or two sentences, not a copy of the passage."""
    text = text.strip()
    return 8 <= len(text) <= 300 and quote.strip()[:40] not in text and "<passage>" not in text


class HybridProposer:
    """The scorer places; the model writes each comment's text (the template when its text is unusable)."""

    name = "hybrid-scorer-model"

    def __init__(self, scorer: ScorerProposer | None = None) -> None:
        self.scorer = scorer or ScorerProposer()
        self.version = self.scorer.version

    async def propose(
        self, client: ModelClient, request: str, document: str, limit: int, max_tokens: int = 1024
    ) -> ProposalResult:
        """One short model call per chosen unit; a failed call keeps the template (the model is optional here)."""
        comments, written = [], 0
        for placement in self.scorer.placements(request, document, limit):
            templated = self.scorer.comment(placement, document)
            try:
                text = await client.complete(comment_text_request(request, placement.unit.text, placement.category))
            except ModelError:
                text = ""
            use = usable_text(text, placement.unit.text)
            written += use
            comments.append(templated.model_copy(update={"comment": text.strip()[:400]}) if use else templated)
        return ProposalResult(
            proposals=CommentProposals(comments=comments),
            implementation=self.name,
            version=self.version,
            uses_model=True,
            raw_reply=f"{written} of {len(comments)} written by the model",
        )


class DefaultProposer:
    """The measured default: the scorer places comments for the embedded small model; any other model places its own."""

    name = "default"

    def __init__(self) -> None:
        self.prompted = PromptedProposer()

    @cached_property
    def scorer(self) -> ScorerProposer:
        """The trained scorer, read on the first comment request: a session that never comments does not need its
        file, and a missing file is reported on that turn instead of stopping the session from starting."""
        return ScorerProposer()

    @property
    def version(self) -> str:
        """The scorer's version (the placement model of the default)."""
        return self.scorer.version

    def choose(self, client: ModelClient) -> CommentProposer:
        """The implementation used with this client."""
        return self.scorer if client.model in WEAK_PLACERS else self.prompted

    async def propose(
        self, client: ModelClient, request: str, document: str, limit: int, max_tokens: int = 1024
    ) -> ProposalResult:
        """Delegate to the implementation chosen for the client's model; passages repeated word for word come
        first (when the request asks about style), and no two comments say the same of the same text."""
        result = await self.choose(client).propose(client, request, document, limit, max_tokens)
        program = is_program(document)
        repeats = (
            repeat_comments(document) if "wordy" in allowed_categories(request, program=program) and not program else []
        )
        comments = distinct([*repeats, *result.proposals.comments])[:limit]
        return result.model_copy(update={"proposals": CommentProposals(comments=comments)})


def default_proposer() -> DefaultProposer:
    """The proposer the session uses."""
    return DefaultProposer()


IMPLEMENTATIONS = {
    "prompted": lambda: PromptedProposer(),
    "few-shot": lambda: PromptedProposer(examples=True),
    "scorer": ScorerProposer,
    "rules": lambda: ScorerProposer(RuleModel()),
    "hybrid": HybridProposer,
}
"""Implementations by eval name; `prompted`, `few-shot` and `hybrid` call the model."""

"""The comment behaviour: the model proposes (quote, comment, suggestion?) triples, as structured output."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ProposedComment(BaseModel):
    """One comment the model wants to leave: the passage it quotes, what it says, an optional replacement."""

    quote: str = Field(description="a short passage copied exactly from the document")
    comment: str = Field(description="what to improve about the passage, in one or two sentences")
    suggestion: str | None = Field(None, description="replacement text for the passage, if there is one")


class CommentProposals(BaseModel):
    """The model's comments on a document."""

    comments: list[ProposedComment]


NO_PROPOSALS = CommentProposals(comments=[])
"""The fallback when the model's replies cannot be used: no comments (and the person is told)."""

"""What a comment proposer returns: (quote, comment, suggestion?) triples, as structured output."""

from __future__ import annotations

from pydantic import BaseModel, Field
from pydantic.json_schema import SkipJsonSchema

MAX_COMMENTS_PER_REPLY = 10
"""A hard bound in the schema (so a constrained decoder stops); the configurable limit is applied after."""


class ProposedComment(BaseModel):
    """One comment the model wants to leave: the passage it quotes, what it says, an optional replacement."""

    quote: str = Field(max_length=400, description="a short passage copied exactly from the document")
    comment: str = Field(max_length=400, description="what to improve about the passage, in one or two sentences")
    suggestion: str | None = Field(
        None, max_length=600, description="replacement text for the passage, if there is one"
    )
    at: SkipJsonSchema[int | None] = Field(
        None,
        exclude=True,
        description="where the proposer found the quote (its own units), passed to "
        "the anchorer as a hint; never asked of a model",
    )


class CommentProposals(BaseModel):
    """The model's comments on a document."""

    comments: list[ProposedComment] = Field(max_length=MAX_COMMENTS_PER_REPLY)


NO_PROPOSALS = CommentProposals(comments=[])
"""The fallback when the model's replies cannot be used: no comments (and the person is told)."""


class ProposalResult(BaseModel):
    """A proposer's answer for one turn, with what the decision log needs to say how it was made."""

    proposals: CommentProposals
    implementation: str
    version: str
    uses_model: bool
    raw_reply: str | None = None
    fallback: bool = False
    problem: str | None = None

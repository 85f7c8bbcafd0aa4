"""The comment behaviour: which spans of a document deserve a comment for a request, and what to say.

Implementations (prompted model, few-shot prompted model, trained span scorer, cue rules, hybrid)
share one interface, `CommentProposer`; `default_proposer()` is the measured best
(behaviours/comment/spec.md).
"""

from canvas_tui.behaviours.comment.proposers import CommentProposer, default_proposer
from canvas_tui.behaviours.comment.schema import (
    MAX_COMMENTS_PER_REPLY,
    NO_PROPOSALS,
    CommentProposals,
    ProposalResult,
    ProposedComment,
)

__all__ = [
    "MAX_COMMENTS_PER_REPLY",
    "NO_PROPOSALS",
    "CommentProposals",
    "CommentProposer",
    "ProposalResult",
    "ProposedComment",
    "default_proposer",
]

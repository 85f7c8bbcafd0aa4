"""The requests the prompted comment proposers send to the writing model.

The document is untrusted text: it goes inside a delimited block, cut to a budget so a long
document cannot overflow a small model's context window.
"""

from __future__ import annotations

from canvas_tui.llm.types import ModelRequest

CONTEXT_BUDGET = 6000
"""Characters of the document sent with a comment request (the embedded model has an 8k-token window)."""

REVIEWER = (
    "You are a helpful writing and coding assistant working beside a document editor. Be concise and accurate. "
    "You review documents. Give at most {limit} comments. Each comment quotes a short passage copied exactly "
    "from the document, says what to improve, and may suggest replacement text."
)


def _cut(document: str) -> str:
    return document if len(document) <= CONTEXT_BUDGET else document[:CONTEXT_BUDGET] + "…"


def comment_request(
    message: str, document: str, limit: int, max_tokens: int, examples: tuple[tuple[str, str], ...] = ()
) -> ModelRequest:
    """Propose comments on the document; `examples` are (quote, comment) pairs shown as good comments."""
    system = REVIEWER.format(limit=limit)
    if examples:
        system += "\n\nExamples of good comments:\n" + "\n".join(f"- quote: {q}\n  comment: {c}" for q, c in examples)
    user = f"<document>\n{_cut(document)}\n</document>\n\nRequest: {message}"
    return ModelRequest(
        purpose="comment",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        max_tokens=max_tokens,
    )


def comment_text_request(message: str, passage: str, category: str, max_tokens: int = 80) -> ModelRequest:
    """Write only the comment for one passage already chosen (the hybrid proposer)."""
    system = (
        "You are a careful editor. Write one short comment (one sentence) on the passage: what to improve and why. "
        f"The problem to address: {category.replace('_', ' ')}. Reply with the comment only."
    )
    user = f"Request: {message}\n\n<passage>\n{passage}\n</passage>"
    return ModelRequest(
        purpose="comment_text",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        max_tokens=max_tokens,
    )

"""The requests the session sends to the writing model: chat, a new document, an edit (comment requests
belong to the comment behaviour: canvas_tui/behaviours/comment/prompting.py).

Documents are untrusted text: they go to the model inside clearly delimited blocks and are cut to
a budget around the part that matters, so a huge document never overflows a small model.
"""

from __future__ import annotations

from canvas_tui.llm.types import ModelRequest

CONTEXT_BUDGET = 6000
"""Characters of document context sent with a request (the embedded model has an 8k-token window)."""

LOOP_PENALTIES = {"frequency_penalty": 0.3, "presence_penalty": 0.1, "repeat_penalty": 1.12}
"""Sent with free writing (chat, new documents, rewrites) so a small model is pushed off repeating itself;
not with targeted edits, whose reply must repeat most of the passage."""

SYSTEM = "You are a helpful writing and coding assistant working beside a document editor. Be concise and accurate."


def _excerpt(text: str, start: int = 0, end: int | None = None, budget: int = CONTEXT_BUDGET) -> str:
    """The document cut to `budget` characters centred on [start, end)."""
    end = len(text) if end is None else end
    if len(text) <= budget:
        return text
    margin = max(0, (budget - (end - start)) // 2)
    low, high = max(0, start - margin), min(len(text), end + margin)
    return ("…" if low else "") + text[low:high] + ("…" if high < len(text) else "")


def chat_request(message: str, history: list[dict[str, str]], document: str | None, max_tokens: int) -> ModelRequest:
    """Answer in the chat, with the open document (if any) as context."""
    system = SYSTEM
    if document:
        system += f"\n\nThe person has this document open:\n<document>\n{_excerpt(document)}\n</document>"
    messages = [{"role": "system", "content": system}, *history[-6:], {"role": "user", "content": message}]
    return ModelRequest(purpose="chat", messages=messages, max_tokens=max_tokens, **LOOP_PENALTIES)


def write_request(message: str, max_tokens: int) -> ModelRequest:
    """Write a new document for the canvas: only the document, in markdown, no preamble."""
    system = (
        SYSTEM + " Write the requested document in markdown. Output only the document itself, "
        "starting with a title line, with no preamble and no closing remarks."
    )
    return ModelRequest(
        purpose="write",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": message}],
        max_tokens=max_tokens,
        **LOOP_PENALTIES,
    )


def edit_request(message: str, document: str, start: int, end: int, targeted: bool, max_tokens: int) -> ModelRequest:
    """Rewrite (or minimally edit) only the target passage; the reply replaces exactly that passage."""
    how = (
        "Make only the small change asked for and keep every other word as it is."
        if targeted
        else "Rewrite the passage as asked."
    )
    system = (
        SYSTEM + " You edit one passage of a document. Reply with only the new text of the passage, "
        "nothing else: no quotes around it, no explanation. " + how
    )
    user = (
        f"Document context:\n<document>\n{_excerpt(document, start, end)}\n</document>\n\n"
        f"The passage to change:\n<passage>\n{document[start:end]}\n</passage>\n\nRequest: {message}"
    )
    return ModelRequest(
        purpose="edit",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        max_tokens=max_tokens,
        **({} if targeted else LOOP_PENALTIES),
    )


INSERT_KINDS = {
    "sentence": "one sentence",
    "paragraph": "one short paragraph",
    "bullet": "one list item (no bullet mark)",
}


def insert_request(message: str, document: str, position: int, kind: str, max_tokens: int) -> ModelRequest:
    """Write only the new text to add at `position` (code splices it in, so nothing else can change)."""
    system = (
        SYSTEM + f" You add to a document. Reply with only the new text to add: {INSERT_KINDS[kind]}, "
        "nothing else: do not repeat the existing text, no quotes around it, no explanation."
    )
    low, high = max(0, position - 1500), min(len(document), position + 500)
    user = (
        f"Document context:\n<document>\n{_excerpt(document, position, position)}\n</document>\n\n"
        f"The new text goes here, between these two parts:\n<before>\n{document[low:position]}\n</before>\n"
        f"<after>\n{document[position:high]}\n</after>\n\nRequest: {message}"
    )
    return ModelRequest(
        purpose="insert",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        max_tokens=max_tokens,
        **LOOP_PENALTIES,
    )

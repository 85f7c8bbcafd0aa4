"""How `iterate` judges two comment artifacts: the held-out cases they answer, and each answer as a person reads it."""

from __future__ import annotations

from typing import Any

from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.contract import JudgedText
from canvas_tui.pipeline.dataset import load_dataset
from canvas_tui.pipeline.documents import DocumentStore

PROMPT_DOCUMENT_CHARS = 1500


def held_out_inputs(config: BehaviourConfig) -> list[dict[str, Any]]:
    """One `predict comment` line per held-out (document, request) case."""
    store = DocumentStore(config.documents)
    cases = dict.fromkeys(
        (row.fields["doc"], row.fields["request"]) for row in load_dataset(config).rows if row.held_out
    )
    return [{"id": i, "document": store.text(doc) or "", "request": request} for i, (doc, request) in enumerate(cases)]


def as_text(output: dict[str, Any]) -> str:
    """A `predict comment` answer as the person reads it: each quote and what is said about it."""
    return (
        "\n".join(
            f"- “{c['quote']}”: {c['comment']}" + (f" (suggest: {c['suggestion']})" if c.get("suggestion") else "")
            for c in output.get("comments", [])
        )
        or "(no comments)"
    )


def judge_prompt(item: dict[str, Any]) -> str:
    """The request and the start of the document, as the judge is shown them."""
    return f"{item['request']}\n\n{item['document'][:PROMPT_DOCUMENT_CHARS]}"


JUDGED = JudgedText(inputs=held_out_inputs, text=as_text, prompt=judge_prompt)

"""The win-rate check of `iterate` for behaviours that write text (comment): candidate against current.

Both artifacts answer the same held-out inputs through `canvas-tui predict` (each in its own child
process, see `isolated`); a judge model compares each differing pair blind (canvas_tui.judging.blind;
identical answers are not judged), and the candidate is rejected when the 95% interval of its win
rate lies wholly under one half.
What differs per behaviour (its held-out inputs, how an output reads as text) is a small adapter here.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from canvas_tui.judging.blind import Pair, judge_pairs, model_judge
from canvas_tui.judging.winrate import WinRate, win_rate
from canvas_tui.llm.client import ModelClient
from canvas_tui.pipeline import isolated
from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.dataset import load_dataset
from canvas_tui.pipeline.documents import DocumentStore

PROMPT_DOCUMENT_CHARS = 1500


class _Unlogged:
    """Where judge_pairs stores judgements: nowhere (iterate keeps them in its report)."""

    def append_judgement(self, judgement: Any) -> None:
        """Drop the judgement."""


def comment_inputs(config: BehaviourConfig) -> list[dict[str, Any]]:
    """One `predict comment` line per held-out (document, request) case."""
    store = DocumentStore(config.documents)
    cases = dict.fromkeys((row.fields["doc"], row.fields["request"]) for row in load_dataset(config).rows if row.held_out)
    return [{"id": i, "document": store.text(doc) or "", "request": request} for i, (doc, request) in enumerate(cases)]


def comment_text(output: dict[str, Any]) -> str:
    """A `predict comment` answer as the person reads it: each quote and what is said about it."""
    return "\n".join(f"- “{c['quote']}”: {c['comment']}" + (f" (suggest: {c['suggestion']})" if c.get("suggestion") else "")
                     for c in output.get("comments", [])) or "(no comments)"


ADAPTERS: dict[str, tuple[Callable[[BehaviourConfig], list[dict]], Callable[[dict], str]]] = {
    "comment": (comment_inputs, comment_text),
}


def _prompt(item: dict[str, Any]) -> str:
    return f"{item['request']}\n\n{item['document'][:PROMPT_DOCUMENT_CHARS]}"


def _texts(config: BehaviourConfig, root: Path, inputs: list[dict], render: Callable[[dict], str]) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="canvas-tui-winrate-") as work:
        source, sink = Path(work) / "in.jsonl", Path(work) / "out.jsonl"
        source.write_text("".join(json.dumps(item) + "\n" for item in inputs), encoding="utf-8")
        isolated.run_cli(root, "predict", config.name, "-i", str(source), "-o", str(sink), "--no-progress")
        return [render(json.loads(line)) for line in sink.read_text(encoding="utf-8").splitlines()]


async def candidate_win_rate(config: BehaviourConfig, current_root: Path, candidate_root: Path,
                             judge: ModelClient, cases: int, seed: int = 0) -> WinRate:
    """The candidate's win rate over the current artifact on up to `cases` held-out inputs, judged blind."""
    make_inputs, render = ADAPTERS[config.name]
    inputs = make_inputs(config)[:cases]
    pairs = [Pair(prompt=_prompt(item), a=a, b=b) for item, a, b in
             zip(inputs, _texts(config, candidate_root, inputs, render), _texts(config, current_root, inputs, render))
             if a != b]
    judgements = await judge_pairs(pairs, model_judge(judge), judge=f"model:{judge.backend}/{judge.model}",
                                   names=("candidate", "current"), log=_Unlogged(), comparison_id="iterate",
                                   rng=random.Random(seed))
    return win_rate(judgements, "candidate", "current")


def clearly_worse(rate: WinRate) -> bool:
    """The candidate loses: its win rate's 95% interval lies wholly under one half."""
    return rate.a_wins + rate.b_wins > 0 and rate.high < 0.5

"""The win-rate check of `iterate` for behaviours that write text (those declaring `judged`): candidate against current.

Both artifacts are loaded in this process (`Behaviour.load` of each folder) and answer the same held-out inputs
(the behaviour's `judged.inputs`); a judge model compares each differing pair blind (canvas_tui.judging.blind;
identical answers are not judged), and the candidate is rejected when the 95% interval of its win rate lies
wholly under one half.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from canvas_tui.judging.blind import Pair, judge_pairs, model_judge
from canvas_tui.judging.winrate import WinRate, win_rate
from canvas_tui.llm.client import ModelClient
from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.contract import Behaviour, JudgedText
from canvas_tui.pipeline.registry import behaviour


class _Unlogged:
    """Where judge_pairs stores judgements: nowhere (iterate keeps them in its report)."""

    def append_judgement(self, judgement: Any) -> None:
        """Drop the judgement."""


def _texts(declared: Behaviour, judged: JudgedText, root: Path, inputs: list[dict[str, Any]]) -> list[str]:
    """The artifact in `root`'s answers to `inputs`, loaded here and passed in, as text."""
    outputs = declared.predict_lines(declared.load(root / declared.folder), inputs)
    return [judged.text(output) for output in outputs]


async def candidate_win_rate(
    config: BehaviourConfig, current_root: Path, candidate_root: Path, judge: ModelClient, cases: int, seed: int = 0
) -> WinRate:
    """The candidate's win rate over the current artifact on up to `cases` held-out inputs, judged blind."""
    declared = behaviour(config.name)
    judged = declared.judged
    if judged is None:
        raise LookupError(f"behaviour {config.name!r} declares no judged text (Behaviour.judged)")
    inputs = judged.inputs(config)[:cases]
    pairs = [
        Pair(prompt=judged.prompt(item), a=a, b=b)
        for item, a, b in zip(
            inputs, _texts(declared, judged, candidate_root, inputs), _texts(declared, judged, current_root, inputs)
        )
        if a != b
    ]
    judgements = await judge_pairs(
        pairs,
        model_judge(judge),
        judge=f"model:{judge.backend}/{judge.model}",
        names=("candidate", "current"),
        log=_Unlogged(),
        comparison_id="iterate",
        rng=random.Random(seed),
    )
    return win_rate(judgements, "candidate", "current")


def clearly_worse(rate: WinRate) -> bool:
    """The candidate loses: its win rate's 95% interval lies wholly under one half."""
    return rate.a_wins + rate.b_wins > 0 and rate.high < 0.5

"""Run pipeline steps in-process against another behaviours/ folder (a scratch copy `iterate` trains a candidate in).

Behaviours resolve their data folder when a step runs (`canvas_tui.paths.behaviours_dir`, which reads
CANVAS_TUI_BEHAVIOURS_DIR), and hold no module-level cache of an artifact that is not keyed by its path, so
pointing the folder elsewhere for the length of a step is enough to train and evaluate there. Predictions
for two artifacts side by side go through `Behaviour.load(folder)` instead: the loaded models are passed in.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.contracts import EvalRequest, TrainRequest
from canvas_tui.pipeline.registry import step

ROOT_VARIABLE = "CANVAS_TUI_BEHAVIOURS_DIR"


class StepFailed(RuntimeError):
    """A train or eval step failed in the scratch folder; the message says which and why."""


@contextmanager
def behaviours_at(root: Path) -> Iterator[None]:
    """For the length of the block, behaviours/ is `root` (the previous setting is restored after)."""
    previous = os.environ.get(ROOT_VARIABLE)
    os.environ[ROOT_VARIABLE] = str(root)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ROOT_VARIABLE, None)
        else:
            os.environ[ROOT_VARIABLE] = previous


def eval_figures(config: BehaviourConfig, root: Path) -> dict[str, Any]:
    """The behaviour's eval figures (its pipeline.toml's implementations) with behaviours/ at `root`, as JSON data
    (what `canvas-tui eval NAME --json` prints)."""
    with tempfile.TemporaryDirectory(prefix="canvas-tui-eval-") as reports, behaviours_at(root):
        request = EvalRequest(
            implementations=config.eval.implementations, report_dir=Path(reports), show_progress=False
        )
        try:
            figures = step(config.name, "evaluate")(request).figures
        except (ValueError, LookupError, OSError) as exc:
            raise StepFailed(f"eval {config.name} failed: {exc}") from exc
    return json.loads(json.dumps(figures, default=str))


def train(config: BehaviourConfig, root: Path, seed: int, allow_lint_errors: bool) -> None:
    """Train the behaviour (lint gate, artifact, card) with behaviours/ at `root`."""
    from canvas_tui.pipeline.training import train_behaviour

    with behaviours_at(root):
        try:
            train_behaviour(
                config.name, TrainRequest(seed=seed, allow_lint_errors=allow_lint_errors, show_progress=False)
            )
        except (ValueError, LookupError, OSError) as exc:
            raise StepFailed(f"train {config.name} failed: {exc}") from exc

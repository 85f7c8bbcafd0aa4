"""Train and evaluate a behaviour in a child process, against a chosen behaviours/ folder.

`iterate` compares two artifacts of the same behaviour; behaviours cache loaded artifacts per
process (some per path, some once), so each side runs in its own `python -m canvas_tui` process
with CANVAS_TUI_BEHAVIOURS_DIR pointing at its folder: no cache can hand one side the other's model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from canvas_tui.pipeline.config import BehaviourConfig

ROOT_VARIABLE = "CANVAS_TUI_BEHAVIOURS_DIR"


class ChildFailed(RuntimeError):
    """A child `canvas-tui` command failed; the message ends with its stderr."""


def run_cli(root: Path, *args: str) -> str:
    """Run `canvas-tui ARGS` with behaviours/ at `root`; returns its stdout."""
    done = subprocess.run([sys.executable, "-m", "canvas_tui", *args], capture_output=True, text=True, check=False,
                          env={**os.environ, ROOT_VARIABLE: str(root)})
    if done.returncode != 0:
        raise ChildFailed(f"`canvas-tui {' '.join(args)}` exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def eval_figures(config: BehaviourConfig, root: Path) -> dict[str, Any]:
    """The behaviour's eval figures (its pipeline.toml's implementations) with behaviours/ at `root`."""
    implementations = [arg for name in config.eval.implementations or [] for arg in ("--impl", name)]
    with tempfile.TemporaryDirectory(prefix="canvas-tui-eval-") as reports:
        return json.loads(run_cli(root, "eval", config.name, "--json", "--report-dir", reports, *implementations))


def train(config: BehaviourConfig, root: Path, seed: int, allow_lint_errors: bool) -> None:
    """Train the behaviour (lint gate, artifact, card) with behaviours/ at `root`."""
    run_cli(root, "train", config.name, "--json", "--seed", str(seed), *(["--allow-lint-errors"] if allow_lint_errors else []))

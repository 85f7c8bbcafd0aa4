"""What the CLI passes to a behaviour's eval and train steps, and what they give back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field


class Steps(BaseModel):
    """A long run's arguments that say, step by step, what it is doing: a command's progress display listens."""

    on_step: Callable[[str], None] | None = Field(None, exclude=True)
    """Told what the run is doing now (e.g. `cascade on the held-out split`), for a progress display."""

    def step(self, what: str) -> None:
        """Say what the run starts doing now (to `on_step`, if any)."""
        if self.on_step is not None:
            self.on_step(what)


class EvalRequest(Steps):
    """Arguments of `canvas-tui eval NAME`."""

    implementations: list[str] | None = Field(None, description="implementations to compare; None = all available")
    report_dir: Path = Path("reports")
    show_progress: bool = True


class EvalResult(BaseModel):
    """An eval run: headline figures as data, a human report as text, and any files written."""

    behaviour: str
    figures: dict[str, Any]
    text: str
    files: list[Path] = Field(default_factory=list)
    summary: str = ""
    """What the terminal shows when the text is too long to read there (the headline of each split, with where the
    whole report went); empty: the text itself is shown."""


class TrainRequest(Steps):
    """Arguments of `canvas-tui train NAME`."""

    seed: int = 0
    allow_lint_errors: bool = False
    show_progress: bool = True


class TrainResult(BaseModel):
    """A training run: where the artifact went and its figures at training time."""

    behaviour: str
    artifact: Path
    figures: dict[str, Any]
    text: str

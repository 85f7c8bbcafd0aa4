"""`canvas-tui train trigger --slow-path`: fine-tune the trigger's slow path (torch needed, CPU, about 45 minutes)."""

from __future__ import annotations

import importlib.util
import json
import sys

import click

from canvas_tui.cli.common import EXIT_BACKEND, EXIT_USAGE


def train_slow_path(behaviour: str, seed: int, epochs: int, as_json: bool) -> None:
    """Check the request and torch, train, print the chosen settings; exits 2 on a behaviour without a slow path
    and 3 without torch."""
    if behaviour != "trigger":
        click.echo(f"error: only the trigger has a slow path, not {behaviour!r}", err=True)
        sys.exit(EXIT_USAGE)
    if importlib.util.find_spec("torch") is None:
        click.echo(
            "error: training the slow path needs torch, which is not installed; "
            "install the dev-only extra: pip install -e '.[finetune]'",
            err=True,
        )
        sys.exit(EXIT_BACKEND)
    from canvas_tui.behaviours.trigger.model import TRIGGER
    from canvas_tui.behaviours.trigger.slow_training import train_slow_path as train
    from canvas_tui.behaviours.trigger.workflow import datasets
    from canvas_tui.learn.finetune import FinetuneSettings

    rows, _, _ = datasets(TRIGGER)
    try:
        spec = train(
            rows, TRIGGER.folder, FinetuneSettings(seed=seed, epochs=epochs), lambda t: click.echo(t, err=True)
        )
    except (FileNotFoundError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BACKEND if isinstance(exc, FileNotFoundError) else 1)
    text = json.dumps(spec.model_dump(mode="json"), indent=2)
    click.echo(text if as_json else f"wrote the slow path to {TRIGGER.folder}: band {spec.band}, cut {spec.threshold}")

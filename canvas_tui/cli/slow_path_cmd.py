"""`canvas-tui train trigger|router --slow-path`: fine-tune a task's slow path (torch needed, CPU, 15 to 45 minutes)."""

from __future__ import annotations

import importlib.util
import json
import sys

import click

from canvas_tui.cli.common import EXIT_USAGE


def train_slow_path(behaviour: str, seed: int, epochs: int, as_json: bool) -> None:
    """Check the request and torch, train, print the chosen settings. Exits 2 on a behaviour without a slow path and
    when a package it needs is not installed (torch, the MiniLM): the environment, not a model backend, is lacking."""
    if behaviour not in ("trigger", "router"):
        click.echo(f"error: only the trigger and the router have a slow path, not {behaviour!r}", err=True)
        sys.exit(EXIT_USAGE)
    if not has_torch():
        click.echo(
            "error: training the slow path needs torch, which `make setup` does not install; install the dev-only "
            "extra (CPU torch) with: .venv/bin/pip install -e '.[finetune]', then run this again",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    from canvas_tui.behaviours.trigger.model import TASKS
    from canvas_tui.behaviours.trigger.slow_training import train_slow_path as train
    from canvas_tui.behaviours.trigger.workflow import datasets
    from canvas_tui.learn.finetune import FinetuneSettings

    task = TASKS[behaviour]
    rows, _, _ = datasets(task)
    try:
        spec = train(
            task, rows, task.folder, FinetuneSettings(seed=seed, epochs=epochs), lambda t: click.echo(t, err=True)
        )
    except (FileNotFoundError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE if isinstance(exc, FileNotFoundError) else 1)
    text = json.dumps(spec.model_dump(mode="json"), indent=2)
    cut = f"cut {spec.threshold}" if len(spec.classes) == 2 else f"blend {spec.blend}"
    click.echo(text if as_json else f"wrote the slow path to {task.folder}: band {spec.band}, {cut}")


def has_torch() -> bool:
    """Whether torch (the dev-only `finetune` extra) is installed."""
    return importlib.util.find_spec("torch") is not None

"""`canvas-tui log`: the last decisions (and corrections), as a table or as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from canvas_tui.cli.common import settings_from
from canvas_tui.log.store import DecisionLog


def _summary(output: dict) -> str:
    for key in ("label", "policy", "unit"):
        if output.get(key):
            return str(output[key])
    span = output.get("span")
    return f"[{span['start']}, {span['end']})" if span else "none"


@click.command(name="log")
@click.option("-n", "--last", default=20, show_default=True, help="How many decisions to show.")
@click.option("--behaviour", default=None, help="Only this behaviour (trigger, router, locate, policy, edit, comment, anchor).")
@click.option("--corrections", is_flag=True, help="Show the person's corrections instead of decisions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines (full records).")
@click.option("--log", "log_path", type=click.Path(path_type=Path), default=None, help="The SQLite decision log to read.")
def log(last: int, behaviour: str | None, corrections: bool, as_json: bool, log_path: Path | None) -> None:
    """Show the last decisions from the decision log."""
    store = DecisionLog(settings_from({"log_path": log_path}).log_path)
    if store.problem:
        raise click.ClickException(store.problem)
    records = list(store.corrections())[-last:] if corrections else list(store.decisions(last=last, behaviour=behaviour))
    if as_json:
        for record in records:
            click.echo(record.model_dump_json())
        return
    Console().print(_corrections_table(records) if corrections else _decisions_table(records))


def _decisions_table(records) -> Table:
    table = Table("time", "behaviour", "decision", "conf", "implementation", "ms", "fallback", title="decisions")
    for r in records:
        table.add_row(r.time.strftime("%m-%d %H:%M:%S"), r.behaviour, _summary(r.output),
                      "" if r.confidence is None else f"{r.confidence:.2f}", f"{r.implementation} {r.version}",
                      f"{r.latency_ms:.0f}", "yes" if r.fallback else "")
    return table


def _corrections_table(records) -> Table:
    table = Table("time", "kind", "corrects decision", "detail", title="corrections")
    for r in records:
        table.add_row(r.time.strftime("%m-%d %H:%M:%S"), r.kind, r.decision_id or "", json.dumps(r.detail)[:80])
    return table


def register(group: click.Group) -> None:
    """Add `log` to the top-level group."""
    group.add_command(log)

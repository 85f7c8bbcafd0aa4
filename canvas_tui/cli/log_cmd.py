"""`canvas-tui log`: the last decisions (and corrections), as a table or as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from canvas_tui.cli.team_source import SINCE_OPTION, open_records, record_source_options, utc
from canvas_tui.log.records import LOGGED_BEHAVIOURS


def _summary(output: dict) -> str:
    """A decision's outcome in a few words: its label, policy or unit, the comments it placed, or its span."""
    if "comments" in output:
        return f"{len(output['comments'])} comments"
    for key in ("label", "policy", "unit"):
        if output.get(key):
            return str(output[key])
    span = output.get("span")
    return f"[{span['start']}, {span['end']})" if span else "none"


@click.command(name="log")
@click.option(
    "-n", "--last", type=click.IntRange(min=1), default=20, show_default=True, help="How many decisions to show."
)
@click.option("--behaviour", type=click.Choice(LOGGED_BEHAVIOURS), default=None, help="Only this behaviour.")
@click.option("--corrections", is_flag=True, help="Show the person's corrections instead of decisions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines (full records).")
@click.option(
    "--log", "log_path", type=click.Path(path_type=Path), default=None, help="The SQLite decision log to read."
)
@SINCE_OPTION
@record_source_options
def log(
    last: int,
    behaviour: str | None,
    corrections: bool,
    as_json: bool,
    log_path: Path | None,
    since,
    team: bool,
    **filters,
) -> None:
    """Show the last decisions from the decision log (or, with --team, the team's, with whose they are)."""
    since = utc(since)
    store = open_records(log_path, team, behaviour=behaviour, since=since, **filters)
    if corrections:
        records = [(None, record) for record in list(store.corrections(since=since))[-last:]]
    elif team:
        records = list(store.people_decisions(last=last, behaviour=behaviour, since=since))
    else:
        records = [(None, record) for record in store.decisions(last=last, behaviour=behaviour, since=since)]
    if as_json:
        for person, record in records:
            click.echo(
                record.model_dump_json()
                if person is None
                else json.dumps({"person": person} | record.model_dump(mode="json"), ensure_ascii=False)
            )
        return
    Console().print(_corrections_table(records) if corrections else _decisions_table(records, team))


def _decisions_table(records, with_person: bool) -> Table:
    columns = ["person"] * with_person + ["time", "behaviour", "decision", "conf", "implementation", "ms", "fallback"]
    table = Table(*columns, title="decisions")
    overridden = {r.input.get("overrides") for _, r in records}
    for person, r in records:
        table.add_row(
            *[person or ""] * with_person,
            r.time.strftime("%m-%d %H:%M:%S"),
            r.behaviour,
            _summary(r.output) + (" (overridden, not used)" if r.id in overridden else ""),
            "" if r.confidence is None else f"{r.confidence:.2f}",
            f"{r.implementation} {r.version}",
            f"{r.latency_ms:.0f}",
            "yes" if r.fallback else "",
        )
    return table


def _corrections_table(records) -> Table:
    table = Table("time", "kind", "corrects decision", "detail", title="corrections")
    for _, r in records:
        table.add_row(r.time.strftime("%m-%d %H:%M:%S"), r.kind, r.decision_id or "", json.dumps(r.detail)[:80])
    return table


def register(group: click.Group) -> None:
    """Add `log` to the top-level group."""
    group.add_command(log)

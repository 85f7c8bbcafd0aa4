"""The data-loop commands: `eval replay`, `export labels|finetune`, `stats` (and `winrate`, in winrate_cmd); the
runtime `replay` is in replay_cmd.

Each command is a thin layer over `canvas_tui.data`; heavy imports happen only when one runs.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_PARTIAL, EXIT_USAGE, OutputFolder, OutputPath, backend_options, settings_from
from canvas_tui.cli.replay_cmd import load_or_exit
from canvas_tui.cli.team_source import LOG_OPTION, SINCE_OPTION, open_records, record_source_options, utc
from canvas_tui.data.exports import EXPORTABLE, label_header
from canvas_tui.data.finetune import FINETUNABLE


def _recordings(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    return found


@click.command(name="replay")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--all", "show_all", is_flag=True, help="List every decision, not only those that changed.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option(
    "--rebaseline",
    "reason",
    default=None,
    metavar="WHY",
    help="After an intended behaviour change: store today's decisions as each recording's expected ones "
    "(REC.baseline.json), with WHY in its history.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) on any decision that differs from the expected one, not only on regressions: "
    "fixtures stay trustworthy only if every change is re-baselined with its reason (what CI runs).",
)
@SINCE_OPTION
@record_source_options
@backend_options
def eval_replay(
    paths: tuple[Path, ...],
    show_all: bool,
    as_json: bool,
    reason: str | None,
    strict: bool,
    since,
    team: bool,
    person: str | None,
    until,
    source: str | None,
    **backend: object,
) -> None:
    """Re-run recorded sessions (files or folders of .jsonl, and with --team the team's) with today's behaviours;
    report changed decisions.

    Model text comes from each recording (the replay backend) unless --backend is given. A decision
    is `changed` when it differs from one the person never corrected nor acted on, `regressed` when it
    now disagrees with the person's correction or with a decision the person accepted by acting on it.
    Exit 1 if any decision regressed (changes alone exit 0, unless --strict), 2 if a recording or baseline is
    unreadable or there is no recording to replay.
    """
    from canvas_tui.data.baselines import save_baseline
    from canvas_tui.data.eval_replay import to_markdown

    if not paths and not team:
        raise click.UsageError("give recordings (files or folders), or --team to replay the team's")
    if reason is not None and (team or not reason.strip()):
        raise click.UsageError(
            "--rebaseline needs local recordings and the reason for the change, "
            "e.g. --rebaseline 'new comment proposer'"
        )
    with tempfile.TemporaryDirectory(prefix="canvas-tui-team-") as folder:
        found = _recordings(paths)
        if team:
            found += _team_recordings(Path(folder), person=person, since=since, until=until, source=source)
        if not found:
            where = ", ".join(map(str, paths)) + (" or the team store" if team else "")
            click.echo(f"error: no recordings (.jsonl) found in {where}", err=True)
            sys.exit(EXIT_USAGE)
        reports = [_eval_one(path, backend) for path in found]
    if reason is not None:
        for report in reports:
            written = save_baseline(Path(report.recording), report.decided_now, reason.strip())
            click.echo(f"re-baselined {report.recording} ({report.counts}): {written}", err=True)
        sys.exit(0)
    if as_json:
        click.echo(json.dumps([report.model_dump() | {"counts": report.counts} for report in reports], indent=2))
    else:
        click.echo(to_markdown(reports, show_all=show_all))
    unexplained = sum(report.unexplained for report in reports) if strict else 0
    if unexplained:
        click.echo(
            f"error: {unexplained} decision(s) differ from the recordings' expected ones (--strict); if the change "
            "is intended, re-baseline with --rebaseline 'why'",
            err=True,
        )
    sys.exit(EXIT_PARTIAL if unexplained or any(report.failed for report in reports) else 0)


def _team_recordings(folder: Path, **filters) -> list[Path]:
    """The team store's recorded sessions (filtered), written under `folder` as PERSON/SESSION.jsonl."""
    store = open_records(None, True, **filters)
    try:
        return store.write_recordings(folder)
    finally:
        store.close()


def _eval_one(path: Path, backend: dict[str, object]):
    """Eval-replay one recording (a usage error if it or its baseline cannot be read)."""
    from canvas_tui.behaviours.defaults import default_behaviours
    from canvas_tui.data.baselines import BaselineError
    from canvas_tui.data.eval_replay import eval_replay as run_eval
    from canvas_tui.llm.backends import make_client

    settings = settings_from(backend)
    client = make_client(settings) if backend.get("backend") else None
    try:
        return asyncio.run(
            run_eval(load_or_exit(path), settings, default_behaviours(settings.policy_threshold), client)
        )
    except BaselineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@click.group()
def export() -> None:
    """Turn real use (the decision log) into review-ready labels or fine-tuning data."""


@export.command()
@click.argument("behaviour", type=click.Choice(EXPORTABLE))
@SINCE_OPTION
@click.option("--redact", is_flag=True, help="Leave out document text (passages, quotes, documents).")
@click.option(
    "-o",
    "--output",
    type=OutputPath(),
    default=None,
    help="CSV file to write (default: stdout).",
)
@click.option(
    "--docs-dir",
    type=OutputFolder(),
    default=None,
    help="Where locate rows' documents are saved (default: documents/ beside --output; to stdout, only if given).",
)
@LOG_OPTION
@record_source_options
def labels(
    behaviour: str,
    since,
    redact: bool,
    output: Path | None,
    docs_dir: Path | None,
    log_path: Path | None,
    team: bool,
    **filters,
) -> None:
    """CSV rows for behaviours/BEHAVIOUR/labels.csv (same columns + source=real-use) from the person's corrections.

    Rows labels.csv already has are skipped; review the rest, then append them.
    """
    from canvas_tui.data.exports import label_rows, write_labels

    docs_dir = None if redact else (docs_dir or (_documents_beside(output, behaviour) if output else None))
    store = open_records(log_path, team, **filters)
    rows = label_rows(store, behaviour, since=utc(since), redact=redact)
    if output is None:
        written = write_labels(rows, behaviour, sys.stdout, docs_dir)
    else:
        with output.open("w", newline="", encoding="utf-8") as file:
            written = write_labels(rows, behaviour, file, docs_dir)
    click.echo(f"{written.rows} new {behaviour} rows" + _documents_note(written.documents, docs_dir), err=True)


def _documents_beside(output: Path, behaviour: str) -> Path:
    """The default folder of the documents rows name, documents/ beside the output, checked before any work when
    the behaviour's rows name documents (column doc): a file of that name is a usage error, not a traceback after
    the CSV was half written."""
    folder = output.parent / "documents"
    if "doc" in label_header(behaviour) and folder.exists() and not folder.is_dir():
        raise click.UsageError(f"cannot save the documents in {folder}: it is a file; give --docs-dir DIR")
    return folder


def _documents_note(documents: int, docs_dir: Path | None) -> str:
    """Where the documents the rows name were saved, or that they were not and how to save them."""
    if not documents:
        return ""
    if docs_dir is not None:
        return f"; their documents in {docs_dir}"
    return (
        f"; the {documents} documents they name (column doc) were not saved: add --docs-dir DIR, or write the rows "
        "with -o FILE (documents/ beside it)"
    )


@export.command()
@click.argument("behaviour", type=click.Choice(FINETUNABLE))
@SINCE_OPTION
@click.option(
    "-o",
    "--output",
    type=OutputPath(),
    default=None,
    help="JSONL file to write (default: stdout).",
)
@LOG_OPTION
@record_source_options
def finetune(behaviour: str, since, output: Path | None, log_path: Path | None, team: bool, **filters) -> None:
    """Chat-format JSONL ({"messages": [...]}) of BEHAVIOUR's logged decisions, corrected by the person.

    A corrected decision is exported with the answer `export labels` gives for the same correction: the canvas closed
    (trigger: inline; a router's new document: chat) or opened (canvas), another part picked (locate), an edit undone
    or rewritten by hand (policy: the other label). Decisions only rejected (a new document undone) are left out.
    """
    from canvas_tui.data.finetune import finetune_rows

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    for row in finetune_rows(open_records(log_path, team, **filters), behaviour, since=utc(since)):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    if output:
        out.close()
    click.echo(f"{count} {behaviour} examples", err=True)


@click.command()
@SINCE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--plot",
    "plot_path",
    type=OutputPath(),
    default=None,
    help="Also draw real use against the labels into this PNG.",
)
@LOG_OPTION
@record_source_options
def stats(since, as_json: bool, plot_path: Path | None, log_path: Path | None, team: bool, **filters) -> None:
    """Real use against the training labels: decision and correction rates, frequent requests, missing classes."""
    from rich.console import Console

    from canvas_tui.data.stats import real_use_stats
    from canvas_tui.data.stats_view import plot, tables

    figures = real_use_stats(open_records(log_path, team, **filters), since=utc(since))
    if as_json:
        click.echo(figures.model_dump_json(indent=2))
    else:
        for table in tables(figures):
            Console().print(table)
    if plot_path is not None:
        click.echo(f"wrote {plot(figures, plot_path)}", err=True)


def register(group: click.Group) -> None:
    """Add the data-loop commands to the top-level group (`eval replay` is added by `pipeline_cmds`)."""
    from canvas_tui.cli.winrate_cmd import winrate

    for command in (export, stats, winrate):
        group.add_command(command)

"""`canvas-tui traffic`: the launch loop on real messages: launch -> drift -> select -> (label) -> import.

canvas-tui traffic launch ../shared/real-traffic/followups.jsonl --limit 1000
canvas-tui traffic drift --plot reports/drift.png
canvas-tui traffic select router --n 30 --output to_label.csv
canvas-tui traffic import router to_label.csv [--split test]
canvas-tui traffic vote router second.csv third.csv
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click
from rich.progress import Progress

from canvas_tui.cli.common import EXIT_PARTIAL, EXIT_USAGE, OutputPath, backend_options, progress_bar, settings_from
from canvas_tui.cli.team_source import open_records

DEFAULT_SOURCE = "real-traffic"
SELECTABLE = click.Choice(["trigger", "router"])
TARGETS = {
    ("trigger", "train"): "trigger/labels.csv",
    ("trigger", "test"): "trigger/real_test.csv",
    ("router", "train"): "router/labels.csv",
    ("router", "test"): "router/real_test.csv",
}
CLASSES = {"trigger": ("canvas", "inline"), "router": ("edit", "comment", "chat", "new_document")}


@click.group()
def traffic() -> None:
    """Real messages through the behaviours, how they drift from the labels, and which to label next."""


@traffic.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Decide at most this many messages.")
@click.option(
    "--source", default=None, help="Source tag logged with every decision (default: real-traffic:<file stem>)."
)
@click.option("--generate", is_flag=True, help="Let the model write replies too (slow); default: decisions only.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@backend_options
def launch(path: Path, limit: int | None, source: str | None, generate: bool, as_json: bool, **backend: object) -> None:
    """Decide every message of PATH (a prompts or follow-ups JSONL file) as the app would, logging each decision.

    Exit 1 if some lines could not be read (each is reported with its number), 2 if the log cannot be opened (the
    decisions are all this command makes, so it does not run without one).
    """
    from canvas_tui.behaviours.defaults import default_behaviours
    from canvas_tui.data.launch import LaunchRunner
    from canvas_tui.data.traffic import read_traffic
    from canvas_tui.llm.scripted import DecisionsOnlyClient
    from canvas_tui.log.records import new_id
    from canvas_tui.log.store import DecisionLog

    settings = settings_from(backend)
    log = DecisionLog(settings.log_path)
    if log.problem:
        click.echo(f"error: {log.problem}", err=True)
        sys.exit(EXIT_USAGE)
    client = _client(settings) if generate else DecisionsOnlyClient()
    source = source or f"{DEFAULT_SOURCE}:{path.stem}"
    runner = LaunchRunner(
        client, default_behaviours(settings.policy_threshold), log, settings, source=source, run_id=f"launch-{new_id()}"
    )
    with path.open("rb") as lines:
        total = min(limit or sys.maxsize, sum(1 for line in lines if line.strip()))
    with Progress(transient=True, disable=as_json or not sys.stderr.isatty()) as bar:
        task = bar.add_task("deciding", total=total)
        summary = asyncio.run(runner.run(read_traffic(path, limit=limit), lambda: bar.advance(task)))
    log.close()
    for bad in summary.bad_lines:
        click.echo(f"error: line {bad.number}: {bad.reason}", err=True)
    if as_json:
        click.echo(summary.model_dump_json(indent=2))
    else:
        click.echo(
            f"{summary.rows} messages decided in {summary.seconds:.1f} s ({summary.rows_per_second:.0f}/s), "
            f"source {summary.source!r}, run {summary.run_id}, log {settings.log_path}"
        )
        click.echo("\n".join(_summary_lines(summary, generate)))
    sys.exit(EXIT_PARTIAL if summary.bad_lines else 0)


def _summary_lines(summary, generate: bool) -> list[str]:
    """The decisions by behaviour and class (each message once per behaviour), then one line per gap between them."""
    lines = [
        f"  {behaviour}: " + ", ".join(f"{name} {count}" for name, count in classes.items())
        for behaviour, classes in summary.decisions.items()
    ]
    if summary.further:
        further = ", ".join(f"{behaviour} {count}" for behaviour, count in summary.further.items())
        lines.append(
            f"each message counts once per behaviour (its turn's first decision); logged besides: {further} "
            "(the passage and the destination of a move, a place the request names)"
        )
    for behaviour, reasons in summary.stopped.items():
        turns = sum(reasons.values())
        because = ", ".join(f"{count} {reason}" for reason, count in reasons.items())
        lines.append(f"no {behaviour} decision on {turns} router edit{'s' * (turns != 1)}: {because}")
    if not generate:
        lines.append(
            "generation is off (--generate turns it on): a turn stops where the model would write (a reply, a new "
            "document, an edit, comments)"
            + (
                "; the edit decisions are the edits code makes without it (a move, a deletion, a replacement the "
                "request spells out)"
                if "edit" in summary.decisions
                else ""
            )
        )
    return lines


def _client(settings):
    from canvas_tui.llm.backends import make_client

    return make_client(settings)


@traffic.command()
@click.option(
    "--source", default=DEFAULT_SOURCE, show_default=True, help="Decisions whose source starts with this tag."
)
@click.option(
    "--behaviour",
    "behaviours",
    multiple=True,
    type=click.Choice(["trigger", "router", "locate"]),
    help="Behaviour to report (repeatable; default: all three).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="At most this many inputs per behaviour.",
)
@click.option(
    "--label-sample",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="The distance in meaning compares with at most this many label rows (a seeded sample); 0: all of them.",
)
@click.option("--embeddings/--no-embeddings", default=True, help="Measure the share far from every label.")
@click.option("--plot", "plot_path", type=OutputPath(), default=None, help="Write a PNG plot here.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option("--side-by-side", is_flag=True, help="Print one table of the headline figures, behaviours side by side.")
@click.option("--log", "log_path", type=click.Path(path_type=Path), default=None, help="SQLite decision log.")
def drift(
    source: str,
    behaviours: tuple[str, ...],
    sample: int,
    label_sample: int,
    embeddings: bool,
    plot_path: Path | None,
    as_json: bool,
    side_by_side: bool,
    log_path: Path | None,
) -> None:
    """How launch traffic differs from the labels: traits, classes, confidence, distance in meaning (progress on
    stderr). Vectors are kept in the data folder, so only texts not seen before are encoded (the first run takes
    minutes). With no launch traffic in the log, or no log yet, it says so and exits 0: nothing to compare."""
    from canvas_tui.data import drift as drift_report

    traffic = {b: _traffic_records(log_path, b, source, sample) for b in behaviours or ("trigger", "router", "locate")}
    if not any(traffic.values()):
        click.echo(
            f"no decisions with source {source!r} in the log: run `canvas-tui traffic launch FILE` first", err=True
        )
        return
    reports = []
    embed = _embedder() if embeddings else None
    cache = _vector_cache() if embed else None
    with progress_bar(quiet=as_json) as bar:
        for behaviour, records in traffic.items():
            task = bar.add_task(f"{behaviour}: reading the labels", total=None)
            shown = _embedding_shown(embed, bar, task, behaviour) if embed else None
            reports.append(
                drift_report.drift_report(
                    behaviour,
                    drift_report.label_inputs(behaviour),
                    drift_report.traffic_inputs(records),
                    (lambda texts, shown=shown: cache.embed(texts, shown)) if embed else None,
                    label_sample or None,
                )
            )
            bar.remove_task(task)
    if as_json:
        click.echo(json.dumps([report.model_dump() for report in reports], indent=2))
    elif side_by_side:
        click.echo(drift_report.side_by_side(reports))
    else:
        click.echo("\n".join(drift_report.markdown(report) for report in reports))
    if cache is not None:
        against = (
            f"{label_sample:,} label rows at most (a seeded sample; --label-sample 0 for all)"
            if label_sample
            else "all label rows"
        )
        click.echo(
            f"distance in meaning: against {against}; {cache.hits:,} vectors read from {cache.path}, "
            f"{cache.misses:,} encoded",
            err=True,
        )
    if plot_path:
        click.echo(f"wrote {drift_report.plot(reports, plot_path)}", err=True)


def _vector_cache():
    """The on-disk vectors of the default embedder, in the data folder."""
    from canvas_tui.data.vector_cache import VectorCache, encoder_key
    from canvas_tui.embeddings.weights import model_dir
    from canvas_tui.paths import user_data_dir

    return VectorCache(user_data_dir() / "vector-cache", encoder_key(model_dir()))


def _embedder():
    from canvas_tui.embeddings.model import default_embedder

    embedder = default_embedder()
    if embedder is None:
        click.echo("the embedding model is not installed: no distance in meaning", err=True)
    return embedder.embed if embedder else None


def _embedding_shown(embed, bar, task, behaviour: str, chunk: int = 256):
    """`embed`, run in chunks that advance `task` on the progress bar."""
    import numpy as np

    def embed_in_chunks(texts: list[str]):
        bar.update(task, description=f"{behaviour}: embedding {len(texts):,} texts", total=len(texts), completed=0)
        parts = []
        for start in range(0, len(texts), chunk):
            parts.append(embed(texts[start : start + chunk]))
            bar.advance(task, len(parts[-1]))
        return np.vstack(parts)

    return embed_in_chunks


def _traffic_records(log_path: Path | None, behaviour: str, source: str, sample: int | None) -> list:
    """The behaviour's logged inputs (each turn's first decision) whose source starts with `source`, the most recent
    `sample` (all if None)."""
    from canvas_tui.data.drift import turn_inputs

    log = open_records(log_path, team=False)
    records = turn_inputs(log.decisions(behaviour=behaviour, source=source))
    log.close()
    return records[-sample:] if sample else records


@traffic.command(name="select")
@click.argument("behaviour", type=SELECTABLE)
@click.option(
    "--n", "count", type=click.IntRange(min=1), default=100, show_default=True, help="How many rows to select."
)
@click.option("--output", "-o", type=OutputPath(), required=True, help="CSV to write.")
@click.option("--source", default=DEFAULT_SOURCE, show_default=True, help="Decisions whose source starts with this.")
@click.option("--log", "log_path", type=click.Path(path_type=Path), default=None, help="SQLite decision log.")
@click.option("--embeddings/--no-embeddings", default=True, help="Use clusters in meaning for the diverse third.")
def select_rows(behaviour: str, count: int, output: Path, source: str, log_path: Path | None, embeddings: bool) -> None:
    """Choose launch-traffic inputs to label (uncertain, disputed, diverse) into a spreadsheet with `label` empty.

    Inputs already in the labels or the real-traffic test split (same id, or same prompt) are left out, and the
    output says how many. With nothing left to select it says why, writes nothing and exits 0.
    """
    from canvas_tui.behaviours.trigger.implementations import KeywordTrigger
    from canvas_tui.data import selection

    found = selection.candidates(_traffic_records(log_path, behaviour, source, None), *_labelled(behaviour))
    held = ", ".join(f"{number:,} in {name}" for name, number in found.labelled.items())
    if not found.candidates:
        click.echo(
            f"nothing to select, nothing written: all {found.logged:,} {behaviour} inputs launched with source "
            f"{source!r} are already labelled ({held})"
            if found.logged
            else f"nothing to select: no {behaviour} decisions with source {source!r} in the log "
            "(run `canvas-tui traffic launch FILE` first)",
            err=True,
        )
        return
    keyword = KeywordTrigger()

    def second_opinion(items):
        return [d.label for d in keyword.decide_many([i.message for i in items], [i.document for i in items])]

    pool = found.candidates
    chosen = selection.select(pool, count, second_opinion=second_opinion, embed=_embedder() if embeddings else None)
    selection.write_csv(chosen, output, source=source)
    reasons = {reason: sum(c.reason == reason for c in chosen) for reason in selection.REASONS}
    rows = f"{len(chosen)} row{'s' * (len(chosen) != 1)}"
    click.echo(f"wrote {rows} to {output} (" + ", ".join(f"{k} {v}" for k, v in reasons.items()) + ")")
    if len(chosen) < count:
        click.echo(
            f"fewer than the {count:,} asked for: only {len(pool):,} of the {found.logged:,} {behaviour} inputs "
            f"launched with source {source!r} {'is' if len(pool) == 1 else 'are'} not labelled yet"
            + (f" ({held} already)" if held else "")
        )


@traffic.command(name="audit")
@click.argument("behaviour", type=SELECTABLE)
@click.option(
    "--n", "count", type=click.IntRange(min=1), default=300, show_default=True, help="How many rows to export at most."
)
@click.option("--output", "-o", type=OutputPath(), required=True, help="CSV to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the folds.")
def audit_rows(behaviour: str, count: int, output: Path, seed: int) -> None:
    """Export the real-traffic training rows a model fitted without them disputes (most confident first), blind:
    no current label, no model guess. More labellers fill `label`; `traffic vote` then settles each row."""
    from canvas_tui.behaviours.trigger.model import TASKS
    from canvas_tui.data import selection
    from canvas_tui.data.label_audit import disputed_rows

    click.echo(f"predicting every {behaviour} training row out of fold (5 models)...", err=True)
    disputes = disputed_rows(TASKS[behaviour], count, seed)
    if not disputes:
        click.echo(f"the model disputes no {behaviour} training row", err=True)
        sys.exit(EXIT_PARTIAL)
    selection.write_csv(disputes, output, source=DEFAULT_SOURCE, blind=True)
    click.echo(f"wrote {len(disputes)} disputed rows to {output}; label them blind, then `traffic vote {behaviour}`")


def _labelled(behaviour: str) -> tuple[dict[str, str], dict[str, str]]:
    """What is already labelled for `behaviour` (either split), never selected again: ids and normalised prompts
    (what `import` checks), each mapped to the file that holds it."""
    from canvas_tui.behaviours.trigger.data import normal_prompt
    from canvas_tui.data.label_table import read_table
    from canvas_tui.paths import behaviours_dir

    by_id, by_prompt = {}, {}
    for split in ("train", "test"):
        path = behaviours_dir() / TARGETS[(behaviour, split)]
        for row in read_table(path).rows:
            if row.get("id"):
                by_id.setdefault(row["id"], path.name)
            by_prompt.setdefault(normal_prompt(row.get("prompt") or ""), path.name)
    by_prompt.pop("", None)
    return by_id, by_prompt


def split_option(help_text: str):
    """The --split option of the commands that write a behaviour's labels (train, or the real-traffic test split)."""
    return click.option(
        "--split", type=click.Choice(["train", "test"]), default="train", show_default=True, help=help_text
    )


def skipped_text(skipped: dict[str, int]) -> str:
    """Skipped rows by reason, for a one-line summary."""
    return ", ".join(f"{reason} {count}" for reason, count in skipped.items()) or "none"


@traffic.command(name="import")
@click.argument("behaviour", type=SELECTABLE)
@click.argument("labelled", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@split_option("train: append to the labels; test: the real-traffic test split, never trained on.")
def import_rows(behaviour: str, labelled: Path, split: str) -> None:
    """Import a labelled selection (its `label` column filled) as rows with source=real-traffic."""
    from canvas_tui.data.label_import import LABEL_COLUMNS, TEST_COLUMNS, import_labels
    from canvas_tui.paths import behaviours_dir

    target = behaviours_dir() / TARGETS[(behaviour, split)]
    other = behaviours_dir() / TARGETS[(behaviour, "test" if split == "train" else "train")]
    columns = (
        TEST_COLUMNS if split == "test" else (*LABEL_COLUMNS, "id", *(["document"] if behaviour == "router" else []))
    )
    result = import_labels(labelled, target, CLASSES[behaviour], known=[other], columns=columns)
    click.echo(f"added {result.added} rows to {target} (skipped: {skipped_text(result.skipped)})")
    if result.added == 0:
        sys.exit(EXIT_USAGE if not result.skipped else EXIT_PARTIAL)


@traffic.command()
@click.argument("behaviour", type=SELECTABLE)
@click.argument("votes", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@split_option("Which labels the votes are for.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def vote(behaviour: str, votes: tuple[Path, ...], split: str, as_json: bool) -> None:
    """Settle rows by majority: each VOTES file (CSV or JSON lines with `id` and `label`) is one more independent
    labeller's answers for rows already in the labels. Apply each labeller's file once."""
    from canvas_tui.data.label_votes import apply_votes
    from canvas_tui.paths import behaviours_dir

    target = behaviours_dir() / TARGETS[(behaviour, split)]
    result = apply_votes(target, list(votes), CLASSES[behaviour])
    if as_json:
        click.echo(result.model_dump_json())
    else:
        click.echo(
            f"{target}: {result.changed} labels changed, {result.confirmed} confirmed "
            f"(skipped: {skipped_text(result.skipped)})"
        )
    if result.changed + result.confirmed == 0:
        sys.exit(EXIT_USAGE)


def register(group: click.Group) -> None:
    """Add `traffic` to the top-level group."""
    group.add_command(traffic)

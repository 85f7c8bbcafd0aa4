"""`canvas-tui labels ...`: the label-maintenance tools, each rewriting one data file of behaviours/ from its sources.

They work on the behaviours folder in use (CANVAS_TUI_BEHAVIOURS_DIR to point them at a copy). Exit codes: 0 done,
1 done except for rows that could not be filled (listed on stderr) or a data file that could not be read or
written (then nothing is written), 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_PARTIAL

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@contextmanager
def _stop_on_bad_data(what: str) -> Iterator[None]:
    """A data file that cannot be read or used is said in plain words (exit 1), not as a traceback."""
    try:
        yield
    except (OSError, ValueError, KeyError) as exc:
        reason = f"missing column {exc}" if isinstance(exc, KeyError) else str(exc)
        click.echo(f"error: {what}: {reason}", err=True)
        sys.exit(EXIT_PARTIAL)


@click.group()
def labels() -> None:
    """Maintain the label and eval files in behaviours/: fill offsets, regenerate eval sets, recalibrate."""


@labels.command("locate-fill")
@click.argument("labels_file", type=EXISTING_FILE, required=False)
def locate_fill(labels_file: Path | None) -> None:
    """Fill the empty start,end (and selection) cells of the locator's labels from each row's anchor text.

    LABELS_FILE defaults to behaviours/locate/labels.csv (a blind set: behaviours/locate/labels_blindN.csv). A row
    whose anchor is not in its document stops the fill with the reason; the file is then left as it was.
    """
    from canvas_tui.behaviours.locate.labels import fill, labels_path

    path = labels_file or labels_path()
    with _stop_on_bad_data(f"{path} was not changed"):
        changed = fill(path)
    click.echo(f"filled {changed} rows of {path}")


@labels.command("comment-fill")
@click.argument("labels_file", type=EXISTING_FILE, required=False)
def comment_fill(labels_file: Path | None) -> None:
    """Rewrite every comment label's quote as the exact document text, with its start,end offsets.

    LABELS_FILE defaults to behaviours/comment/labels.csv. Quotes not found in their document are listed and
    left as they were (exit 1); every other row is rewritten.
    """
    from canvas_tui.behaviours.comment.labels import fill_offsets, labels_path

    path = labels_file or labels_path()
    with _stop_on_bad_data(f"{path} was not changed"):
        missing = fill_offsets(path)
    for problem in missing:
        click.echo(f"not found: {problem}", err=True)
    click.echo(f"{len(missing)} quotes not found in {path}" if missing else f"all offsets filled in {path}")
    if missing:
        sys.exit(EXIT_PARTIAL)


@labels.command("anchor-perturb")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of corpus documents (default: ../shared/corpus beside the project).",
)
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the quotes and their perturbations.")
@click.option(
    "--per-kind",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    help="Quotes per perturbation kind and document.",
)
def anchor_perturb(corpus: Path | None, seed: int, per_kind: int) -> None:
    """Regenerate the anchor eval set: copy the corpus and the locator's documents into behaviours/anchor/documents/,
    then write dev.jsonl and eval.jsonl (seeded quotes, one perturbation kind each, split by document)."""
    from canvas_tui.behaviours.anchor.perturb import DEFAULT_CORPUS, write_evalset

    corpus = corpus or DEFAULT_CORPUS
    if not corpus.is_dir():
        raise click.UsageError(f"no corpus folder at {corpus}: give one with --corpus")
    with _stop_on_bad_data("dev.jsonl and eval.jsonl were not rewritten"):
        written = write_evalset(corpus, seed, per_kind)
    for split, count in written.items():
        click.echo(f"{split}: {count} rows")


@labels.command("anchor-calibrate")
def anchor_calibrate() -> None:
    """Sweep the anchorer's acceptance thresholds on the dev rows and write behaviours/anchor/thresholds.json;
    print the chosen configuration (JSON) and its error-rate curve (a markdown table for spec.md)."""
    from canvas_tui.behaviours.anchor.calibrate import calibrate

    with _stop_on_bad_data("thresholds.json was not changed"):
        chosen, table = calibrate()
    click.echo(chosen.model_dump_json(indent=2))
    click.echo(table)


@labels.command("anchor-snapshot")
def anchor_snapshot() -> None:
    """Record the default anchorer's answer to every dev and eval row in behaviours/anchor/snapshot.jsonl (the
    regression snapshot the tests compare with): run it only when the anchorer's answers change on purpose."""
    from canvas_tui.behaviours.anchor.snapshot import snapshot_path, write_snapshot

    with _stop_on_bad_data("snapshot.jsonl was not changed"):
        rows = write_snapshot()
    click.echo(f"wrote {rows} rows to {snapshot_path()}")


@labels.command("edits-build")
@click.argument("followups", type=EXISTING_FILE)
def edits_build(followups: Path) -> None:
    """Rebuild behaviours/edits/cases.jsonl from the corpus documents in behaviours/edits/documents/ and FOLLOWUPS,
    the real follow-up requests (../shared/real-traffic/followups.jsonl: JSON lines with id, document, request)."""
    from canvas_tui.edit_eval.build import build
    from canvas_tui.edit_eval.cases import cases_path

    with _stop_on_bad_data(f"{cases_path()} was not changed"):
        count = build(followups)
    click.echo(f"wrote {count} cases to {cases_path()}")


def register(group: click.Group) -> None:
    """Add the `labels` group to the top-level group."""
    group.add_command(labels)

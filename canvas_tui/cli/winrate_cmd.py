"""`canvas-tui winrate A B`: two versions compared blind by a person (terminal or app screen) or a judge model."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from canvas_tui.cli.common import settings_from
from canvas_tui.cli.team_source import LOG_OPTION, open_data_log


def _ask(text: str) -> str:
    click.echo(text, nl=False)
    return sys.stdin.readline()


@click.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--prompts",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Prompts (one per line) to run when A or B is a backend.",
)
@click.option(
    "--judge",
    default="person",
    show_default=True,
    help="person (blind, in the terminal), or a judge model: local, openai[:MODEL], url[:MODEL].",
)
@click.option("--app", "use_app", is_flag=True, help="Judge in the blind A/B/tie screen instead of the terminal.")
@click.option("--base-url", default=None, help="Base URL for url backends.")
@click.option("--seed", type=int, default=None, help="Seed of the shown order (default: random; the order is logged).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@LOG_OPTION
def winrate(
    a: str,
    b: str,
    prompts: Path | None,
    judge: str,
    use_app: bool,
    base_url: str | None,
    seed: int | None,
    as_json: bool,
    log_path: Path | None,
) -> None:
    """Compare two versions side by side, blind: A and B are recordings (.jsonl) or backends run on --prompts.

    Each pair is shown in a random order; every judgement is stored in the decision log. Prints A's
    win rate among decisive judgements with a 95% Wilson interval.
    """
    from canvas_tui.data.pairs import open_version
    from canvas_tui.llm.errors import ModelError
    from canvas_tui.log.recording import Recording, RecordingError

    try:
        versions = [open_version(spec, base_url) for spec in (a, b)]
        judge_client = None if judge == "person" else open_version(judge, base_url)
    except (RecordingError, ModelError) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if isinstance(judge_client, Recording):
        raise click.UsageError("--judge is 'person' or a backend, not a recording")
    if prompts is None and not all(isinstance(version, Recording) for version in versions):
        raise click.UsageError("--prompts is needed when A or B is a backend")
    result, comparison, pairs, judged = asyncio.run(
        _compare(versions, judge_client, prompts, (a, b), seed, log_path, use_app)
    )
    if as_json:
        click.echo(json.dumps(result.model_dump() | {"comparison_id": comparison, "pairs": pairs}, indent=2))
    else:
        click.echo(f"{judged} of {pairs} pairs judged (comparison {comparison}, stored in the decision log)")
        click.echo(result.summary())


async def _compare(
    versions,
    judge_client,
    prompts: Path | None,
    names: tuple[str, str],
    seed: int | None,
    log_path: Path | None,
    use_app: bool,
):
    import random
    from functools import partial

    from canvas_tui.behaviours.defaults import default_behaviours
    from canvas_tui.data.pairs import outputs_of, paired, read_prompts
    from canvas_tui.judging.blind import judge_pairs, model_judge, person_judge
    from canvas_tui.judging.winrate import win_rate
    from canvas_tui.log.records import new_id

    settings = settings_from({"log_path": log_path})
    clients = [c for c in (*versions, judge_client) if hasattr(c, "close")]
    try:
        texts = read_prompts(prompts) if prompts else []
        behaviours = default_behaviours(settings.policy_threshold)
        pairs = paired(*[await outputs_of(version, texts, settings, behaviours) for version in versions])
        comparison = new_id()
        judge = partial(
            judge_pairs,
            pairs,
            names=names,
            log=open_data_log(log_path),
            comparison_id=comparison,
            rng=random.Random(seed),
            judge="person" if judge_client is None else f"model:{judge_client.backend}/{judge_client.model}",
        )
        if judge_client is not None:
            judgements = await judge(model_judge(judge_client))
        elif use_app:
            from canvas_tui.app.screens.winrate import WinRateApp

            judgements = await WinRateApp(judge).run_async() or []
        else:
            judgements = await judge(person_judge(click.echo, _ask))
    finally:
        for client in clients:
            await client.close()
    return win_rate(judgements, *names), comparison, len(pairs), len(judgements)

"""The `canvas-tui` command line: the app by default, plus chat, predict, eval, train, log and more.

`canvas-tui notes.md` opens a file in the app; any first word that is not a command is the
file to open. Exit codes: 0 success, 1 partial failure (some input lines or checks failed),
2 usage error, 3 the model backend could not be reached or started.
"""

from __future__ import annotations

import click

from canvas_tui.cli import (
    app_cmd,
    chat_cmd,
    data_cmds,
    labels_cmd,
    log_cmd,
    pipeline_cmds,
    pipeline_extra_cmds,
    replay_cmd,
    serve_cmd,
    team_cmd,
    traffic_cmds,
)
from canvas_tui.cli.common import DefaultCommandGroup


@click.group(cls=DefaultCommandGroup, default_command="app", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="canvas-tui")
def cli() -> None:
    """canvas-tui: chat beside a document canvas; every AI decision is logged for training.

    Run with no command (or with a FILE) to start the app on the embedded offline model.
    """


for module in (
    app_cmd,
    serve_cmd,
    chat_cmd,
    log_cmd,
    pipeline_cmds,
    replay_cmd,
    data_cmds,
    pipeline_extra_cmds,
    team_cmd,
    traffic_cmds,
    labels_cmd,
):
    module.register(cli)


def main() -> None:
    """Console-script entry point."""
    cli()

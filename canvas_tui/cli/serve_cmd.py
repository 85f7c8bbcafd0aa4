"""`canvas-tui serve`: the app in a web browser (textual-serve), offline like the app.

textual-serve's page links its font from fonts.googleapis.com; the page served here uses the copy of that font
textual-serve ships in its static files instead, so a browser with no internet shows the same page and asks no
third party for anything.
"""

from __future__ import annotations

import re
import shlex
import socket
import sys
import tempfile
from pathlib import Path

import click

from canvas_tui.cli.common import EXIT_USAGE

PAGE = "app_index.html"
EXTERNAL_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)
LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
      }
    </style>"""


def offline_page(page: str) -> str:
    """textual-serve's page template with its external font link replaced by the font it serves itself."""
    return EXTERNAL_FONT.sub(lambda _: LOCAL_FONT, page)


def offline_templates(folder: Path) -> Path:
    """A templates folder for textual-serve holding the offline page (written into `folder`)."""
    import textual_serve

    page = (Path(textual_serve.__file__).parent / "templates" / PAGE).read_text(encoding="utf-8")
    (folder / PAGE).write_text(offline_page(page), encoding="utf-8")
    return folder


@click.command()
@click.argument("app_args", nargs=-1, type=click.UNPROCESSED)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
def serve(app_args: tuple[str, ...], host: str, port: int) -> None:
    """Serve the app in a web browser (textual-serve): every browser tab runs `canvas-tui APP_ARGS...`.

    Example: `canvas-tui serve --port 8000 -- notes.md --backend replay --replay-file demo.jsonl`,
    then open http://127.0.0.1:8000 . Exit 2 if the address cannot be listened on (the port in use).
    """
    from textual_serve.server import Server

    command = shlex.join([sys.executable, "-m", "canvas_tui", "app", *app_args])
    with tempfile.TemporaryDirectory(prefix="canvas-tui-serve-") as folder:
        server = Server(
            command, host=host, port=port, title="canvas-tui", templates_path=offline_templates(Path(folder))
        )
        try:
            _check_listenable(host, port)
            server.serve()
        except OSError as exc:
            click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}; pick another --port", err=True)
            sys.exit(EXIT_USAGE)


def _check_listenable(host: str, port: int) -> None:
    """Raise OSError now if `host:port` cannot be listened on, before the server prints that it serves there."""
    with socket.create_server((host, port)):
        pass


def register(group: click.Group) -> None:
    """Add `serve` to the top-level group."""
    group.add_command(serve)

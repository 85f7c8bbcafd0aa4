"""`canvas-tui serve`: the browser page is as offline as the app, and a port in use is said in plain words."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import textual_serve

from canvas_tui.cli.serve_cmd import PAGE, offline_templates


def test_the_page_loads_its_font_from_the_server_not_from_the_internet(tmp_path):
    page = (offline_templates(tmp_path) / PAGE).read_text()
    assert "googleapis" not in page and "https://" not in page
    fonts = re.findall(r"\{\{ config\.static\.url \}\}(fonts/[\w.-]+)", page)
    static = Path(textual_serve.__file__).parent / "static"
    assert fonts and all((static / font).is_file() for font in fonts)


def test_a_port_in_use_is_a_plain_usage_error(tmp_path):
    """Run in its own process: the server takes over the process's event loop and signal handlers."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "canvas_tui", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "pick another --port" in result.stderr
    assert "Serving" not in result.stdout + result.stderr, "it never claims to serve where it cannot"

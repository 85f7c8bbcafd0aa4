"""`canvas-tui serve` serves the app to a browser: the page answers on a loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_the_served_app_page_answers_on_loopback(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "canvas_tui",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--",
            "--backend",
            "url",
            "--base-url",
            "http://127.0.0.1:9/v1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        status, page = _get_when_up(f"http://127.0.0.1:{port}/", deadline=time.monotonic() + 30)
        assert status == 200 and "canvas-tui" in page
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get_when_up(url: str, deadline: float) -> tuple[int, str]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)

"""Noticing that the terminal has gone: its window was closed or its tmux session killed.

Textual's input thread reads end-of-file from a hung-up terminal without end, so an app whose terminal went away
without a SIGHUP reaching it (started by `make run`, whose process is the session's leader) kept running, at a full
core, with its model server beside it. The app polls the terminal and leaves as it would on SIGHUP.
"""

from __future__ import annotations

import select
import sys
from collections.abc import Callable

HANGUP_EXIT_CODE = 129
"""The exit code of a process ended by SIGHUP (128 + 1), as shells report it."""


def hung_up(fd: int) -> bool:
    """Whether the terminal (or pipe) on `fd` has been closed at its other end."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return any(events & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, events in poller.poll(0))


def stdin_terminal_probe() -> Callable[[], bool] | None:
    """A check that the terminal on standard input has hung up, or None when standard input is not a terminal
    (tests, the served app, a pipe)."""
    stdin = sys.__stdin__
    if stdin is None or not stdin.isatty():
        return None
    fd = stdin.fileno()
    return lambda: hung_up(fd)

"""A real PostgreSQL server for the team-store tests: started once per run, migrated, stopped at the end
(made available to every test by tests/conftest.py)."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass

import pytest

from canvas_tui.log.team.admin import add_person, migrate
from canvas_tui.log.team.local_server import LocalServer

_names = itertools.count()


@dataclass
class Person:
    """A login on the test server and its connection string."""

    name: str
    password: str
    dsn: str


@pytest.fixture(scope="session")
def team_server():
    server = LocalServer().init()
    migrate(server.admin_dsn)
    yield server
    server.destroy()


@pytest.fixture
def new_person(team_server):
    """Make a fresh person on the shared server (role names are server-wide, so each test gets unused ones)."""

    def make(*, role: str = "writer", password: str | None = None) -> Person:
        name = f"person_{os.getpid()}_{next(_names)}"
        password = password or f"pw-{name}"
        add_person(team_server.admin_dsn, name, password, role=role)
        return Person(name, password, team_server.dsn(name, password))

    return make

"""Shared fixtures: settings isolated from the person's real config, data dir and log."""

from __future__ import annotations

import pytest

from canvas_tui.config import Settings
from canvas_tui.log.store import DecisionLog
from tests.log.team.fixtures import new_person, team_server  # noqa: F401 - the real PostgreSQL server, for any test


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    """No test reads the person's config or writes their data directory."""
    monkeypatch.setenv("CANVAS_TUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CANVAS_TUI_CONFIG", str(tmp_path / "config.toml"))
    for name in (
        "CANVAS_TUI_BACKEND",
        "CANVAS_TUI_MODEL",
        "CANVAS_TUI_BASE_URL",
        "CANVAS_TUI_LOG_PATH",
        "CANVAS_TUI_TEAM_STORE",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(log_path=tmp_path / "log.sqlite3")


@pytest.fixture
def decision_log(settings) -> DecisionLog:
    log = DecisionLog(settings.log_path)
    yield log
    log.close()

"""`stats`: real-use decision and correction rates, frequent requests, and classes the labels lack."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.data.stats import real_use_stats, request_kind
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.datalog import DataLog
from canvas_tui.session import Session
from tests.data_support import DOC
from tests.fakes import fake_behaviours


@pytest.fixture
def behaviours_dir(tmp_path, monkeypatch):
    folder = tmp_path / "behaviours"
    (folder / "trigger").mkdir(parents=True)
    (folder / "trigger" / "labels.csv").write_text(
        "prompt,label,context,category,note\nWrite an essay on tea,canvas,,writing,\nWhat is tea?,inline,,question,\n"
    )
    (folder / "router").mkdir()
    (folder / "router" / "labels.csv").write_text(
        "prompt,label,context,category,note\nMake it shorter,edit,essay,length,\n"
    )
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(folder))
    return folder


@pytest.fixture
async def log(settings, behaviours_dir):
    store = DataLog(settings.log_path)
    session = Session(
        ScriptedClient(["# Tea", "Black.", "Green.", "I am fine."]),
        fake_behaviours(trigger=["canvas", "inline", "inline", "chat"]),
        store,
        settings,
    )
    await session.turn("Write a poem about tea")
    session.close_canvas()
    await session.turn("What is the best tea?")
    await session.turn("What is the best coffee?")
    session.open_document(DOC, title="plan")
    await session.turn("How are you?")
    yield store
    store.close()


def test_rates_count_each_behaviours_decisions_and_the_corrections_of_them(log):
    stats = {b.behaviour: b for b in real_use_stats(log).behaviours}
    assert stats["trigger"].decisions == 3 and stats["trigger"].classes == {"inline": 2, "canvas": 1}
    assert stats["trigger"].corrections == {"canvas_closed": 1}
    assert stats["trigger"].correction_rate == pytest.approx(1 / 3)
    assert stats["trigger"].share == pytest.approx(3 / 4)
    assert stats["trigger"].training_classes == {"canvas": 1, "inline": 1}


def test_classes_and_request_kinds_real_use_has_that_the_labels_lack_are_listed(log):
    stats = real_use_stats(log)
    assert {b.behaviour: b.missing_in_training for b in stats.behaviours}["router"] == ["chat"]
    assert stats.request_kinds[0] == ("what", 2)
    assert stats.request_kinds_missing_in_training == ["how"]
    assert request_kind("  Fix the typo!") == "fix"


def test_the_command_prints_json_and_draws_a_png(log, settings, tmp_path):
    plot = tmp_path / "stats.png"
    result = CliRunner().invoke(cli, ["stats", "--json", "--plot", str(plot), "--log", str(settings.log_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output[: result.output.rindex("}") + 1])["decisions"] == 4
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

"""Launch traffic: real-message files read line by line and decided as the app decides, every decision logged
with its source."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.defaults import default_behaviours
from canvas_tui.cli import cli
from canvas_tui.data.launch import LaunchRunner
from canvas_tui.data.traffic import BadLine, TrafficRow, read_traffic
from canvas_tui.llm.scripted import DecisionsOnlyClient
from canvas_tui.log.store import DecisionLog

REPLY = "Sure, here is the plan:\n\n## Monday\n\nRun 5 km.\n\n## Tuesday\n\nRest and stretch.\n\nLet me know!\n"


def _write(path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")


def test_a_pool_file_gives_prompt_and_followup_rows_and_numbers_every_bad_line(tmp_path):
    path = tmp_path / "pool.jsonl"
    _write(
        path,
        [
            json.dumps({"id": "p1", "prompt": "Write an essay on tea"}).encode(),
            b"\xff\xfe not utf-8",
            json.dumps({"id": "f1", "document": REPLY, "request": "shorten Monday"}).encode(),
            b"{not json",
            json.dumps({"id": "x", "prompt": 3}).encode(),
            b"[1, 2]",
        ],
    )
    rows = list(read_traffic(path))
    assert [type(r) for r in rows] == [TrafficRow, BadLine, TrafficRow, BadLine, BadLine, BadLine]
    assert rows[0].kind == "prompt" and rows[2].kind == "followup" and rows[2].message == "shorten Monday"
    assert [(r.number, r.reason) for r in rows if isinstance(r, BadLine)] == [
        (2, "not valid UTF-8"),
        (4, "not valid JSON"),
        (5, 'needs "prompt", or "request" and "document", as strings'),
        (6, "not a JSON object"),
    ]


async def test_each_message_is_decided_as_in_the_app_and_logged_with_its_source(settings, decision_log):
    rows = [
        TrafficRow(id="p1", message="Write a 2000-word essay on the history of tea."),
        TrafficRow(id="p2", message="What is the capital of France?"),
        TrafficRow(id="f1", message="Rewrite the Tuesday section to be funnier.", document=REPLY),
    ]
    runner = LaunchRunner(
        DecisionsOnlyClient(),
        default_behaviours(),
        decision_log,
        settings,
        source="real-traffic:test",
        run_id="launch-1",
    )
    summary = await runner.run(rows)
    records = list(decision_log.decisions(source="real-traffic:test"))
    assert [r.id for r in decision_log.decisions(source="real-traffic")] == [r.id for r in records]
    assert list(decision_log.decisions(source="real-traffic:other")) == []
    by_row = {}
    for record in records:
        by_row.setdefault(record.session_id, []).append(record.behaviour)
    assert by_row == {
        "launch-1:p1": ["trigger"],
        "launch-1:p2": ["trigger"],
        "launch-1:f1": ["router", "locate", "policy"],
    }
    assert summary.rows == 3 and summary.decisions["trigger"] == {"canvas": 1, "inline": 1}
    assert summary.decisions["router"] == {"edit": 1}
    assert records[-1].input["request"] == "Rewrite the Tuesday section to be funnier."


def test_the_launch_command_decides_a_file_reports_throughput_and_exits_1_on_bad_lines(tmp_path):
    path, log = tmp_path / "prompts.jsonl", tmp_path / "log.sqlite3"
    _write(path, [json.dumps({"id": "p1", "prompt": "Write a cover letter for a nursing job"}).encode(), b"\xc3\x28"])
    result = CliRunner().invoke(cli, ["traffic", "launch", str(path), "--log", str(log)])
    assert result.exit_code == 1
    assert "1 messages decided" in result.output and "/s)" in result.output
    assert "error: line 2: not valid UTF-8" in result.output
    store = DecisionLog(log)
    assert [r.source for r in store.decisions()] == ["real-traffic:prompts"]
    store.close()


def test_a_log_that_cannot_be_opened_is_a_usage_error_before_any_message_is_decided(tmp_path, monkeypatch):
    monkeypatch.setattr(LaunchRunner, "run", lambda *args: pytest.fail("messages were decided"))
    path = tmp_path / "prompts.jsonl"
    _write(path, [json.dumps({"id": "p1", "prompt": "Write an essay on tea"}).encode()])
    (tmp_path / "a-file").write_text("")
    result = CliRunner().invoke(cli, ["traffic", "launch", str(path), "--log", str(tmp_path / "a-file" / "log.db")])
    assert result.exit_code == 2
    assert "Decisions are not being logged: cannot open" in result.output and "Traceback" not in result.output

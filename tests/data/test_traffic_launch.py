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
WEEK = "Sure, here is the plan:\n\n## Monday\n\nRun 5 km.\n\n## Tuesday\n\nRest.\n\n## Wednesday\n\nSwim for an hour.\n"
CODE = (
    "Here is the script:\n\n```python\nimport os\n\ndef main():\n    print('hi')\n\ndef helper():\n    return 1\n```\n"
)
EDITS_THAT_STOP_OR_LOCATE_AGAIN = [
    TrafficRow(id="move", message="Move the helper function above main.", document=CODE),
    TrafficRow(id="which", message="Put the Monday section after Wednesday", document=WEEK),
    TrafficRow(id="absent", message="Change Thursday to Friday", document=WEEK),
]
"""A move (its passage and destination are located too, then code refuses it), a request the locator asks about,
and a replacement of text the document does not hold."""


def _write(path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")


def test_a_pool_file_gives_prompt_and_followup_rows_and_numbers_every_bad_line(tmp_path):
    path = tmp_path / "pool.jsonl"
    _write(
        path,
        [
            json.dumps({"id": "p1", "prompt": "Write an essay on tea"}).encode(),
            b"not \xff utf-8",
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
        (2, "not valid UTF-8 (byte 0xff at column 5)"),
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


async def test_the_summary_counts_each_message_once_per_behaviour_and_says_why_edits_skip_a_behaviour(
    settings, decision_log
):
    runner = LaunchRunner(
        DecisionsOnlyClient(), default_behaviours(), decision_log, settings, source="real-traffic:t", run_id="launch-1"
    )
    summary = await runner.run(EDITS_THAT_STOP_OR_LOCATE_AGAIN)
    assert summary.decisions["router"] == {"edit": 3}
    assert sum(summary.decisions["locate"].values()) == 2 and summary.further == {"locate": 2}
    assert summary.decisions["policy"] == {"targeted": 1} and summary.decisions["edit"] == {"refused": 1}
    assert summary.stopped == {
        "locate": {"the text it asks to replace is not in the document": 1},
        "policy": {"the locator asked which part": 1},
    }
    assert list(summary.decisions) == ["router", "locate", "policy", "edit"]


def test_the_launch_command_explains_each_gap_between_behaviours_in_one_line(tmp_path):
    path = tmp_path / "followups.jsonl"
    rows = EDITS_THAT_STOP_OR_LOCATE_AGAIN
    _write(path, [json.dumps({"id": r.id, "request": r.message, "document": r.document}).encode() for r in rows])
    result = CliRunner().invoke(cli, ["traffic", "launch", str(path), "--log", str(tmp_path / "log.sqlite3")])
    assert result.exit_code == 0, result.output
    assert "logged besides: locate 2 (the passage and the destination of a move" in result.output
    assert "no locate decision on 1 router edit: 1 the text it asks to replace is not in the document" in result.output
    assert "no policy decision on 1 router edit: 1 the locator asked which part" in result.output
    assert "generation is off (--generate turns it on): a turn stops where the model would write" in result.output
    assert "; the edit decisions are the edits code makes without it (a move," in result.output


def test_a_launch_limit_below_one_is_a_usage_error_that_decides_nothing(tmp_path):
    path, log = tmp_path / "prompts.jsonl", tmp_path / "log.sqlite3"
    _write(path, [json.dumps({"id": "p1", "prompt": "Write a cover letter for a nursing job"}).encode()])
    result = CliRunner().invoke(cli, ["traffic", "launch", str(path), "--log", str(log), "--limit", "0"])
    assert result.exit_code == 2 and "0 is not in the range x>=1" in result.output
    assert not log.exists()
    assert list(read_traffic(path, limit=0)) == []

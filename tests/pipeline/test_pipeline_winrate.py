"""The win-rate check of `iterate` for text: a candidate the judge keeps preferring the current one to is worse."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.llm.types import ModelRequest
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.winrate_gate import candidate_win_rate, clearly_worse
from tests.pipeline_support import REAL

pytestmark = pytest.mark.slow
SILENT = "(no comments)"


def _prefers_comments(request: ModelRequest) -> str:
    """A judge that picks whichever answer has comments."""
    first = re.search(r"<answer_1>\n(.*?)\n</answer_1>", request.messages[-1]["content"], re.S).group(1)
    return json.dumps({"winner": "2" if first == SILENT else "1", "reason": "it says something"})


async def test_a_candidate_that_stopped_commenting_clearly_loses(tmp_path, monkeypatch):
    current, candidate = tmp_path / "current", tmp_path / "candidate"
    shutil.copytree(REAL / "comment", current / "comment")
    shutil.copytree(REAL / "comment", candidate / "comment")
    scorer = json.loads((candidate / "comment" / "scorer.json").read_text(encoding="utf-8"))
    (candidate / "comment" / "scorer.json").write_text(json.dumps(scorer | {"threshold": 1.01}), encoding="utf-8")
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(current))

    judge = ScriptedClient([_prefers_comments] * 10)
    rate = await candidate_win_rate(load_config("comment"), current, candidate, judge, cases=6)
    assert (rate.a_wins, rate.b_wins) == (0, len(judge.requests)) and len(judge.requests) >= 4
    assert clearly_worse(rate)

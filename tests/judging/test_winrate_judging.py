"""Win-rate judging: pairs from two recordings, shown blind in a random (logged) order, every judgement stored."""

from __future__ import annotations

import asyncio
import json
import random

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.data.pairs import Output, paired, recording_outputs
from canvas_tui.judging.blind import Pair, judge_pairs, model_judge, person_judge, verdict_of
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.recording import load_recording
from tests.data_support import record
from tests.fakes import fake_behaviours

PAIRS = [Pair(prompt=f"prompt {n}", a=f"old answer {n}", b=f"new answer {n}") for n in range(6)]


@pytest.fixture
def log(tmp_path):
    store = DataLog(tmp_path / "log.sqlite3")
    yield store
    store.close()


def test_the_chosen_position_maps_back_to_the_version_shown_there():
    assert [verdict_of("1", "A"), verdict_of("1", "B"), verdict_of("2", "A"), verdict_of("2", "B")] == [
        "A",
        "B",
        "B",
        "A",
    ]
    assert verdict_of("tie", "B") == "tie"


async def test_a_person_who_always_picks_the_new_answer_gives_b_every_win_whatever_the_order(log):
    shown = []

    def ask(_question):
        first = shown[-1].split("=== Answer 1 ===\n")[1]
        return "1" if first.startswith("new") else "2"

    judgements = await judge_pairs(
        PAIRS,
        person_judge(shown.append, ask),
        judge="person",
        names=("old", "new"),
        log=log,
        comparison_id="c1",
        rng=random.Random(7),
    )
    assert [j.verdict for j in judgements] == ["B"] * 6
    assert {j.shown_first for j in judgements} == {"A", "B"}
    assert list(log.judgements("c1")) == judgements


async def test_skip_and_quit_leave_those_pairs_unjudged(log):
    answers = iter(["s", "t", "q"])
    judgements = await judge_pairs(
        PAIRS,
        person_judge(lambda _: None, lambda _: next(answers)),
        judge="person",
        names=("old", "new"),
        log=log,
        comparison_id="c2",
        rng=random.Random(1),
    )
    assert [(j.prompt, j.verdict) for j in judgements] == [("prompt 1", "tie")]


async def test_a_judge_model_sees_both_answers_and_its_unreadable_verdicts_are_skipped(log):
    client = ScriptedClient([json.dumps({"winner": "2", "reason": "clearer"}), "not json", "still not json"])
    judgements = await judge_pairs(
        PAIRS[:2],
        model_judge(client),
        judge="model:scripted",
        names=("old", "new"),
        log=log,
        comparison_id="c3",
        rng=random.Random(3),
    )
    [judgement] = judgements
    request = client.requests[0].messages[1]["content"]
    assert "old answer 0" in request and "new answer 0" in request
    assert judgement.verdict == ("A" if judgement.shown_first == "B" else "B") and judgement.reason == "clearer"


def test_outputs_pair_by_prompt_in_a_order():
    a = [Output(prompt="x", text="a1"), Output(prompt="y", text="a2"), Output(prompt="z", text="a3")]
    b = [Output(prompt="z", text="b3"), Output(prompt="x", text="b1")]
    assert [(p.prompt, p.a, p.b) for p in paired(a, b)] == [("x", "a1", "b1"), ("z", "a3", "b3")]


async def chat_twice(session):
    await session.turn("What is tea?")
    await session.turn("What is coffee?")


def test_two_recordings_are_compared_blind_from_the_command_line(tmp_path, settings, decision_log):
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    asyncio.run(record(old, settings, decision_log, ["A drink.", "Another drink."], fake_behaviours(), chat_twice))
    asyncio.run(
        record(
            new, settings, decision_log, ["A drink from leaves.", "A drink from beans."], fake_behaviours(), chat_twice
        )
    )
    assert [o.text for o in recording_outputs(load_recording(new))] == ["A drink from leaves.", "A drink from beans."]
    result = CliRunner().invoke(
        cli, ["winrate", str(old), str(new), "--seed", "0", "--json", "--log", str(settings.log_path)], input="t\nt\n"
    )
    figures = json.loads(result.output[result.output.index("{") :])
    assert (figures["pairs"], figures["ties"], figures["rate"]) == (2, 2, None)
    assert len(list(DataLog(settings.log_path).judgements(figures["comparison_id"]))) == 2

"""`export finetune`: logged decisions as chat-format JSONL, corrected by the person; exports stream."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.data.exports import label_rows
from canvas_tui.data.finetune import finetune_rows
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import CorrectionRecord, DecisionRecord
from canvas_tui.session import Session
from tests.data_support import DOC
from tests.fakes import fake_behaviours


@pytest.fixture
def log(settings):
    store = DataLog(settings.log_path)
    yield store
    store.close()


async def test_a_corrected_trigger_decision_is_exported_with_the_persons_label(log, settings):
    session = Session(
        ScriptedClient(["# Tea", "Green tea."]), fake_behaviours(trigger=["canvas", "inline"]), log, settings
    )
    await session.turn("What is the best tea?")
    session.close_canvas()
    await session.turn("And the best coffee?")
    rows = list(finetune_rows(log, "trigger"))
    assert [[m["role"] for m in row["messages"]] for row in rows] == [["system", "user", "assistant"]] * 2
    assert [(row["messages"][1]["content"], row["messages"][2]["content"]) for row in rows] == [
        ("What is the best tea?", "inline"),
        ("And the best coffee?", "inline"),
    ]


async def test_locate_and_policy_examples_carry_the_document_and_the_passage(log, settings):
    session = Session(
        ScriptedClient(["We ship on Tuesday."]),
        fake_behaviours(trigger=["edit"], needle="We ship on Monday.", policy="targeted"),
        log,
        settings,
    )
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")
    [locate] = finetune_rows(log, "locate")
    start = DOC.index("We ship")
    assert DOC in locate["messages"][1]["content"]
    assert json.loads(locate["messages"][2]["content"]) == {"start": start, "end": start + 18, "unit": "paragraph"}
    [policy] = finetune_rows(log, "policy")
    assert "<passage>\nWe ship on Monday.\n</passage>" in policy["messages"][1]["content"]
    assert policy["messages"][2]["content"] == "targeted"


async def test_the_command_writes_one_json_line_per_example(log, settings, tmp_path):
    session = Session(ScriptedClient(["Hi."]), fake_behaviours(trigger=["inline"]), log, settings)
    await session.turn("hello")
    out = tmp_path / "trigger.jsonl"
    result = CliRunner().invoke(cli, ["export", "finetune", "trigger", "--log", str(settings.log_path), "-o", str(out)])
    assert result.exit_code == 0 and "1 trigger examples" in result.output
    assert json.loads(out.read_text())["messages"][2]["content"] == "inline"


def fill(log, count, offset=0):
    for index in range(offset, offset + count):
        decision = DecisionRecord(
            session_id="s",
            turn_id=f"t{index}",
            behaviour="router",
            implementation="x",
            version="1",
            input={"message": f"edit {index}", "document": f"{index} " + "x" * 3000},
            output={"label": "edit"},
        )
        log.append_decision(decision)
        log.append_correction(
            CorrectionRecord(
                session_id="s", kind="canvas_closed", decision_id=decision.id, detail={"message": f"edit {index}"}
            )
        )


def peak_bytes(export) -> int:
    tracemalloc.start()
    for _ in export():
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.parametrize(
    "export",
    [lambda log: finetune_rows(log, "router"), lambda log: label_rows(log, "trigger")],
    ids=["finetune", "labels"],
)
def test_exports_stream_memory_grows_far_less_than_the_rows_they_write(log, export, monkeypatch, tmp_path):
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))
    fill(log, 100)
    small = peak_bytes(lambda: export(log))
    fill(log, 1000, offset=100)
    large = peak_bytes(lambda: export(log))
    assert large - small < 1000 * 300


async def test_a_place_the_request_names_is_exported_not_the_locators_part_it_overrode(log, settings):
    doc = "# Plan\n\n## Risks\n\nThe venue may close early.\n"
    session = Session(
        ScriptedClient([]),
        fake_behaviours(trigger=["edit"], needle="The venue may close early.", policy="targeted"),
        log,
        settings,
    )
    session.open_document(doc, title="plan")
    await session.turn('Rename the heading "Risks" to "Open risks"')
    assert session.document.text == doc.replace("## Risks", "## Open risks")
    located, named = [d for d in log.decisions() if d.behaviour == "locate"]
    assert named.input["overrides"] == located.id and named.input["document"] == doc
    [row] = finetune_rows(log, "locate")
    answer, heading = json.loads(row["messages"][2]["content"]), doc.index("Risks")
    assert (answer["start"], answer["end"]) == (heading, heading + len("Risks")), (
        "the heading renamed, not the sentence"
    )

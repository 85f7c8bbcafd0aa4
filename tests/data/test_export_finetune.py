"""`export finetune`: logged decisions as chat-format JSONL, corrected by the person; exports stream."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.base import Span
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


async def edit_turn(log, settings, request="change Monday to Tuesday"):
    session = Session(
        ScriptedClient(["We ship on Tuesday."] * 2),
        fake_behaviours(trigger=["edit"], needle="We ship on Monday.", policy="targeted"),
        log,
        settings,
    )
    session.open_document(DOC, title="plan")
    await session.turn(request)
    return session


def answers(log, behaviour):
    return [row["messages"][2]["content"] for row in finetune_rows(log, behaviour)]


async def test_an_undone_edit_exports_its_policy_with_the_other_label_as_export_labels_proposes(log, settings):
    session = await edit_turn(log, settings)
    session.undo()
    assert answers(log, "policy") == ["rewrite"]


async def test_an_undone_edit_the_person_redid_keeps_the_models_policy(log, settings):
    session = await edit_turn(log, settings)
    session.undo()
    session.redo()
    assert answers(log, "policy") == ["targeted"]


async def test_closing_the_canvas_of_a_routers_new_document_exports_chat(log, settings):
    session = Session(
        ScriptedClient(["# Email\n\nHello team."]), fake_behaviours(trigger=["new_document"]), log, settings
    )
    session.open_document(DOC, title="plan")
    await session.turn("Write an email about this plan")
    session.close_canvas()
    assert answers(log, "router") == ["chat"]


async def test_a_part_the_person_picked_is_exported_with_its_unit_like_every_locate_answer(log, settings):
    session = await edit_turn(log, settings)
    budget = DOC.index("The budget")
    picked = Span(start=budget, end=budget + 20)
    session.select(picked)
    await session.turn("change it here instead", selection=picked)
    corrected, _from_the_selection = answers(log, "locate")
    assert json.loads(corrected) == {"start": budget, "end": budget + 20, "unit": "sentence"}


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

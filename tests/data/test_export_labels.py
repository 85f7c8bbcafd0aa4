"""`export labels`: a person's corrections become review-ready rows in the behaviour's labels.csv columns."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.base import Span
from canvas_tui.cli import cli
from canvas_tui.data.exports import label_header, label_rows, write_labels
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.datalog import DataLog
from canvas_tui.paths import PROJECT_ROOT
from canvas_tui.session import Session
from tests.data_support import DOC
from tests.fakes import fake_behaviours


@pytest.fixture
def behaviours_dir(tmp_path, monkeypatch):
    """A data folder with one trigger label and the committed comment scorer (the session's comment proposer reads
    it from the data folder, like every artifact)."""
    folder = tmp_path / "behaviours"
    (folder / "trigger").mkdir(parents=True)
    (folder / "trigger" / "labels.csv").write_text(
        "prompt,label,context,category,note\nWrite a haiku about rain,canvas,,writing,\n"
    )
    (folder / "comment").mkdir()
    shutil.copy(PROJECT_ROOT / "behaviours" / "comment" / "scorer.json", folder / "comment" / "scorer.json")
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(folder))
    return folder


@pytest.fixture
def log(settings):
    store = DataLog(settings.log_path)
    yield store
    store.close()


def session_on(log, settings, replies, **behaviours):
    return Session(ScriptedClient(replies), fake_behaviours(**behaviours), log, settings)


def exported(log, behaviour, *, redact=False, docs_dir=None):
    out = io.StringIO()
    write_labels(label_rows(log, behaviour, redact=redact), behaviour, out, docs_dir)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


async def test_closing_a_canvas_the_trigger_opened_exports_the_prompt_labelled_inline(log, settings, behaviours_dir):
    session = session_on(log, settings, ["# Tea\n\nTea is good."], trigger=["canvas"])
    await session.turn("What is the best tea?")
    session.close_canvas()
    [row] = exported(log, "trigger")
    assert row == {
        "prompt": "What is the best tea?",
        "label": "inline",
        "context": "",
        "category": "real_use",
        "note": "canvas_closed: the person closed the canvas the trigger opened",
        "source": "real-use",
    }
    assert label_header("trigger") == ["prompt", "label", "context", "category", "note", "source"]


async def test_closing_a_canvas_the_router_opened_exports_a_router_row_not_a_trigger_row(log, settings, behaviours_dir):
    session = session_on(log, settings, ["# Email\n\nHello team."], trigger=["new_document"])
    session.open_document(DOC, title="plan")
    await session.turn("Write an email about this plan")
    session.close_canvas()
    assert exported(log, "trigger") == []
    [row] = exported(log, "router")
    assert (row["prompt"], row["label"], row["document"]) == ("Write an email about this plan", "chat", DOC)
    assert row["note"].startswith("canvas_closed:") and "review" in row["note"]


async def test_undoing_a_new_document_exports_a_router_row_left_to_review(log, settings, behaviours_dir):
    session = session_on(log, settings, ["# Email\n\nHello team."], trigger=["new_document"])
    session.open_document(DOC, title="plan")
    await session.turn("Write an email about this plan")
    session.undo()
    [row] = exported(log, "router")
    assert (row["prompt"], row["label"]) == ("Write an email about this plan", "")
    assert "edit or chat" in row["note"]


async def test_a_correction_labels_csv_already_has_is_not_exported_again(log, settings, behaviours_dir):
    session = session_on(log, settings, ["Rain on the roof."], trigger=["inline"])
    await session.turn("Write a haiku about rain")
    session.open_canvas()
    session.open_canvas()
    assert [c.kind for c in log.corrections()] == ["canvas_opened", "canvas_opened"]
    assert exported(log, "trigger") == []


async def test_answering_the_locators_question_exports_a_locate_row_whose_offsets_index_the_saved_document(
    log, settings, behaviours_dir, tmp_path
):
    budget = Span(start=DOC.index("The budget"), end=DOC.index("The budget") + 20)
    session = session_on(
        log,
        settings,
        ["The budget is tiny."],
        trigger=["edit"],
        needle="We ship on Monday. Everyone helps.",
        ambiguous_with=[budget],
    )
    session.open_document(DOC, title="plan")
    await session.turn("shorten that paragraph")
    await session.turn("2")
    [row] = exported(log, "locate", docs_dir=tmp_path / "docs")
    saved = (tmp_path / "docs" / row["doc"]).read_text()
    assert saved == DOC and saved[int(row["start"]) : int(row["end"])] == "The budget is small."
    assert row["anchor"] == "The budget is small." and row["request"] == "shorten that paragraph"
    assert row["source"] == "real-use" and row["note"].startswith("locate_answered")


async def test_undoing_an_edit_exports_a_policy_row_with_the_other_label_for_review(log, settings, behaviours_dir):
    session = session_on(
        log, settings, ["We ship on Tuesday."], trigger=["edit"], needle="We ship on Monday.", policy="targeted"
    )
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")
    session.undo()
    [row] = exported(log, "policy")
    assert (row["request"], row["target_text"], row["label"]) == (
        "change Monday to Tuesday",
        "We ship on Monday.",
        "rewrite",
    )
    assert "review" in row["note"]


async def test_the_same_correction_twice_on_identical_text_makes_one_row(log, settings, behaviours_dir):
    for _ in range(2):
        session = session_on(
            log, settings, ["We ship on Tuesday."], trigger=["edit"], needle="We ship on Monday.", policy="targeted"
        )
        session.open_document(DOC, title="plan")
        await session.turn("change Monday to Tuesday")
        session.undo()
    assert [c.kind for c in log.corrections()] == ["edit_undone", "edit_undone"]
    assert len(exported(log, "policy")) == 1


async def locate_correction(log, settings, *, rewritten_by_hand=False):
    """An edit of the first sentence (then, if asked, rewritten by hand), re-asked about the budget sentence."""
    session = session_on(
        log,
        settings,
        ["We ship on Tuesday.", "The budget is big."],
        trigger=["edit", "edit"],
        needle="We ship on Monday.",
    )
    session.open_document(DOC, title="plan")
    await session.turn("change Monday to Tuesday")
    if rewritten_by_hand:
        session.user_edit(session.document.text.replace("Tuesday", "Friday"))
    budget = Span(start=DOC.index("The budget"), end=DOC.index("The budget") + 20)
    session.select(budget)
    await session.turn("change this instead", selection=budget)


async def test_locate_rows_to_stdout_say_their_documents_were_not_saved_and_how_to_save_them(
    log, settings, behaviours_dir
):
    await locate_correction(log, settings)
    result = CliRunner().invoke(cli, ["export", "labels", "locate", "--log", str(settings.log_path)])
    assert result.exit_code == 0
    assert "1 documents they name (column doc) were not saved: add --docs-dir DIR" in result.output


async def test_an_output_that_cannot_be_written_is_a_usage_error_before_any_work(log, settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    result = CliRunner().invoke(
        cli, ["export", "labels", "trigger", "--log", str(settings.log_path), "-o", str(tmp_path / "a-file" / "x.csv")]
    )
    assert result.exit_code == 2 and "cannot write" in result.output and "Traceback" not in result.output


async def test_a_docs_dir_that_cannot_be_made_is_a_usage_error_before_any_work(log, settings, tmp_path, monkeypatch):
    monkeypatch.setattr("canvas_tui.cli.data_cmds.open_records", lambda *a, **k: pytest.fail("the export started"))
    (tmp_path / "a-file").write_text("")
    result = CliRunner().invoke(
        cli,
        ["export", "labels", "locate", "--log", str(settings.log_path), "--docs-dir", str(tmp_path / "a-file" / "d")],
    )
    assert result.exit_code == 2 and "cannot write into" in result.output and "Traceback" not in result.output


async def test_a_file_named_documents_beside_the_output_is_a_usage_error_before_any_row_is_written(
    log, settings, behaviours_dir, tmp_path
):
    await locate_correction(log, settings)
    (tmp_path / "documents").write_text("not a folder")
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(cli, ["export", "labels", "locate", "--log", str(settings.log_path), "-o", str(out)])
    assert result.exit_code == 2 and "documents" in result.output and "--docs-dir" in result.output
    assert "Traceback" not in result.output and not out.exists()


async def test_an_outputs_missing_folders_are_created(log, settings, behaviours_dir, tmp_path):
    await locate_correction(log, settings)
    out = tmp_path / "new" / "rows.csv"
    result = CliRunner().invoke(cli, ["export", "labels", "locate", "--log", str(settings.log_path), "-o", str(out)])
    assert result.exit_code == 0 and out.exists() and len(list((out.parent / "documents").iterdir())) == 1


async def dismissed_comment(log, settings):
    reply = json.dumps({"comments": [{"quote": "The budget is small.", "comment": "How small?"}]})
    session = session_on(log, settings, [reply], trigger=["comment"])
    session.open_document(DOC, title="plan")
    await session.turn("critique this")
    session.dismiss_comment("c1")


async def test_dismissing_a_comment_exports_a_comment_row(log, settings, behaviours_dir):
    await dismissed_comment(log, settings)
    [row] = exported(log, "comment")
    assert (row["request"], row["quote"], row["comment"], row["label"]) == (
        "critique this",
        "The budget is small.",
        "How small?",
        "dismissed",
    )


async def test_redact_leaves_no_document_text_in_the_rows_and_saves_no_document(
    log, settings, behaviours_dir, tmp_path
):
    await dismissed_comment(log, settings)
    await locate_correction(log, settings, rewritten_by_hand=True)
    assert [c.kind for c in log.corrections()] == ["comment_dismissed", "own_rewrite", "section_reselected"]
    outputs = []
    for behaviour in ("comment", "policy", "locate"):
        result = CliRunner().invoke(
            cli,
            [
                "export",
                "labels",
                behaviour,
                "--redact",
                "--log",
                str(settings.log_path),
                "-o",
                str(tmp_path / f"{behaviour}.csv"),
            ],
        )
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / f"{behaviour}.csv").read_text())
    assert all(len(text.splitlines()) == 2 for text in outputs)
    for sentence in ("We ship on Monday.", "The budget is small.", "Everyone helps."):
        assert not any(sentence in text for text in outputs)
    assert not (tmp_path / "documents").exists()


async def test_since_leaves_out_older_corrections(log, settings, behaviours_dir):
    session = session_on(log, settings, ["# Tea"], trigger=["canvas"])
    await session.turn("Tell me about tea")
    session.close_canvas()
    result = CliRunner().invoke(
        cli, ["export", "labels", "trigger", "--since", "2999-01-01", "--log", str(settings.log_path)]
    )
    assert result.exit_code == 0 and "0 new trigger rows" in result.output

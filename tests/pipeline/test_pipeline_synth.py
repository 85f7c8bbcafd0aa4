"""`synth`: teacher rows are completed, checked and deduplicated by code, and a killed run resumes."""

from __future__ import annotations

import asyncio
import json
import shutil

import pytest
from rapidfuzz import fuzz

from canvas_tui.behaviours.anchor import default_anchorer
from canvas_tui.document.units import segment
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.dataset import load_dataset
from canvas_tui.pipeline.lint import check_rows
from canvas_tui.pipeline.synth import SynthOptions, synthesize
from tests.pipeline_support import (
    REAL,
    SlowTeacher,
    copy_behaviour,
    copy_documents,
    document_of,
    edit_teacher,
    jsonl,
    prompt_teacher,
    read_csv,
)

CANVAS = [
    "Draft a five-page business plan for a mobile bicycle repair service",
    "Write a 2000-word short story about a beekeeper who inherits a haunted orchard",
    "Create a Python command-line tool that renames photos by the date they were taken",
    "Compose a cover letter for a junior data analyst position at a children's hospital",
    "Write a detailed lesson plan teaching fractions to fourth graders over two weeks",
    "Build a small Flask web app with a login page and a shared shopping list",
    "Write a wedding speech for my sister, about five minutes long, funny but warm",
    "Draft a grant proposal for a community garden on an empty city lot",
    "Write the README for my open-source library that parses GPX running tracks",
    "Create a three-day itinerary for a family trip to Lisbon with toddlers",
]
INLINE = [
    "What is the boiling point of water at the top of Everest?",
    "How many moons does Jupiter have?",
    "Give me three synonyms for happy",
    "Why do cats knead blankets?",
    "Convert 72 Fahrenheit to Celsius",
    "Thanks, that was really helpful!",
    "Is a tomato a fruit or a vegetable?",
    "What year did the Berlin Wall fall?",
    "Explain recursion in one sentence",
    "What's the capital of Australia?",
]


def teacher_rows() -> list[dict]:
    rows = [{"prompt": p, "label": "canvas", "category": "writing"} for p in CANVAS]
    rows += [{"prompt": p, "label": "inline", "category": "knowledge"} for p in INLINE]
    return [rows[i // 2 + (i % 2) * len(CANVAS)] for i in range(len(rows))]


@pytest.fixture
def trigger_data(tmp_path, monkeypatch):
    """A trigger folder with 40 real labels."""
    labels = read_csv(REAL / "trigger" / "labels.csv")
    chosen = [r for r in labels if r["label"] == "canvas"][:20] + [r for r in labels if r["label"] == "inline"][:20]
    copy_behaviour(tmp_path, "trigger", {"labels.csv": chosen})
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))
    return chosen


async def test_accepted_rows_pass_the_checks_are_new_and_carry_provenance(trigger_data):
    copied = {"prompt": trigger_data[0]["prompt"].upper() + "!", "label": "canvas", "category": "writing"}
    contradiction = {
        "prompt": "Don't open the canvas, just write me an essay about tides",
        "label": "canvas",
        "category": "writing",
    }
    good = teacher_rows()[:3]
    teacher = prompt_teacher([copied, contradiction, *good])
    report = await synthesize(load_config("trigger"), teacher, SynthOptions(n=3, seed=7))
    rows = jsonl(report.path)
    assert [row["prompt"] for row in rows] == [row["prompt"] for row in good]
    assert report.reasons == {"near-duplicate of an existing row": 1, "explicit request for inline labelled canvas": 1}
    provenance = rows[0]["provenance"]
    assert provenance["teacher_backend"] == "scripted" and provenance["seed"] == 7
    assert {"teacher_model", "prompt_version", "prompt_sha", "request_index", "time", "document"} <= set(provenance)
    assert all(row["usable"] is True and row["source"] == "teacher" for row in rows)


async def test_the_prompt_shows_the_spec_and_training_rows_but_never_held_out_rows(trigger_data):
    teacher = prompt_teacher(teacher_rows())
    await synthesize(load_config("trigger"), teacher, SynthOptions(n=5))
    prompt = teacher.requests[0].messages[-1]["content"]
    dataset = load_dataset(load_config("trigger"))
    assert "Trigger: `canvas` or `inline`" in prompt
    assert any(row.fields["prompt"][:60] in prompt for row in dataset.training())
    assert not any(json.dumps(row.fields["prompt"])[1:-1][:60] in prompt for row in dataset.rows if row.held_out)


async def test_a_killed_run_resumes_without_repeating_or_losing_a_request(trigger_data):
    config = load_config("trigger")
    options = SynthOptions(n=20, concurrency=2)
    second_reply = asyncio.Event()
    calls = []
    first = prompt_teacher(
        teacher_rows(), client=SlowTeacher, on_reply=lambda: (calls.append(1), len(calls) == 2 and second_reply.set())
    )
    run = asyncio.create_task(synthesize(config, first, options))
    await second_reply.wait()
    run.cancel()
    with pytest.raises(asyncio.CancelledError):
        await run
    path = config.synthetic_dir / "trigger-scripted-scripted-p1-s0-n20.jsonl"
    before = jsonl(path)
    assert 0 < len(before) < 20

    rest = [row for row in teacher_rows() if row["prompt"] not in {r["prompt"] for r in before}]
    report = await synthesize(config, prompt_teacher(rest), options)
    rows = jsonl(path)
    assert report.accepted == len(rows) == 20 and report.new == 20 - len(before)
    assert len({row["prompt"] for row in rows}) == 20
    by_request = [row["provenance"]["request_index"] for row in rows]
    assert not set(by_request[: len(before)]) & set(by_request[len(before) :])


async def test_a_reply_outside_the_schema_is_counted_and_dropped(trigger_data):
    bad = json.dumps({"examples": [{"prompt": "Write a sonnet", "label": "maybe", "category": "writing"}]})
    report = await synthesize(load_config("trigger"), ScriptedClient([bad] * 6), SynthOptions(n=1))
    assert report.accepted == 0
    assert sum(n for reason, n in report.reasons.items() if reason.startswith("reply not valid")) == 3


@pytest.fixture
def policy_data(tmp_path, monkeypatch):
    labels = read_csv(REAL / "policy" / "labels.csv")[:60]
    copy_behaviour(tmp_path, "policy", {"labels.csv": labels})
    copy_documents(tmp_path)
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))


async def test_edit_rows_get_their_span_from_the_quoted_anchor(policy_data):
    rows = [
        {
            "request": "fix the spelling mistake in this sentence",
            "unit": "sentence",
            "label": "targeted",
            "category": "spelling_grammar",
        },
        {
            "request": "make this whole section sound more upbeat",
            "unit": "section",
            "label": "rewrite",
            "category": "tone",
        },
        {
            "request": "restructure the paragraph about the early years",
            "unit": "paragraph",
            "label": "rewrite",
            "category": "structure",
        },
        {
            "request": "translate everything here into Icelandic for the Reykjavik office",
            "unit": "document",
            "label": "rewrite",
            "category": "translate",
        },
    ]
    config = load_config("policy")
    report = await synthesize(config, edit_teacher(rows), SynthOptions(n=4, seed=3))
    accepted = jsonl(report.path)
    assert len(accepted) == 4, report.reasons
    for row in accepted:
        text = (REAL / "locate" / "documents" / row["doc"]).read_text(encoding="utf-8")
        assert text[row["start"] : row["end"]] == row["target_text"]
        assert (row["start"], row["end"]) in {(u.start, u.end) for u in segment(text).units(row["unit"])}
        assert row["unit"] == "document" or row["anchor"] in row["target_text"]
    assert check_rows(config, load_dataset(config)) == []


async def test_an_anchor_that_is_not_in_the_document_is_rejected(policy_data):
    row = {
        "request": "fix the typo",
        "unit": "sentence",
        "label": "targeted",
        "category": "spelling_grammar",
        "anchor": "a sentence the document never had",
    }
    reply = json.dumps({"examples": [row]})
    report = await synthesize(load_config("policy"), ScriptedClient([reply] * 3), SynthOptions(n=1))
    assert report.accepted == 0 and report.reasons == {"anchor not in the document": 3}


@pytest.fixture
def comment_data(tmp_path, monkeypatch):
    folder = copy_behaviour(tmp_path, "comment")
    for name in ("labels.csv", "split.json"):
        shutil.copy(REAL / "comment" / name, folder / name)
    shutil.copytree(REAL / "comment" / "documents", folder / "documents")
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))
    return folder


PARAPHRASE = "The author argues, in effect, that nothing matters."


def critic() -> ScriptedClient:
    """A teacher leaving three comments per document: an exact quote, a quote with a typo, a paraphrase."""
    calls = []

    def critique(request) -> str:
        calls.append(1)
        text = document_of(request)
        sentences = [s.text(text) for s in segment(text).sentences if len(s.text(text)) > 40]
        exact, typo = sentences[len(calls) % len(sentences)], sentences[(len(calls) + 1) % len(sentences)]
        comments = [(exact, "vague"), (typo.replace("e", "a", 1), "wordy"), (PARAPHRASE, "vague")]
        return json.dumps(
            {
                "examples": [
                    {"quote": q, "category": c, "comment": "Say what you mean.", "suggestion": ""} for q, c in comments
                ]
            }
        )

    return ScriptedClient([critique] * 30)


async def test_comment_quotes_are_anchored_and_held_out_documents_never_shown(comment_data):
    held_out = set(json.loads((comment_data / "split.json").read_text())["held_out"])
    teacher = critic()
    report = await synthesize(load_config("comment"), teacher, SynthOptions(n=6, seed=5))
    rows = jsonl(report.path)
    assert len(rows) == 6 and report.reasons["quote does not anchor in the document"] >= 1
    assert PARAPHRASE not in {row["quote"] for row in rows}
    assert not {document_of(request) for request in teacher.requests} & {
        (comment_data / "documents" / name).read_text(encoding="utf-8") for name in held_out
    }
    for row in rows:
        text = (comment_data / "documents" / row["doc"]).read_text(encoding="utf-8")
        assert row["doc"] not in held_out and (row["request"], row["kind"]) == ("critique this", "critique")
        anchored = text[row["start"] : row["end"]]
        assert fuzz.ratio(anchored, row["quote"]) >= 95
        assert default_anchorer().anchor(text, row["quote"]).span.start == row["start"]


async def test_a_reply_with_no_words_is_not_a_prompt(trigger_data):
    teacher = prompt_teacher([{"prompt": ", ", "label": "canvas", "category": "writing"}, *teacher_rows()[:1]])
    report = await synthesize(load_config("trigger"), teacher, SynthOptions(n=1))
    assert report.accepted == 1 and report.reasons == {"no words in prompt": 1}


async def test_a_made_up_quote_rejects_even_a_whole_document_example(policy_data):
    row = {
        "request": "make the whole thing friendlier",
        "unit": "document",
        "label": "rewrite",
        "category": "tone",
        "anchor": "A new lightbulb can only last for about twenty years",
    }
    report = await synthesize(
        load_config("policy"), ScriptedClient([json.dumps({"examples": [row]})] * 3), SynthOptions(n=1)
    )
    assert report.accepted == 0 and report.reasons == {"anchor not in the document": 3}


async def test_rows_about_an_extra_documents_folder_still_pass_lint(policy_data, tmp_path):
    extra = tmp_path / "corpus"
    extra.mkdir()
    shutil.copy(REAL / "locate" / "documents" / "wiki_lighthouse.md", extra / "only_here.md")
    rows = [
        {
            "request": "tighten this paragraph a lot please",
            "unit": "paragraph",
            "label": "rewrite",
            "category": "length",
        }
    ]
    config = load_config("policy")
    options = SynthOptions(n=3, documents=[extra])
    report = await synthesize(
        config.model_copy(update={"documents": config.documents.model_copy(update={"folders": []})}),
        edit_teacher(rows),
        options,
    )
    assert [row["doc"] for row in jsonl(report.path)] == ["only_here.md"]
    assert check_rows(config, load_dataset(config)) == []

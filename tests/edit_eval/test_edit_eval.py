"""The edit-outcome eval: its cases are coherent, its checks pass what they should and fail what they should."""

from __future__ import annotations

import json

import pytest

from canvas_tui.edit_eval.cases import Check, EditCase, documents_dir, load_cases
from canvas_tui.edit_eval.checks import run_checks
from canvas_tui.edit_eval.report import summarise, to_markdown
from canvas_tui.edit_eval.run import run_case
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.session import splice
from tests.fakes import fake_behaviours

DOC = "# Plan\n\nWe ship on Monday. Everyone helps out a great deal here.\n\nThe budget is small but it is enough.\n"
FIRST = "We ship on Monday. Everyone helps out a great deal here."
SECOND = "The budget is small but it is enough."


def _case(checks, target=FIRST, operation="rewrite"):
    return EditCase(
        id="t",
        source="followup",
        document=DOC,
        request="r",
        operation=operation,
        target=target,
        checks=[Check(**check) for check in checks],
    )


def _verdicts(case, after):
    return {result.kind: result.passed for result in run_checks(case, DOC, after)}


def test_there_are_at_least_120_cases_over_corpus_documents_and_real_follow_ups():
    cases = load_cases()
    assert len(cases) >= 120
    assert {case.source for case in cases} == {"corpus", "followup"}
    assert {case.operation for case in cases} == {"delete", "move", "insert", "replace", "rewrite"}
    assert len({case.id for case in cases}) == len(cases)


def test_every_target_and_selection_quote_is_in_its_document():
    for case in load_cases():
        text = case.text(documents_dir())
        case.target_span(text)
        assert case.selection is None or case.selection in text, case.id


def test_the_unchanged_document_fails_every_case():
    for case in load_cases():
        text = case.text(documents_dir())
        assert not all(r.passed for r in run_checks(case, text, text)), case.id


def test_deleting_each_delete_cases_target_by_code_passes_all_its_checks():
    for case in [c for c in load_cases() if c.operation == "delete"]:
        text = case.text(documents_dir())
        start, end = case.target_span(text)
        start += len(case.target) - len(case.target.lstrip())
        low, high = splice.deletion(text, start, end)
        failed = [r for r in run_checks(case, text, text[:low] + text[high:]) if not r.passed]
        assert not failed, (case.id, failed)


def test_a_change_outside_the_target_fails_and_one_inside_passes():
    case = _case([{"kind": "unchanged_outside"}])
    assert _verdicts(case, DOC.replace("Monday", "Friday")) == {"unchanged_outside": True}
    assert _verdicts(case, DOC.replace("small", "tiny")) == {"unchanged_outside": False}
    assert _verdicts(case, DOC.replace("# Plan", "# Plans")) == {"unchanged_outside": False}


def test_strings_order_and_length_ratio():
    case = _case(
        [
            {"kind": "present", "text": "Friday"},
            {"kind": "absent", "text": "Monday"},
            {"kind": "order", "text": SECOND, "after": FIRST},
            {"kind": "length_ratio", "low": 0.2, "high": 0.9},
        ]
    )
    swapped = DOC.replace(FIRST, "@").replace(SECOND, FIRST).replace("@", SECOND)
    assert _verdicts(case, swapped) == {"present": False, "absent": False, "order": True, "length_ratio": False}
    assert _verdicts(case, DOC.replace(FIRST, "We ship on Friday.")) == {
        "present": True,
        "absent": True,
        "order": False,
        "length_ratio": True,
    }


def test_counts_compare_paragraphs_bullets_and_headings():
    case = _case(
        [
            {"kind": "count", "unit": "paragraphs", "delta": -1},
            {"kind": "count", "unit": "bullets", "compare": "more"},
            {"kind": "count", "unit": "headings", "delta": 0},
        ]
    )
    assert [r.passed for r in run_checks(case, DOC, DOC.replace(FIRST + "\n\n", ""))] == [True, False, True]
    results = run_checks(case, DOC, DOC.replace(FIRST + "\n\n", "- a\n- b\n\n"))
    assert [r.passed for r in results] == [False, True, True]


def test_structure_code_and_repeats():
    code_doc = '# Code\n\n```python\nx = 1\n```\n\n```json\n{"a": 1}\n```\n'
    case = EditCase(
        id="c",
        source="followup",
        document=code_doc,
        request="r",
        operation="rewrite",
        checks=[Check(kind="structure_kept"), Check(kind="code_parses"), Check(kind="no_repeats")],
    )
    broken = code_doc.replace("x = 1", "x = = 1")
    assert {r.kind: r.passed for r in run_checks(case, code_doc, broken)} == {
        "structure_kept": True,
        "code_parses": False,
        "no_repeats": True,
    }
    repeated = (
        code_doc
        + "\nThis paragraph is here twice, word for word, sadly.\n\nThis paragraph is here twice, word for word, sadly.\n"
    )
    assert {r.kind: r.passed for r in run_checks(case, code_doc, repeated.replace("# Code", "# Other"))} == {
        "structure_kept": False,
        "code_parses": True,
        "no_repeats": False,
    }


def test_a_case_line_that_is_not_valid_is_reported_with_its_line_number(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        load_cases(path)


async def test_a_case_runs_through_a_session_and_reports_each_check(settings):
    case = _case([{"kind": "changed"}, {"kind": "unchanged_outside"}, {"kind": "present", "text": "Friday"}])
    behaviours = fake_behaviours(trigger=["edit"], needle=FIRST, policy="rewrite")
    client = ScriptedClient(["We ship on Friday. Everyone helps out a great deal here."])
    outcome = await run_case(case, DOC, client, behaviours, settings)
    assert outcome.passed and outcome.kind == "edit" and outcome.changed
    assert client.observers == []
    summary = summarise("scripted", [outcome])
    assert str(summary.per_operation["rewrite"]) == "1/1 (100%)" and summary.outside_changed == 0
    assert "| rewrite | 1/1 (100%) |" in to_markdown([summary], {"scripted": [outcome]})

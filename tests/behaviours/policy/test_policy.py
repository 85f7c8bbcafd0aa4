"""The edit policy's contract: `classify` and the `EditPolicy` decide rewrite vs targeted by a threshold."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.base import LocateDecision, Provenance, Span
from canvas_tui.behaviours.interfaces import EditPolicy
from canvas_tui.behaviours.policy import TargetedOrRewrite, classify, default_policy
from canvas_tui.behaviours.policy.features import PolicyInput
from canvas_tui.behaviours.policy.scorers import Scorer, rules_scorer, trained_scorer

SMALL_EDITS = [
    ("fix the typo", "We recieved your message.", "sentence"),
    ("change 'happy' to 'glad'", "I am happy to help.", "sentence"),
    ("spell out the numbers", "We hired 4 people in 3 months.", "paragraph"),
    ("fix all typos", "", "document"),
    ("rename variable x to total", "x = sum(prices)\nprint(x)", "paragraph"),
    ("add a docstring", "def area(r):\n    return 3.14 * r * r", "paragraph"),
    ("add a missing comma after 'Finally'", "Finally we merged it.", "sentence"),
]
WHOLESALE_CHANGES = [
    ("make it more formal", "", "document"),
    ("rewrite the intro", "", "paragraph"),
    ("make this punchier", "We build software for teams who write documents together.", "paragraph"),
    ("simplify", "", "section"),
    ("translate to Spanish", "", "section"),
    ("refactor this function", "def area(r):\n    return 3.14 * r * r", "paragraph"),
    ("port to Rust", "", "document"),
    ("make the whole document more casual", "", "document"),
]


@pytest.mark.parametrize(("request_text", "target", "unit"), SMALL_EDITS)
def test_small_local_changes_are_targeted(request_text, target, unit):
    assert classify(request_text, target, unit).label == "targeted"


@pytest.mark.parametrize(("request_text", "target", "unit"), WHOLESALE_CHANGES)
def test_changes_of_tone_length_structure_or_language_are_rewrites(request_text, target, unit):
    assert classify(request_text, target, unit).label == "rewrite"


def test_the_unit_can_change_the_answer():
    sentence = "Please make sure that you have read the contributing guide before you open a pull request."
    paragraph = " ".join([sentence] * 4)
    assert classify("shorten this", sentence, "sentence").label == "targeted"
    assert classify("shorten this", paragraph, "paragraph").label == "rewrite"


def test_decision_is_logged_with_its_score_threshold_and_implementation():
    decision = classify("fix the typo", "teh cat", "sentence", threshold=0.42)
    assert decision.threshold == 0.42
    assert decision.provenance.implementation == "trained"
    assert decision.provenance.version.startswith("trained-")
    assert not decision.provenance.fallback


@pytest.mark.parametrize(("request_text", "target", "unit"), SMALL_EDITS[:3] + WHOLESALE_CHANGES[:3])
def test_threshold_alone_moves_the_decision(request_text, target, unit):
    middle = classify(request_text, target, unit)
    assert classify(request_text, target, unit, threshold=0.0).label == "targeted"
    assert classify(request_text, target, unit, threshold=middle.score + 1e-9).label == "rewrite"
    assert classify(request_text, target, unit, threshold=middle.score).label == "targeted"
    assert classify(request_text, target, unit, threshold=0.9).score == middle.score


def test_classify_is_deterministic():
    first = classify("make it shorter", "Some text here.", "paragraph")
    assert all(classify("make it shorter", "Some text here.", "paragraph") == first for _ in range(3))


def test_unknown_units_and_empty_text_are_still_decided():
    decision = classify("fix the typo", "", "chapter")
    assert decision.label in ("targeted", "rewrite")
    assert 0.0 <= decision.score <= 1.0


def test_missing_artifact_falls_back_to_rules_and_says_so(tmp_path):
    scorer = trained_scorer(tmp_path / "absent.json")
    assert scorer.fallback and scorer.name == "rules"


def _recording_policy(seen: list[PolicyInput]) -> TargetedOrRewrite:
    def score(item: PolicyInput) -> float:
        seen.append(item)
        return 0.7

    return TargetedOrRewrite(Scorer("probe", "0", score), threshold=0.6)


def _locate(span: Span | None, unit: str | None) -> LocateDecision:
    return LocateDecision(span=span, unit=unit, confidence=1.0, provenance=Provenance(implementation="t", version="0"))


async def test_edit_policy_decides_on_the_located_span():
    seen: list[PolicyInput] = []
    document = "# Title\n\nFirst paragraph here.\n\nSecond one."
    start = document.index("First")
    span = Span(start=start, end=start + len("First paragraph here."))
    decision = await _recording_policy(seen).decide(document, "fix it", _locate(span, "paragraph"))
    assert seen == [PolicyInput(request="fix it", target_text="First paragraph here.", unit="paragraph")]
    assert (decision.label, decision.score, decision.threshold) == ("targeted", 0.7, 0.6)


async def test_edit_policy_without_a_span_decides_on_the_whole_document():
    seen: list[PolicyInput] = []
    await _recording_policy(seen).decide("Whole text.", "make it formal", _locate(None, None))
    assert seen == [PolicyInput(request="make it formal", target_text="Whole text.", unit="document")]


async def test_default_policy_is_an_edit_policy_with_the_given_threshold():
    policy = default_policy(threshold=0.3)
    assert isinstance(policy, EditPolicy)
    decision = await policy.decide("Some text.", "fix all typos", _locate(None, None))
    assert decision.threshold == 0.3


def test_rules_baseline_scores_cue_words():
    rules = rules_scorer()
    assert rules.score(PolicyInput(request="fix the spelling", unit="paragraph")) > 0.5
    assert rules.score(PolicyInput(request="rewrite it more formally", unit="paragraph")) < 0.5


PROSE_DOCUMENT = "\n\n".join(
    f"## Part {n}\n\nMaintainers review changes every week. Contributors open issues and send patches. "
    "Reviews should be kind, specific and quick. Tests must pass before a merge."
    for n in range(8)
)
CODE_DOCUMENT = "\n".join(
    f"def step_{n}(items):\n    total = 0\n    for item in items:\n        total += item.price\n    return total\n"
    for n in range(10)
)


@pytest.mark.parametrize(
    ("request_text", "document", "label"),
    [
        ("fix all typos", PROSE_DOCUMENT, "targeted"),
        ("use American spelling throughout", PROSE_DOCUMENT, "targeted"),
        ("make it more formal", PROSE_DOCUMENT, "rewrite"),
        ("make the whole document shorter", PROSE_DOCUMENT, "rewrite"),
        ("add docstrings to every function", CODE_DOCUMENT, "targeted"),
        ("rename the variable total to subtotal everywhere", CODE_DOCUMENT, "targeted"),
        ("refactor the whole module", CODE_DOCUMENT, "rewrite"),
        ("port to Rust", CODE_DOCUMENT, "rewrite"),
    ],
)
def test_whole_document_decisions_hold_on_real_length_documents(request_text, document, label):
    assert classify(request_text, document, "document").label == label

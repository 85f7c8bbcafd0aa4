"""The shared linear trainer, artifact and scorer: the numpy scorer gives scikit-learn's probabilities.

Models are trained here by the one trainer on real label rows (a slice, to stay fast) and scored on other
real rows, so the re-implemented analyzers and the link functions are checked against scikit-learn itself.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from canvas_tui.behaviours.comment.model import FEATURES as COMMENT_FEATURES
from canvas_tui.behaviours.comment.model import trained_model
from canvas_tui.behaviours.comment.training import SPEC as COMMENT_SPEC
from canvas_tui.behaviours.policy.data import labels_path, read_rows
from canvas_tui.behaviours.policy.linear import FEATURES as POLICY_FEATURES
from canvas_tui.behaviours.policy.scorers import artifact_path as policy_artifact
from canvas_tui.behaviours.policy.training import SPEC as POLICY_SPEC
from canvas_tui.behaviours.trigger.data import read_labels
from canvas_tui.behaviours.trigger.features import object_view, request_view
from canvas_tui.behaviours.trigger.message import with_document
from canvas_tui.behaviours.trigger.model import FEATURES, ROUTER, TRIGGER, TrainedModel
from canvas_tui.behaviours.trigger.training import SPECS
from canvas_tui.learn.analyzers import build_analyzer
from canvas_tui.learn.artifact import LinearArtifact, TextBlock, Training, read_artifact
from canvas_tui.learn.features import Features
from canvas_tui.learn.scorer import LinearScorer
from canvas_tui.learn.spec import LinearSpec
from canvas_tui.learn.trainer import export, fit, fit_one_vs_rest

PROMPTS = [row.prompt for row in read_labels(TRIGGER.folder / TRIGGER.labels_file)]
ROUTES = read_labels(ROUTER.folder / ROUTER.labels_file)


def _probabilities(scorer: LinearScorer, items, classes) -> np.ndarray:
    return np.array([[row[c] for c in classes] for row in scorer.probabilities(items)])


@pytest.mark.parametrize(
    "settings",
    [
        {"analyzer": "word", "ngram_range": (1, 2), "token_pattern": r"(?u)\b\w+\b", "preprocessor": request_view},
        {"analyzer": "word", "ngram_range": (1, 3), "token_pattern": r"(?u)\b[\w-]+\b", "preprocessor": object_view},
        {"analyzer": "word", "ngram_range": (2, 2)},
        {"analyzer": "word", "lowercase": False, "token_pattern": r"(\w)\w*"},
        {"analyzer": "char_wb", "ngram_range": (2, 5), "preprocessor": request_view},
        {"analyzer": "char_wb", "ngram_range": (1, 3), "lowercase": False},
    ],
    ids=lambda s: f"{s['analyzer']}-{s.get('ngram_range', (1, 1))}",
)
def test_analyzers_cut_real_prompts_into_the_terms_scikit_learn_cuts(settings):
    vectorizer = TfidfVectorizer(**settings)
    views = {"view": settings["preprocessor"]} if "preprocessor" in settings else {}
    block = TextBlock(
        name="b",
        view="view" if views else None,
        analyzer=settings["analyzer"],
        lowercase=settings.get("lowercase", True),
        token_pattern=vectorizer.token_pattern,
        ngram_range=vectorizer.ngram_range,
        terms=[],
        idf=[],
        coef=[[]],
    )
    ours, theirs = build_analyzer(block, views.get("view")), vectorizer.build_analyzer()
    for prompt in PROMPTS[::5] + ["", "  \t\n", "a", "Ünïcode  ÉTÉ\u00a0x", "well-known e-mail"]:
        assert ours(prompt) == theirs(prompt), prompt


@pytest.mark.parametrize("task", [TRIGGER, ROUTER], ids=lambda t: t.name)
def test_trained_trigger_and_router_score_held_rows_as_scikit_learn_does(task):
    rows = (
        [r.prompt for r in read_labels(TRIGGER.folder / TRIGGER.labels_file)]
        if task is TRIGGER
        else [with_document(r.prompt, r.document or r.context or "(open document)") for r in ROUTES]
    )
    labels = [r.label for r in read_labels(task.folder / task.labels_file)]
    train, held = slice(0, None, 4), slice(1, None, 9)
    pipeline = fit(SPECS[task.name], FEATURES[task.name], rows[train], labels[train], random_state=0)
    artifact = export(pipeline, FEATURES[task.name], task.name, Training(), threshold=0.5, version="test")
    assert artifact.link == ("sigmoid" if task is TRIGGER else "softmax")
    scorer = LinearScorer(LinearArtifact.model_validate_json(artifact.model_dump_json()), FEATURES[task.name])
    got = _probabilities(scorer, rows[held], pipeline.classes_)
    assert got == pytest.approx(pipeline.predict_proba(rows[held]), abs=1e-6)  # the artifact keeps 7 significant digits


def test_the_policy_model_with_standardised_dense_features_scores_as_scikit_learn_does():
    rows, _ = read_rows(labels_path())
    items, labels = [r.as_input() for r in rows], [r.label for r in rows]
    pipeline = fit(POLICY_SPEC, POLICY_FEATURES, items[::2], labels[::2], C=3.0)
    scorer = LinearScorer(export(pipeline, POLICY_FEATURES, "policy", Training()), POLICY_FEATURES)
    got = _probabilities(scorer, items[1::2], pipeline.classes_)
    assert got == pytest.approx(
        pipeline.predict_proba(items[1::2]), abs=1e-6
    )  # the artifact keeps 7 significant digits


def test_one_vs_rest_gives_each_class_its_own_logistic_probability():
    rng = np.random.default_rng(0)
    vectors = [tuple(row) for row in rng.normal(size=(80, len(COMMENT_FEATURES.dense_names)))]
    sets = [{"vague"} if v[0] > 0.5 else {"wordy", "passive"} if v[1] > 0 else set() for v in vectors]
    sets[0] = {"rare"}
    artifact = fit_one_vs_rest(COMMENT_SPEC, COMMENT_FEATURES, vectors, sets, "comment", Training(), C=1.0)
    assert artifact.classes == ["passive", "vague", "wordy"], "a class seen once is not learnt"
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaled = StandardScaler().fit_transform(np.array(vectors))
    expected = LogisticRegression(max_iter=2000).fit(scaled, ["vague" in s for s in sets]).predict_proba(scaled)[:, 1]
    got = [p["vague"] for p in LinearScorer(artifact, COMMENT_FEATURES).probabilities(vectors)]
    assert got == pytest.approx(list(expected), abs=1e-6)  # the artifact keeps 7 significant digits
    with pytest.raises(ValueError, match="nothing to learn"):
        fit_one_vs_rest(COMMENT_SPEC, COMMENT_FEATURES, vectors, [set() for _ in vectors], "comment", Training())


def test_a_model_loaded_beside_other_features_fails_loudly():
    artifact = read_artifact(TRIGGER.artifact)
    with pytest.raises(ValueError, match="dense features"):
        LinearScorer(artifact, FEATURES["router"])
    with pytest.raises(ValueError, match="view 'object'"):
        LinearScorer(artifact, Features(views={"request": request_view}, dense_names=FEATURES["trigger"].dense_names))


def test_an_artifact_whose_blocks_disagree_in_length_is_refused():
    with pytest.raises(ValueError, match="differ in length"):
        TextBlock(name="b", analyzer="word", terms=["a", "b"], idf=[1.0], coef=[[0.1, 0.2]])
    with pytest.raises(ValueError, match="output row"):
        LinearArtifact(task="t", version="v", classes=["a", "b", "c"], link="softmax", intercepts=[0.0])


def test_every_committed_model_loads_with_its_behaviours_features_and_no_pickle():
    trigger, router = TrainedModel.load(TRIGGER), TrainedModel.load(ROUTER)
    assert trigger.threshold == 0.35 and trigger.artifact.link == "sigmoid" and router.artifact.link == "softmax"
    policy = read_artifact(policy_artifact())
    LinearScorer(policy, POLICY_FEATURES)
    assert policy.classes == ["rewrite", "targeted"] and trained_model().artifact.link == "ovr_sigmoid"
    assert not list(TRIGGER.folder.parent.glob("*/*.joblib"))


def test_spec_without_text_blocks_is_a_dense_only_model():
    features = Features(dense_names=("x",), dense=lambda v: [v])
    pipeline = fit(LinearSpec(classifier={"max_iter": 200}), features, [0.0, 1.0, 2.0, 3.0], ["a", "a", "b", "b"])
    artifact = export(pipeline, features, "toy", Training())
    assert artifact.text == [] and artifact.dense is not None
    got = _probabilities(LinearScorer(artifact, features), [0.5, 2.5], pipeline.classes_)
    assert got == pytest.approx(pipeline.predict_proba([0.5, 2.5]), abs=1e-12)


def test_behaviour_data_comes_from_the_override_else_the_source_checkout(monkeypatch, tmp_path):
    from canvas_tui import paths

    monkeypatch.delenv("CANVAS_TUI_BEHAVIOURS_DIR", raising=False)
    assert paths.source_checkout() and paths.behaviours_dir() == paths.PROJECT_ROOT / "behaviours"
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))
    assert paths.behaviour_dir("trigger") == tmp_path / "trigger"
    monkeypatch.delenv("CANVAS_TUI_BEHAVIOURS_DIR")
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path)
    assert paths.behaviours_dir() == paths.SHIPPED_BEHAVIOURS

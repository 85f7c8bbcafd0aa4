"""`iterate`: a candidate trained with a teacher batch replaces the artifact only when it is not worse.

The policy is the subject: its held-out split is a hash of each row, so it stays put while the
training data changes. A scripted teacher plays back real label rows the data folder does not
have (a good batch), or the same rows with their labels flipped (a bad batch).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.policy.data import LabelRow
from canvas_tui.cli import cli
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.contracts import TrainRequest
from canvas_tui.pipeline.dataset import load_dataset
from canvas_tui.pipeline.dedupe import normal
from canvas_tui.pipeline.iterate import IterateOptions, iterate
from canvas_tui.pipeline.synth import SynthOptions
from canvas_tui.pipeline.training import train_behaviour
from tests.pipeline_support import REAL, copy_behaviour, copy_documents, edit_teacher, read_csv

pytestmark = pytest.mark.slow
FLIP = {"targeted": "rewrite", "rewrite": "targeted"}
TEACHER_COLUMNS = ("request", "unit", "label", "category")


def _halves() -> tuple[list[dict], list[dict], list[dict]]:
    """(held-out rows, training rows kept in labels.csv, the other training rows: the teacher's pool)."""
    rows = read_csv(REAL / "policy" / "labels.csv")
    held = [r for r in rows if LabelRow.model_validate(r).held_out()]
    train = [r for r in rows if not LabelRow.model_validate(r).held_out()]
    kept = train[::2]
    keys = {(normal(r["request"]), r["unit"]) for r in held + kept}
    pool = [{k: r[k] for k in TEACHER_COLUMNS} for r in train[1::2] if (normal(r["request"]), r["unit"]) not in keys]
    return held[::2], kept, pool


@pytest.fixture
def policy(tmp_path, monkeypatch):
    """A data folder with the documents teacher rows are written about (each test writes its labels)."""
    copy_documents(tmp_path)
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path))
    return tmp_path / "policy"


def _train_current(root, held: list[dict], train: list[dict]) -> bytes:
    """Train the current artifact on `held + train` (held-out rows never train); returns its bytes."""
    copy_behaviour(root, "policy", {"labels.csv": held + train})
    train_behaviour("policy", TrainRequest())
    return (root / "policy" / "model.json").read_bytes()


def _options(tmp_path, n: int) -> IterateOptions:
    return IterateOptions(synth=SynthOptions(n=n, seed=1), report_dir=tmp_path / "reports")


async def test_a_better_candidate_replaces_the_artifact_and_its_card(policy, tmp_path):
    held, kept, pool = _halves()
    before = _train_current(tmp_path, held, kept[::6])
    outcome = await iterate("policy", edit_teacher(pool), _options(tmp_path, 80))
    assert outcome.kept and outcome.after > outcome.before == outcome.control
    assert (policy / "model.json").read_bytes() != before
    assert "| teacher | 80 |" in (policy / "CARD.md").read_text(encoding="utf-8")
    assert outcome.report.read_text(encoding="utf-8").startswith("# iterate policy: KEPT")
    assert load_dataset(load_config("policy")).counts()["teacher"] == 80


async def test_a_worse_candidate_is_rejected_and_its_batch_shelved(policy, tmp_path):
    held, kept, pool = _halves()
    before = _train_current(tmp_path, held, kept)
    flipped = [{**row, "label": FLIP[row["label"]]} for row in pool]
    outcome = await iterate("policy", edit_teacher(flipped), _options(tmp_path, 80))
    assert not outcome.kept and outcome.after < outcome.before
    assert (policy / "model.json").read_bytes() == before
    assert (
        outcome.synth.accepted == 80
        and outcome.synth.path.parent.joinpath("rejected", outcome.synth.path.name).exists()
    )
    assert load_dataset(load_config("policy")).counts()["teacher"] == 0
    assert outcome.report.read_text(encoding="utf-8").startswith("# iterate policy: REJECTED")


def test_the_iterate_command_without_a_teacher_retrains_and_reports(policy, tmp_path):
    held, kept, _ = _halves()
    before = _train_current(tmp_path, held, kept[::4])
    result = CliRunner().invoke(cli, ["iterate", "policy", "--report-dir", str(tmp_path / "reports")])
    assert result.exit_code == 0, result.output
    assert (
        result.output.startswith("kept: trained.accuracy: current")
        and "control without the batch none" in result.output
    )
    assert (policy / "model.json").read_bytes() == before
    assert len(list((tmp_path / "reports").glob("iterate-policy-*.md"))) == 1

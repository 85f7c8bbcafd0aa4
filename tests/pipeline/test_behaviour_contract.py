"""The behaviour contract: a new behaviour is one declaration and one data folder, and the generic pipeline runs it.

`shout` is a sixth behaviour declared in this module (as a behaviour package would declare it in its
`pipeline.py`): is a message shouted? Its "artifact" is a threshold in `behaviours/shout/threshold.json`, read
by its `load`, and it brings its own check and split. Nothing in canvas_tui/pipeline/ knows it, yet `predict`,
`eval`, `lint` and `train` run it, and each declared behaviour of the project satisfies the same contract. The
README's behaviour table is what the behaviours' CARDs give.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from canvas_tui.cli import cli
from canvas_tui.paths import PROJECT_ROOT, behaviour_dir
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.contract import Behaviour, LabelFile
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult
from canvas_tui.pipeline.evalkit.render import headline_table
from canvas_tui.pipeline.evalkit.reports import write_report
from canvas_tui.pipeline.evalkit.scores import Scored, headline, score
from canvas_tui.pipeline.lint import lint
from canvas_tui.pipeline.readme_table import END, START, StaleTable, card_figures, figure, update
from canvas_tui.pipeline.registry import behaviour, declared, register, unregister

CLASSES = ("shout", "calm")
PIPELINE_TOML = """
[shout]
labels = ["labels.csv"]
text_columns = ["text"]
conflict_key = ["text"]
split = "last_letter"
checks = ["label_allowed", "text_present", "no_question"]

[shout.columns]
text = "a message"
label = "shout or calm"

[shout.choices]
label = ["shout", "calm"]
"""
LABELS = (
    "text,label\nSTOP THAT NOW,shout\nplease sit down,calm\nWHY NOT?,shout\nGO AWAY,shout\nhello there,calm\n"
    "LEAVE ME ALONE,shout\n"
)


class ShoutInput(BaseModel):
    """One `predict shout` line."""

    id: int
    text: str


class ShoutOutput(BaseModel):
    """One `predict shout` answer: the label and the share of capital letters."""

    id: int
    label: str
    score: float


def _capitals(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def load(folder: Path) -> float:
    """The trained threshold (the shout behaviour's whole artifact)."""
    return json.loads((folder / "threshold.json").read_text(encoding="utf-8"))["threshold"]


def predict(threshold: float, items: list[ShoutInput]) -> list[ShoutOutput]:
    """Shout when the share of capitals reaches the threshold."""
    return [
        ShoutOutput(
            id=item.id,
            label="shout" if _capitals(item.text) >= threshold else "calm",
            score=round(_capitals(item.text), 4),
        )
        for item in items
    ]


def _rows() -> list[dict]:
    from canvas_tui.pipeline.dataset import load_dataset

    return [row.fields | {"held_out": row.held_out} for row in load_dataset(load_config("shout")).rows]


def train(request: TrainRequest) -> TrainResult:
    """The threshold: the least share of capitals among the training rows labelled shout."""
    threshold = min(_capitals(r["text"]) for r in _rows() if not r["held_out"] and r["label"] == "shout")
    artifact = behaviour_dir("shout") / "threshold.json"
    artifact.write_text(json.dumps({"threshold": threshold}), encoding="utf-8")
    return TrainResult(
        behaviour="shout", artifact=artifact, figures={"threshold": threshold}, text=f"threshold {threshold}"
    )


def evaluate(request: EvalRequest) -> EvalResult:
    """The loaded threshold on the held-out rows, scored and reported with the eval kit."""
    held = [r for r in _rows() if r["held_out"]]
    outputs = predict(load(behaviour_dir("shout")), [ShoutInput(id=i, text=r["text"]) for i, r in enumerate(held)])
    scores = score(
        "threshold",
        [Scored(text=r["text"], gold=r["label"], predicted=o.label) for r, o in zip(held, outputs)],
        CLASSES,
    )
    text = "\n".join(["# shout eval", "", *headline_table([scores])])
    return EvalResult(
        behaviour="shout",
        figures={"threshold": headline(scores)},
        text=text,
        files=[write_report(request.report_dir, "shout", text)],
    )


def no_question(config, row: dict, document: str | None) -> str | None:
    """The behaviour's own check: a shouted question is ambiguous, so it is not a label."""
    return "a shouted question" if row.get("label") == "shout" and "?" in row.get("text", "") else None


def last_letter(rows: list[dict]) -> list[bool]:
    """The behaviour's own split: rows whose text ends in a vowel are held out."""
    return [row["text"].rstrip("?!. ")[-1:].lower() in tuple("aeiou") for row in rows]


SHOUT = Behaviour(
    name="shout",
    summary="shout (shouted or calm)",
    folder="shout",
    input_model=ShoutInput,
    output_model=ShoutOutput,
    load=load,
    predict=predict,
    label_files=[LabelFile(pattern="labels.csv", split="train+held-out")],
    implementations=("threshold",),
    default="threshold",
    train=train,
    evaluate=evaluate,
    checks={"no_question": no_question},
    splits={"last_letter": last_letter},
)


@pytest.fixture
def shout(tmp_path, monkeypatch):
    """The shout behaviour registered, with its data folder (pipeline.toml, labels.csv) as the only behaviour data."""
    folder = tmp_path / "behaviours" / "shout"
    folder.mkdir(parents=True)
    (folder / "pipeline.toml").write_text(PIPELINE_TOML, encoding="utf-8")
    (folder / "labels.csv").write_text(LABELS, encoding="utf-8")
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path / "behaviours"))
    register(SHOUT)
    yield folder
    unregister("shout")


def test_a_registered_behaviour_is_trained_predicted_and_evaluated_by_the_generic_commands(shout, tmp_path):
    runner = CliRunner()
    trained = runner.invoke(cli, ["train", "shout", "--allow-lint-errors", "--json"])
    assert trained.exit_code == 0, trained.output
    assert json.loads((shout / "threshold.json").read_text())["threshold"] == 1.0
    assert (shout / "CARD.md").read_text(encoding="utf-8").startswith("# shout: model card")

    lines = '{"id": 1, "text": "HELP ME"}\n{"id": 2, "text": "help me"}\n{"id": 3}\n'
    predicted = runner.invoke(cli, ["predict", "shout", "--no-progress"], input=lines)
    assert predicted.exit_code == 1, "one malformed line is a partial failure"
    outputs = [json.loads(line) for line in predicted.stdout.splitlines()]
    assert outputs[:2] == [{"id": 1, "label": "shout", "score": 1.0}, {"id": 2, "label": "calm", "score": 0.0}]
    assert outputs[2]["error"].startswith("line 3: text")

    evaluated = runner.invoke(cli, ["eval", "shout", "--json", "--report-dir", str(tmp_path / "reports")])
    assert evaluated.exit_code == 0, evaluated.output
    assert json.loads(evaluated.stdout)["threshold"]["accuracy"] == 1.0
    assert (tmp_path / "reports" / "shout_eval.md").exists()


def test_the_behaviours_own_check_and_split_are_what_lint_uses(shout):
    report = lint(load_config("shout"))
    assert [(f.rule, f.message, f.where) for f in report.errors] == [("check", "a shouted question", ["labels.csv:4"])]
    assert [row["text"] for row in _rows() if row["held_out"]] == ["hello there", "LEAVE ME ALONE"]


def test_an_unknown_behaviour_is_a_usage_error_naming_the_known_ones():
    result = CliRunner().invoke(cli, ["predict", "whisper"])
    assert result.exit_code == 2 and "trigger" in result.output and "router" in result.output


@pytest.mark.parametrize("name", declared())
def test_every_declared_behaviour_honours_the_contract(name):
    found = behaviour(name)
    assert found.name == name and found.default in found.implementations
    assert (behaviour_dir(found.folder) / "spec.md").exists() or (
        behaviour_dir(found.folder) / "pipeline.toml"
    ).exists()
    assert all(any(behaviour_dir(found.folder).glob(f.pattern)) for f in found.label_files), "every label file exists"
    assert (
        found.evaluate is not None
        and "id" in found.input_model.model_fields
        and "id" in found.output_model.model_fields
    )


def test_the_readmes_behaviour_table_is_the_one_the_cards_give():
    """Run `canvas-tui cards` (or `make readme`) after `train` or `eval` refreshed a card."""
    assert update(PROJECT_ROOT / "README.md", check=True)


def test_a_readme_figure_is_read_from_the_card_and_a_stale_table_is_refused(tmp_path):
    card = "# x\n\n## Eval (latest)\n\n| implementation | accuracy |\n|---|---|\n| splits/real_test/trained | 0.84 |\n"
    assert figure(card_figures(card), "splits.real_test.trained.accuracy") == "0.84"
    assert figure(card_figures(card), "splits.real_test.keyword.accuracy") == "n/a"
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{START}\n| old | table |\n{END}\nrest\n", encoding="utf-8")
    with pytest.raises(StaleTable):
        update(readme, check=True)
    assert not update(readme) and update(readme, check=True)
    assert readme.read_text(encoding="utf-8").startswith(f"intro\n{START}\n| behaviour |")

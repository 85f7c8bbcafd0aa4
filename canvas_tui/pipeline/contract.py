"""The one contract every behaviour implements: what `predict`, `eval`, `train`, `lint` and `synth` need of it.

A behaviour is declared once, as a `Behaviour` named `BEHAVIOUR` in its package's `pipeline` module
(`canvas_tui/behaviours/<name>/pipeline.py`), beside its data folder `behaviours/<folder>/`. The pipeline
only ever reaches a behaviour through this declaration (see `registry`), so it never names one.

Loaded models are passed in: `load(data folder)` reads the behaviour's artifacts once and returns them,
and `predict(loaded, inputs)` uses what it is given, so two artifacts of one behaviour can be compared in
one process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel

from canvas_tui.paths import behaviour_dir
from canvas_tui.pipeline.batch import BatchPredictor
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult

Check = Callable[[Any, dict[str, Any], str | None], str | None]
"""(behaviour config, row, its document or None) -> a problem, or None: one deterministic check of a row."""
Split = Callable[[list[dict[str, Any]]], list[bool]]
"""Label rows -> for each, whether the behaviour's eval holds it out."""
CrossCheck = Callable[[Any, Any], list[Any]]
"""(behaviour config, its dataset) -> lint findings that need another behaviour's data."""
SpanOf = Callable[[dict[str, Any], str], tuple[int, int]]
"""(row, its document) -> the [start, end) span the row's quoted text gives, computed by code."""


def _has_words(text: str) -> str:
    """The text, if it holds anything but whitespace (raises ValueError otherwise)."""
    if not text.strip():
        raise ValueError("empty or only whitespace: there is nothing to decide")
    return text


RequestText = Annotated[str, AfterValidator(_has_words)]
"""A person's message in a `predict` input line (`prompt`, `request`): an empty or whitespace-only one is a
malformed line, reported as an error like a missing key, never decided as if it were a message."""


class LabelFile(BaseModel):
    """A file (or glob) of label rows in the behaviour's data folder, and which split its rows belong to."""

    pattern: str
    split: Literal["train+held-out", "dev", "eval", "column"]
    """`train+held-out` (the behaviour's split rule in pipeline.toml holds some rows out), `dev` (rules are tuned on
    every row), `eval` (every row held out: blind and real-traffic test sets), or `column` (each row's `split`
    column says)."""


@dataclass(frozen=True)
class JudgedText:
    """For a behaviour that writes text: the held-out inputs a judge compares two artifacts on, and how one output
    line reads as text (`iterate`'s win rate)."""

    inputs: Callable[[Any], list[dict[str, Any]]]
    """(behaviour config) -> `predict` input lines, one per held-out case."""
    text: Callable[[dict[str, Any]], str]
    """One `predict` output line -> the text a person reads."""
    prompt: Callable[[dict[str, Any]], str]
    """One input line -> what the judge is shown as the request the two texts answer."""


@dataclass(frozen=True)
class Behaviour:
    """One behaviour, declared: its name, wire models, data, implementations and pipeline steps."""

    name: str
    summary: str
    folder: str
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    load: Callable[[Path], Any]
    predict: Callable[[Any, list[Any]], list[BaseModel]]
    label_files: Sequence[LabelFile]
    implementations: Sequence[str]
    default: str
    train: Callable[[TrainRequest], TrainResult] | None = None
    evaluate: Callable[[EvalRequest], EvalResult] | None = None
    checks: Mapping[str, Check] = field(default_factory=dict)
    splits: Mapping[str, Split] = field(default_factory=dict)
    cross_checks: Mapping[str, CrossCheck] = field(default_factory=dict)
    span_of: SpanOf | None = None
    judged: JudgedText | None = None
    method: str = ""
    """The default implementation in a few words (the README's behaviour table shows it)."""
    headline: Mapping[str, str] = field(default_factory=dict)
    """What the README's table shows of the CARD: a label -> a dotted path into the eval figures."""
    baseline: Mapping[str, str] = field(default_factory=dict)
    """The baseline's figures in the same run, the same way."""
    chunk_size: int = 64

    def __post_init__(self) -> None:
        if self.default not in self.implementations:
            raise ValueError(
                f"{self.name}: default implementation {self.default!r} is not one of {', '.join(self.implementations)}"
            )

    def data_dir(self) -> Path:
        """The behaviour's data folder, resolved now (CANVAS_TUI_BEHAVIOURS_DIR may redirect it)."""
        return behaviour_dir(self.folder)

    def predict_items(self, loaded: Any, items: list[Any]) -> list[dict[str, Any]]:
        """`predict` over validated inputs with the given loaded models, as output lines."""
        return [output.model_dump() for output in self.predict(loaded, items)]

    def predict_lines(self, loaded: Any, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`predict` over input lines (as parsed JSON) with the given loaded models, as output lines."""
        return self.predict_items(loaded, [self.input_model.model_validate(line) for line in lines])

    def predictor(self, loaded: Any = None) -> BatchPredictor:
        """The batch predictor over `loaded` models (loaded from the data folder once, on first use, when not given:
        a missing artifact then answers every line with an error instead of failing the command)."""
        state = {"loaded": loaded, "ready": loaded is not None}

        def predict_many(items: list[Any]) -> list[dict[str, Any]]:
            if not state["ready"]:
                state["loaded"], state["ready"] = self.load(self.data_dir()), True
            return self.predict_items(state["loaded"], items)

        return BatchPredictor(input_model=self.input_model, predict_many=predict_many, chunk_size=self.chunk_size)

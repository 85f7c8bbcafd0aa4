"""The JSON record of a trained linear classifier: what a scorer needs, plus how it was trained.

Text blocks carry their analyzer settings and, for every term, its IDF and one coefficient per output;
the dense block carries the names of the behaviour features it reads, their standardisation and weights.
Names (of views and dense features) are recorded so that a model loaded beside the wrong features fails
loudly instead of scoring garbage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

FORMAT = "canvas-tui/linear-1"


class TextBlock(BaseModel):
    """One TF-IDF block: a view of the input cut into terms, as scikit-learn's TfidfVectorizer does it.

    `view` names the behaviour function that turns an input into this block's text; like a scikit-learn
    `preprocessor` it replaces the default lower-casing (`lowercase` applies only when `view` is None).
    """

    name: str
    view: str | None = None
    analyzer: Literal["word", "char_wb"]
    lowercase: bool = True
    token_pattern: str = r"(?u)\b\w\w+\b"
    ngram_range: tuple[int, int] = (1, 1)
    sublinear_tf: bool = False
    norm: Literal["l2"] | None = "l2"
    terms: list[str]
    idf: list[float]
    coef: list[list[float]] = Field(description="one row per output, one column per term")

    @model_validator(mode="after")
    def _aligned(self) -> TextBlock:
        if len(self.idf) != len(self.terms) or any(len(row) != len(self.terms) for row in self.coef):
            raise ValueError(f"text block {self.name!r}: terms, idf and coefficients differ in length")
        return self


class DenseBlock(BaseModel):
    """Behaviour features, standardised ((x - mean) / scale) and weighted: one weight row per output."""

    names: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[list[float]]

    @model_validator(mode="after")
    def _aligned(self) -> DenseBlock:
        width = len(self.names)
        if len(self.mean) != width or len(self.scale) != width or any(len(row) != width for row in self.weights):
            raise ValueError("dense block: names, mean, scale and weights differ in length")
        return self


class Training(BaseModel):
    """How the artifact was made: the training data's hash, the seed, the row count and the figures."""

    data_hash: str = ""
    seed: int = 0
    rows: int = 0
    figures: dict[str, Any] = Field(default_factory=dict)
    details: dict[str, Any] = Field(default_factory=dict, description="behaviour-specific: label counts, CV scores")
    sklearn: str = ""


Link = Literal["sigmoid", "softmax", "ovr_sigmoid"]
"""sigmoid: one output, P(classes[1]); softmax: one output per class; ovr_sigmoid: an independent yes/no per class."""


class LinearArtifact(BaseModel):
    """A trained linear classifier: margins = intercepts + text blocks + dense block, then the link."""

    format: Literal["canvas-tui/linear-1"] = FORMAT
    task: str
    version: str
    classes: list[str]
    link: Link
    intercepts: list[float]
    text: list[TextBlock] = Field(default_factory=list)
    dense: DenseBlock | None = None
    threshold: float | None = None
    training: Training = Field(default_factory=Training)

    @model_validator(mode="after")
    def _outputs(self) -> LinearArtifact:
        outputs = 1 if self.link == "sigmoid" else len(self.classes)
        if self.link == "sigmoid" and len(self.classes) != 2:
            raise ValueError("a sigmoid link needs exactly two classes")
        rows = [len(self.intercepts), *(len(b.coef) for b in self.text)]
        if self.dense is not None:
            rows.append(len(self.dense.weights))
        if any(count != outputs for count in rows):
            raise ValueError(f"{self.task}: expected {outputs} output row(s) everywhere, found {rows}")
        return self

    def save(self, path: Path) -> Path:
        """Write the artifact as compact JSON (one line: the files are large and diffed by tools, not eyes)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.model_dump_json() + "\n", encoding="utf-8")
        return path


def read_artifact(path: Path) -> LinearArtifact:
    """The artifact at `path`; FileNotFoundError names the file when it is missing."""
    if not path.is_file():
        raise FileNotFoundError(f"no trained model at {path}")
    return LinearArtifact.model_validate_json(path.read_text(encoding="utf-8"))

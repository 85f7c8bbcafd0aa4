"""Per-behaviour data descriptions (`behaviours/<folder>/pipeline.toml`): what the shared pipeline needs.

One file per data folder holds the behaviour's table. Everything that differs between behaviours in synth, lint, train cards and iterate is
data here: label columns and allowed values, the text used for dedupe, the teacher prompt and its
version, the deterministic checks, the eval metric and its direction, the artifact files.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from canvas_tui.paths import behaviour_dir, behaviours_dir

CONFIG_NAME = "pipeline.toml"


class TeacherSettings(BaseModel):
    """How the teacher is asked: prompt file and version, examples per request, few-shot size."""

    prompt_file: str = "teacher.md"
    prompt_version: str = "1"
    per_request: int = Field(5, ge=1, le=20)
    few_shot: int = Field(8, ge=0)
    temperature: float = 0.8
    max_tokens: int = 1024
    attempts: int = Field(3, ge=1, description="at most attempts * ceil(n / per_request) requests per run")
    spec_chars: int = Field(3000, description="the spec is cut to this many characters in the prompt")
    spec_file: str = Field("spec.md", description="the spec, relative to the behaviour's data folder")
    spec_section: str | None = Field(None, description="only the spec's `## ` section whose heading starts so")
    choices: dict[str, list[str]] = Field(default_factory=dict, description="narrower choices offered to the teacher")
    fixed: dict[str, str] = Field(default_factory=dict, description="columns every teacher row gets as is")


class DocumentSettings(BaseModel):
    """Where edit and comment examples find their documents (folders relative to behaviours/)."""

    folders: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=lambda: ["SOURCES.md"])
    max_chars: int = 3500


class DedupeSettings(BaseModel):
    """Near-duplicate: token_set_ratio >= threshold and lengths within `length_ratio` of each other."""

    threshold: float = 92.0
    length_ratio: float = 0.75
    columns: list[str] = Field(default_factory=list, description="columns synth compares (default: text_columns)")


class EvalSettings(BaseModel):
    """Which eval figure decides whether a new artifact is kept, and which way is better."""

    metric: str | None = Field(None, description="dotted path into the eval figures, e.g. trained.accuracy")
    direction: Literal["higher", "lower"] = "higher"
    implementations: list[str] | None = Field(None, description="what cards and iterate evaluate (None: all)")
    winrate_cases: int = Field(0, description="held-out inputs judged candidate vs current (text behaviours; 0: none)")
    guards: list[str] = Field(
        default_factory=list,
        description="more dotted figures a candidate must not make worse, e.g. the real-traffic split's",
    )
    min_class_share: float = 0.1


class BehaviourConfig(BaseModel):
    """The data description of one behaviour."""

    name: str
    folder: str
    kind: Literal["classify", "edit", "comment"] = "classify"
    labels: list[str] = Field(default_factory=lambda: ["labels.csv"])
    label_column: str = "label"
    columns: dict[str, str] = Field(description="what the teacher writes for each example: column -> description")
    choices: dict[str, list[str]] = Field(default_factory=dict, description="allowed values of some columns")
    text_columns: list[str]
    conflict_key: list[str] = Field(default_factory=list, description="columns whose equal values need equal labels")
    split: str = "none"
    checks: list[str] = Field(default_factory=list)
    cross_checks: list[str] = Field(default_factory=list)
    artifacts: list[str] = Field(default_factory=list)
    card: str = "CARD.md"
    teacher: TeacherSettings = TeacherSettings()
    documents: DocumentSettings = DocumentSettings()
    dedupe: DedupeSettings = DedupeSettings()
    eval: EvalSettings = EvalSettings()

    @property
    def data_dir(self) -> Path:
        """The behaviour's data folder, resolved now (it can be redirected by CANVAS_TUI_BEHAVIOURS_DIR)."""
        return behaviour_dir(self.folder)

    @property
    def synthetic_dir(self) -> Path:
        """Where accepted teacher rows land, one JSONL file per run."""
        return self.data_dir / "synthetic"

    @property
    def allowed_labels(self) -> list[str]:
        """The label column's allowed values."""
        return self.choices.get(self.label_column, [])

    def text_of(self, row: dict) -> str:
        """The text a row is compared by in lint (conflicts, split overlap): its text columns joined."""
        return " | ".join(str(row.get(column) or "") for column in self.text_columns)

    def dedupe_text(self, row: dict) -> str:
        """The text synth compares a new row by (the dedupe columns, else the text columns)."""
        return " | ".join(str(row.get(column) or "") for column in self.dedupe.columns or self.text_columns)


class UnknownConfig(LookupError):
    """No pipeline.toml describes the asked behaviour."""


def _tables() -> dict[str, tuple[Path, dict]]:
    found: dict[str, tuple[Path, dict]] = {}
    for path in sorted(behaviours_dir().glob(f"*/{CONFIG_NAME}")):
        for name, table in tomllib.loads(path.read_text(encoding="utf-8")).items():
            found[name] = (path, table)
    return found


def load_config(name: str) -> BehaviourConfig:
    """The description of behaviour `name` from whichever behaviours/*/pipeline.toml has its table."""
    tables = _tables()
    if name not in tables:
        raise UnknownConfig(f"no {CONFIG_NAME} describes {name!r}; described: {', '.join(sorted(tables)) or 'none'}")
    path, table = tables[name]
    return BehaviourConfig.model_validate({"name": name, "folder": path.parent.name, **table})


def described() -> list[str]:
    """The names of every behaviour with a data description."""
    return sorted(_tables())

"""What the teacher is asked for one synth request: the batch schema and the prompt.

The schema is generated from the behaviour's described columns (a column with choices becomes a
Literal), so structured output can only name allowed labels. The prompt is the behaviour's
teacher.md with `{{placeholders}}` filled in one pass (a document or example that contains
`{{...}}` stays text): the spec, a seeded few-shot sample of training rows, the label to focus on,
and, for edits and comments, the document.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.dataset import Row

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
EXAMPLE_CHARS = 240


def batch_model(config: BehaviourConfig) -> type[BaseModel]:
    """The pydantic model of one teacher reply: `examples`, a list of rows with the described columns."""
    fields: dict[str, Any] = {}
    for column, description in config.columns.items():
        choices = config.teacher.choices.get(column) or config.choices.get(column)
        annotation = Literal[tuple(choices)] if choices else str
        fields[column] = (annotation, Field(description=description))
    title = config.name.title().replace("_", "")
    example = create_model(f"{title}Example", **fields)
    return create_model(
        f"{title}Examples", examples=(list[example], Field(min_length=1, max_length=config.teacher.per_request))
    )


def prompt_template(config: BehaviourConfig) -> str:
    """The behaviour's teacher prompt file."""
    return (config.data_dir / config.teacher.prompt_file).read_text(encoding="utf-8")


def prompt_sha(config: BehaviourConfig) -> str:
    """A short hash of the teacher prompt file, kept in every row's provenance beside the prompt version."""
    return hashlib.sha256(prompt_template(config).encode("utf-8")).hexdigest()[:10]


def render(template: str, values: dict[str, str]) -> str:
    """`template` with each `{{name}}` replaced by `values[name]`, in a single pass."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def request_rng(seed: int, index: int) -> random.Random:
    """The random source of request `index`: the same on a resumed run, different between requests."""
    return random.Random(f"{seed}:{index}")


def focus_label(config: BehaviourConfig, index: int) -> str:
    """The label request `index` should mostly produce (labels in turn, so a run stays balanced)."""
    labels = config.teacher.choices.get(config.label_column) or config.allowed_labels
    return labels[index % len(labels)] if labels else ""


def few_shot(config: BehaviourConfig, rows: list[Row], rng: random.Random) -> list[dict[str, str]]:
    """A sample of hand-written training rows, spread over the labels, shown as compact records."""
    by_label: dict[str, list[Row]] = {}
    for row in rows:
        by_label.setdefault(str(row.fields.get(config.label_column)), []).append(row)
    per_label = -(-config.teacher.few_shot // max(1, len(by_label)))
    picked = [
        row for label in sorted(by_label) for row in rng.sample(by_label[label], min(per_label, len(by_label[label])))
    ]
    rng.shuffle(picked)
    shown = [*config.columns, *config.text_columns]
    return [
        {key: str(row.fields[key])[:EXAMPLE_CHARS] for key in dict.fromkeys(shown) if row.fields.get(key)}
        for row in picked[: config.teacher.few_shot]
    ]


def spec_excerpt(config: BehaviourConfig) -> str:
    """The part of spec.md the teacher reads: one `## ` section if configured, cut to `spec_chars` ("" without a spec)."""
    path = config.data_dir / config.teacher.spec_file
    spec = path.read_text(encoding="utf-8") if path.exists() else ""
    heading = config.teacher.spec_section
    if heading:
        sections = re.split(r"(?m)^(?=## )", spec)
        spec = next((part for part in sections if part.startswith(heading)), spec)
    return spec[: config.teacher.spec_chars]


def build_prompt(
    config: BehaviourConfig, examples: list[dict[str, str]], count: int, focus: str, document: str | None
) -> str:
    """The filled-in teacher prompt of one request."""
    spec = spec_excerpt(config)
    columns = "\n".join(f"- {name}: {text}" for name, text in config.columns.items())
    return render(
        prompt_template(config),
        {
            "spec": spec,
            "columns": columns,
            "count": str(count),
            "focus": focus,
            "examples": "\n".join(json.dumps(example, ensure_ascii=False) for example in examples),
            "document": document or "",
        },
    )


def pick_document(candidates: list[Path], rng: random.Random) -> Path | None:
    """The document one edit or comment request is about."""
    return rng.choice(candidates) if candidates else None

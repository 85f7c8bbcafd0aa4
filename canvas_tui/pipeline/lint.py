"""`canvas-tui lint BEHAVIOUR`: problems in a behaviour's data before anything trains on it.

Errors (training refuses them unless --allow-lint-errors):
- a row breaking the spec's deterministic checks (label not allowed, an explicit request labelled
  against the rules, a span its quote does not give back...);
- rows with the same key (e.g. the same request on the same unit) teaching different labels;
- a held-out eval row that also appears in training, or a teacher row near-duplicating one;
- contradictions across behaviours, by the checks a behaviour declares (`Behaviour.cross_checks`).
Warnings: near-duplicates with different labels (often a real boundary: "shorten this sentence" vs
"shorten this section"), hand-written training rows close to an eval row, class imbalance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from canvas_tui.pipeline.checks import problems
from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.dataset import Dataset, Row, load_dataset
from canvas_tui.pipeline.dedupe import near_duplicate_pairs, normal
from canvas_tui.pipeline.documents import DocumentStore, read_text
from canvas_tui.pipeline.registry import find


class Finding(BaseModel):
    """One problem: how bad, which rule found it, what it is, and where (file:line of each row)."""

    level: Literal["error", "warning"]
    rule: str
    message: str
    where: list[str]


class LintReport(BaseModel):
    """Everything lint found in one behaviour's data, with the row counts it looked at."""

    behaviour: str
    rows: int
    sources: dict[str, int]
    classes: dict[str, int]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        """The findings that block training."""
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """The findings a person should look at."""
        return [f for f in self.findings if f.level == "warning"]


def _label(config: BehaviourConfig, row: Row) -> str:
    return str(row.fields.get(config.label_column) or "")


def _document(row: Row, store: DocumentStore) -> str | None:
    """The text a row was written about: by name in the behaviour's folders, else the teacher's recorded path
    (a document given with `synth --documents`)."""
    if not row.fields.get("doc"):
        return None
    recorded = Path(str((row.fields.get("provenance") or {}).get("document") or ""))
    found = store.text(str(row.fields["doc"]))
    return found if found is not None or not recorded.is_file() else read_text(recorded)


def check_rows(config: BehaviourConfig, dataset: Dataset) -> list[Finding]:
    """Rows breaking the behaviour's deterministic checks."""
    store = DocumentStore(config.documents)
    findings = []
    for row in dataset.rows:
        document = _document(row, store)
        for problem in problems(config, row.fields, document):
            findings.append(Finding(level="error", rule="check", message=problem, where=[row.origin]))
    return findings


def key_conflicts(config: BehaviourConfig, dataset: Dataset) -> list[Finding]:
    """Rows with equal `conflict_key` columns (normalised) and different labels."""
    if not config.conflict_key:
        return []
    groups: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for row in dataset.rows:
        groups[tuple(normal(str(row.fields.get(c) or "")) for c in config.conflict_key)].append(row)
    return [
        Finding(
            level="error",
            rule="conflict",
            message=f"same {' + '.join(config.conflict_key)} labelled "
            f"{' and '.join(sorted({_label(config, r) for r in rows}))}: {' | '.join(key)[:80]!r}",
            where=[r.origin for r in rows],
        )
        for key, rows in groups.items()
        if len({_label(config, r) for r in rows}) > 1
    ]


def near_duplicates(config: BehaviourConfig, dataset: Dataset) -> list[Finding]:
    """Near-duplicate pairs that disagree on the label, or that cross the train/eval split."""
    rows = dataset.rows
    findings = []
    for i, j in near_duplicate_pairs([config.text_of(row.fields) for row in rows], config.dedupe):
        a, b = rows[i], rows[j]
        if a.held_out != b.held_out:
            findings.append(_overlap(config, a, b))
        elif _label(config, a) != _label(config, b):
            findings.append(
                Finding(
                    level="warning",
                    rule="near-duplicate",
                    message=f"near-duplicates labelled {_label(config, a)} and {_label(config, b)}: "
                    f"{config.text_of(a.fields)[:60]!r}",
                    where=[a.origin, b.origin],
                )
            )
    return findings


def _overlap(config: BehaviourConfig, a: Row, b: Row) -> Finding:
    """A training row close to a held-out row: an error if identical or from the teacher, else a warning."""
    trained = b if a.held_out else a
    identical = normal(config.text_of(a.fields)) == normal(config.text_of(b.fields))
    level = "error" if identical or trained.source == "teacher" else "warning"
    return Finding(
        level=level,
        rule="split-overlap",
        message=f"{'same' if identical else 'near-duplicate'} text in training ({trained.source}) and in "
        f"the held-out eval: {config.text_of(trained.fields)[:60]!r}",
        where=[a.origin, b.origin],
    )


def balance(config: BehaviourConfig, dataset: Dataset) -> list[Finding]:
    """Classes missing from, or rare in, the training rows."""
    counts = Counter(_label(config, row) for row in dataset.training())
    total = sum(counts.values()) or 1
    findings = [
        Finding(level="warning", rule="balance", message=f"no training row labelled {label!r}", where=[])
        for label in config.allowed_labels
        if not counts[label]
    ]
    findings += [
        Finding(
            level="warning",
            rule="balance",
            where=[],
            message=f"class {label!r} is {n / total:.0%} of training (under {config.eval.min_class_share:.0%})",
        )
        for label, n in counts.items()
        if 0 < n / total < config.eval.min_class_share
    ]
    return findings


def cross_checks(config: BehaviourConfig) -> dict:
    """The cross-behaviour checks behaviour `config.name` declares (`Behaviour.cross_checks`), by name."""
    declared = find(config.name)
    return dict(declared.cross_checks) if declared else {}


def lint(config: BehaviourConfig) -> LintReport:
    """Every finding for one behaviour's labels and accepted teacher rows."""
    dataset = load_dataset(config)
    findings = (
        check_rows(config, dataset)
        + key_conflicts(config, dataset)
        + near_duplicates(config, dataset)
        + balance(config, dataset)
    )
    table = cross_checks(config)
    unknown = [name for name in config.cross_checks if name not in table]
    if unknown:
        raise LookupError(
            f"{config.name}: unknown cross-check(s) {', '.join(unknown)}; declared: {', '.join(sorted(table))}"
        )
    for name in config.cross_checks:
        findings += table[name](config, dataset)
    classes = Counter(_label(config, row) for row in dataset.rows)
    return LintReport(
        behaviour=config.name,
        rows=len(dataset.rows),
        sources=dataset.counts(),
        classes=dict(sorted(classes.items())),
        findings=findings,
    )


def render(report: LintReport, *, limit: int = 30) -> str:
    """The report as plain lines: a summary, then errors and warnings (the first `limit` of each)."""
    lines = [
        f"{report.behaviour}: {report.rows} rows {report.sources}; labels {report.classes}; "
        f"{len(report.errors)} errors, {len(report.warnings)} warnings"
    ]
    for level, found in (("error", report.errors), ("warning", report.warnings)):
        lines += [f"{level} [{f.rule}] {f.message} ({', '.join(f.where)})" for f in found[:limit]]
        if len(found) > limit:
            lines.append(f"... and {len(found) - limit} more {level}s")
    return "\n".join(lines)

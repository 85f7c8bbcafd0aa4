"""The drift report: how launch traffic differs from a behaviour's labels.

For one behaviour it compares the labels' texts with the inputs that launch traffic (or real use) sent to it:
surface traits (length, pasted material, code, question form, persona preamble, another language), the
decisions' classes and confidences, and the share of inputs far from every label in embedding space ("far":
less similar to its nearest label than 95% of labels are to their nearest other label). Output: one table
and one plot. Traffic counts each turn's input once (a move's extra locate decisions are not inputs), and the
distance in meaning is measured against a seeded sample of the labels (all of them cost minutes to encode).
"""

from __future__ import annotations

import csv
import random
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from canvas_tui.behaviours.trigger.message import meaning_text
from canvas_tui.data.stats import REQUEST_COLUMNS, TRAINING_LABELS, class_of
from canvas_tui.data.traits import Traits, traits
from canvas_tui.log.records import DecisionRecord
from canvas_tui.paths import behaviours_dir

SHARE_TRAITS = ("pasted", "code", "question", "persona", "non_english", "no_request")
CONFIDENCE_BINS = (0.0, 0.6, 0.7, 0.8, 0.9, 1.01)
FAR_QUANTILE = 0.05
LABEL_SAMPLE = 2000
"""The distance in meaning compares traffic with at most this many label rows (seed 0), by default."""


class TraitRow(BaseModel):
    """One line of the table: a figure on the labels, on the traffic, and how far apart they are."""

    name: str
    labels: float
    traffic: float


class DriftReport(BaseModel):
    """A behaviour's labels against its traffic."""

    behaviour: str
    label_rows: int
    traffic_rows: int
    traits: list[TraitRow]
    classes: dict[str, tuple[float, float]]
    confidence: dict[str, float]
    far_share: float | None = None
    far_threshold: float | None = None
    far_label_rows: int | None = None
    """How many label rows the distance in meaning was measured against (a seeded sample when fewer than all)."""
    far_examples: list[str] = []


class Inputs(BaseModel):
    """The texts of one side, with the decisions' classes and confidences when they were decided."""

    texts: list[str]
    classes: list[str] = []
    confidences: list[float] = []


def label_inputs(behaviour: str) -> Inputs:
    """The texts and gold classes of a behaviour's training labels."""
    relative, column = TRAINING_LABELS[behaviour]
    path = behaviours_dir() / relative
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = [next((row[c] for c in REQUEST_COLUMNS if row.get(c)), "") for row in rows]
    return Inputs(texts=texts, classes=[row.get(column) or "none" for row in rows])


def turn_inputs(records: Iterable[DecisionRecord]) -> list[DecisionRecord]:
    """Each turn's first decision (the one on the person's request), in order: the others a turn logs for the same
    behaviour (the passage and the destination of a move, a place the request names) are not inputs of their own."""
    firsts: dict[str, DecisionRecord] = {}
    for record in records:
        firsts.setdefault(record.turn_id or record.id, record)
    return list(firsts.values())


def traffic_inputs(records: Iterable[DecisionRecord]) -> Inputs:
    """The texts, classes and confidences of logged decisions of one behaviour."""
    texts, classes, confidences = [], [], []
    for record in records:
        texts.append(record.input.get("message") or record.input.get("request") or "")
        classes.append(class_of(record))
        confidences.append(record.confidence if record.confidence is not None else 1.0)
    return Inputs(texts=texts, classes=classes, confidences=confidences)


def drift_report(
    behaviour: str,
    labels: Inputs,
    traffic: Inputs,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    label_sample: int | None = LABEL_SAMPLE,
) -> DriftReport:
    """Compare the two sides; `embed` (unit vectors per text) adds the far-from-every-label share, against at most
    `label_sample` label rows (a seeded sample; None: all)."""
    label_traits, traffic_traits = [traits(t) for t in labels.texts], [traits(t) for t in traffic.texts]
    report = DriftReport(
        behaviour=behaviour,
        label_rows=len(labels.texts),
        traffic_rows=len(traffic.texts),
        traits=_trait_rows(label_traits, traffic_traits),
        classes=_class_shares(labels, traffic),
        confidence=_confidence_shares(traffic.confidences),
    )
    if embed is not None and labels.texts and traffic.texts:
        _add_far(report, _sampled(labels.texts, label_sample), traffic.texts, embed)
    return report


def _trait_rows(labels: list[Traits], traffic: list[Traits]) -> list[TraitRow]:
    def share(rows: list[Traits], name: str) -> float:
        return sum(getattr(row, name) for row in rows) / len(rows) if rows else 0.0

    def median_chars(rows: list[Traits]) -> float:
        return float(statistics.median(row.chars for row in rows)) if rows else 0.0

    def p90_chars(rows: list[Traits]) -> float:
        return float(np.percentile([row.chars for row in rows], 90)) if rows else 0.0

    rows = [
        TraitRow(name="median characters", labels=median_chars(labels), traffic=median_chars(traffic)),
        TraitRow(name="90th percentile characters", labels=p90_chars(labels), traffic=p90_chars(traffic)),
    ]
    return rows + [
        TraitRow(name=f"share {name.replace('_', ' ')}", labels=share(labels, name), traffic=share(traffic, name))
        for name in SHARE_TRAITS
    ]


def _class_shares(labels: Inputs, traffic: Inputs) -> dict[str, tuple[float, float]]:
    label_counts, traffic_counts = Counter(labels.classes), Counter(traffic.classes)
    names = sorted(set(label_counts) | set(traffic_counts))
    return {
        name: (label_counts[name] / max(len(labels.classes), 1), traffic_counts[name] / max(len(traffic.classes), 1))
        for name in names
    }


def _confidence_shares(confidences: list[float]) -> dict[str, float]:
    counts, _ = np.histogram(confidences, bins=CONFIDENCE_BINS)
    total = max(len(confidences), 1)
    return {
        f"{low:.1f}-{min(high, 1.0):.1f}": count / total
        for low, high, count in zip(CONFIDENCE_BINS, CONFIDENCE_BINS[1:], counts)
    }


def _sampled(texts: list[str], size: int | None, seed: int = 0) -> list[str]:
    """At most `size` of the texts, the same ones every run (a seeded sample, in their order)."""
    if size is None or len(texts) <= size:
        return texts
    return [texts[i] for i in sorted(random.Random(seed).sample(range(len(texts)), size))]


def _add_far(
    report: DriftReport, label_texts: list[str], traffic_texts: list[str], embed: Callable[[list[str]], np.ndarray]
) -> None:
    """The share of traffic inputs farther from every label than 95% of labels are from their nearest other label."""
    label_vectors = embed([meaning_text(text) for text in label_texts])
    traffic_vectors = embed([meaning_text(text) for text in traffic_texts])
    among_labels = label_vectors @ label_vectors.T
    np.fill_diagonal(among_labels, -1.0)
    threshold = float(np.quantile(among_labels.max(axis=1), FAR_QUANTILE))
    nearest = (traffic_vectors @ label_vectors.T).max(axis=1)
    far = nearest < threshold
    report.far_threshold, report.far_share = round(threshold, 3), float(far.mean())
    report.far_label_rows = len(label_texts)
    report.far_examples = [traffic_texts[i][:120] for i in np.argsort(nearest)[:5]]


def markdown(report: DriftReport) -> str:
    """The report as a markdown table a person can read in a terminal or a pull request."""
    lines = [
        f"## Drift: {report.behaviour} ({report.label_rows} label rows, {report.traffic_rows} traffic inputs)",
        "",
        "| figure | labels | traffic |",
        "|---|---|---|",
    ]
    for row in report.traits:
        fmt = "{:.0f}" if "characters" in row.name else "{:.1%}"
        lines.append(f"| {row.name} | {fmt.format(row.labels)} | {fmt.format(row.traffic)} |")
    for name, (label_share, traffic_share) in report.classes.items():
        lines.append(f"| class {name} | {label_share:.1%} | {traffic_share:.1%} |")
    for name, share in report.confidence.items():
        lines.append(f"| traffic confidence {name} | | {share:.1%} |")
    if report.far_share is not None:
        against = "" if report.far_label_rows == report.label_rows else f"; {report.far_label_rows:,} labels, seeded"
        lines.append(
            f"| far from every label (cosine < {report.far_threshold}{against}) | 5.0% | {report.far_share:.1%} |"
        )
    return "\n".join(lines) + "\n"


HEADLINES = (
    ("median characters", "median characters", "{:.0f}"),
    ("pasted material", "share pasted", "{:.1%}"),
    ("question form", "share question", "{:.1%}"),
    ("another language", "share non english", "{:.1%}"),
)
"""The traits of the side-by-side table: (its row, the report's trait, the number's format)."""


def side_by_side(reports: list[DriftReport]) -> str:
    """The headline figures of every behaviour in one markdown table (the README's drift table)."""

    def trait(report: DriftReport, name: str) -> TraitRow:
        return next(row for row in report.traits if row.name == name)

    lines = [
        "| figure | " + " | ".join(f"{report.behaviour}: labels / traffic" for report in reports) + " |",
        "|---|" + "---|" * len(reports),
        "| inputs | " + " | ".join(f"{r.label_rows:,} / {r.traffic_rows:,}" for r in reports) + " |",
    ]
    for title, name, fmt in HEADLINES:
        cells = [f"{fmt.format(trait(r, name).labels)} / {fmt.format(trait(r, name).traffic)}" for r in reports]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    far = [f"{r.far_share:.1%}" if r.far_share is not None else "not measured" for r in reports]
    lines.append("| far in meaning from every label (5% of labels are) | " + " | ".join(far) + " |")
    unsure = [f"{r.confidence.get('0.0-0.6', 0.0):.1%}" for r in reports]
    lines.append("| decided with confidence under 0.6 | " + " | ".join(unsure) + " |")
    return "\n".join(lines) + "\n"


def plot(reports: list[DriftReport], path: Path) -> Path:
    """One row of bar charts per behaviour: trait shares and class shares, labels beside traffic."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(len(reports), 2, figsize=(12, 3 * len(reports)), squeeze=False)
    for (left, right), report in zip(axes, reports):
        shares = [row for row in report.traits if row.name.startswith("share")]
        _bars(
            left,
            [row.name.removeprefix("share ") for row in shares],
            [row.labels for row in shares],
            [row.traffic for row in shares],
            f"{report.behaviour}: traits",
        )
        names = list(report.classes)
        _bars(
            right,
            names,
            [report.classes[n][0] for n in names],
            [report.classes[n][1] for n in names],
            f"{report.behaviour}: classes (labels gold, traffic decided)",
        )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _bars(axis, names: list[str], labels: list[float], traffic: list[float], title: str) -> None:
    positions = np.arange(len(names))
    axis.bar(positions - 0.2, labels, width=0.4, label="labels")
    axis.bar(positions + 0.2, traffic, width=0.4, label="traffic")
    axis.set_xticks(positions, names, fontsize=7, rotation=20)
    axis.set_ylabel("share")
    axis.set_title(title, fontsize=9)
    axis.legend(fontsize=7)

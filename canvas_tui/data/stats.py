"""Real use against the training labels: how often each behaviour decides what, how often the person
corrects it, what people ask for most, and the classes real use has that labels.csv lacks.

One streaming pass over the decisions; corrections are attributed through their decision.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel

from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import DecisionRecord, standing
from canvas_tui.paths import behaviours_dir

TRAINING_LABELS = {
    "trigger": ("trigger/labels.csv", "label"),
    "router": ("router/labels.csv", "label"),
    "locate": ("locate/labels.csv", "unit"),
    "policy": ("policy/labels.csv", "label"),
}
"""Where each behaviour's training labels are, and which column holds the class."""
REQUEST_COLUMNS = ("prompt", "request")
TOP_KINDS = 10


class BehaviourStats(BaseModel):
    """One behaviour: its decisions in real use, their corrections, and its training labels."""

    behaviour: str
    decisions: int
    share: float
    fallback_rate: float
    classes: dict[str, int]
    corrections: dict[str, int]
    correction_rate: float
    training_classes: dict[str, int]
    missing_in_training: list[str]


class RealUseStats(BaseModel):
    """The whole log summarised against the labels."""

    decisions: int
    corrections: int
    behaviours: list[BehaviourStats]
    request_kinds: list[tuple[str, int]]
    request_kinds_missing_in_training: list[str]


def class_of(record: DecisionRecord) -> str:
    """The class a decision falls in: its label, the unit it located, or whether it anchored."""
    output = record.output
    if record.behaviour == "locate":
        return output.get("unit") or "none"
    if record.behaviour == "anchor":
        return "anchored" if output.get("span") else "none"
    if record.behaviour == "comment":
        return f"{len(output.get('comments', []))} comments"
    return str(output.get("label"))


def request_kind(text: str) -> str:
    """What kind of request a message is, by its first word ('write', 'fix', 'what', ...)."""
    words = re.findall(r"[a-z']+", text.lower())
    return words[0] if words else "(none)"


def _training(behaviour: str) -> tuple[Counter, Counter]:
    """Class counts and request kinds of a behaviour's labels.csv (empty if it has none)."""
    classes, kinds = Counter(), Counter()
    if behaviour not in TRAINING_LABELS:
        return classes, kinds
    path = behaviours_dir() / TRAINING_LABELS[behaviour][0]
    if not Path(path).exists():
        return classes, kinds
    with open(path, newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            classes[row.get(TRAINING_LABELS[behaviour][1]) or "none"] += 1
            text = next((row[c] for c in REQUEST_COLUMNS if row.get(c)), None)
            if text:
                kinds[request_kind(text)] += 1
    return classes, kinds


def real_use_stats(log: DataLog, *, since: datetime | None = None) -> RealUseStats:
    """Summarise the log (one pass over decisions, one over corrections)."""
    classes: dict[str, Counter] = defaultdict(Counter)
    fallbacks, kinds = Counter(), Counter()
    for record in log.decisions(since=since, resolve_blobs=False):
        classes[record.behaviour][class_of(record)] += 1
        fallbacks[record.behaviour] += record.fallback
        if record.behaviour in ("trigger", "router"):
            kinds[request_kind(record.input.get("message") or "")] += 1
    corrections: dict[str, Counter] = defaultdict(Counter)
    total_corrections = 0
    for correction in standing(lambda: log.corrections(since=since)):
        decision = log.decision(correction.decision_id) if correction.decision_id else None
        corrections[decision.behaviour if decision else "(unlinked)"][correction.kind] += 1
        total_corrections += 1
    total = sum(sum(counter.values()) for counter in classes.values())
    trained_kinds = Counter()
    behaviours = []
    for behaviour in sorted(set(classes) | set(TRAINING_LABELS)):
        training, training_kinds = _training(behaviour)
        trained_kinds.update(training_kinds)
        behaviours.append(
            _behaviour_stats(
                behaviour, classes[behaviour], fallbacks[behaviour], corrections[behaviour], training, total
            )
        )
    missing_kinds = [kind for kind, _ in kinds.most_common() if kind not in trained_kinds]
    return RealUseStats(
        decisions=total,
        corrections=total_corrections,
        behaviours=behaviours,
        request_kinds=kinds.most_common(TOP_KINDS),
        request_kinds_missing_in_training=missing_kinds,
    )


def _behaviour_stats(
    behaviour: str, classes: Counter, fallbacks: int, corrections: Counter, training: Counter, total: int
) -> BehaviourStats:
    count = sum(classes.values())
    return BehaviourStats(
        behaviour=behaviour,
        decisions=count,
        share=count / total if total else 0.0,
        fallback_rate=fallbacks / count if count else 0.0,
        classes=dict(classes.most_common()),
        corrections=dict(corrections),
        correction_rate=sum(corrections.values()) / count if count else 0.0,
        training_classes=dict(training.most_common()),
        missing_in_training=[c for c in classes if training and c not in training],
    )

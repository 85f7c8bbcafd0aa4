"""Which launch-traffic inputs to label next: the uncertain, the disputed and the unlike.

Three views, each filling a third of the batch (what one view cannot fill goes to the next): inputs decided
with the lowest confidence (near the decision boundary); inputs where a second implementation (the keyword
baseline) decides differently; and one input per cluster of the rest in embedding space (k-means), nearest
its centre, so the batch covers kinds of message the other two views miss. Exported in the labels'
spreadsheet columns with the `label` left empty for the labeller.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

import numpy as np
from pydantic import BaseModel

from canvas_tui.behaviours.trigger.data import normal_prompt
from canvas_tui.log.records import DecisionRecord

REASONS = ("uncertain", "disagreement", "diverse")
DIVERSE_POOL = 2000
"""The diverse third clusters at most this many of the remaining candidates (a seeded sample): embedding every
input of a large launch costs minutes and adds little to the clusters."""
EXPORT_COLUMNS = (
    "id",
    "prompt",
    "label",
    "context",
    "category",
    "note",
    "source",
    "document",
    "reason",
    "model_label",
    "model_confidence",
)
"""The trigger/router labels' columns (prompt, label, context, category, note, source), the reply open as the
document (router), and why the row was chosen with what the model decided (for review, not for training)."""


class Candidate(BaseModel):
    """One logged input that could be labelled."""

    id: str
    message: str
    document: str | None
    label: str
    confidence: float


class Selected(Candidate):
    """A candidate chosen for labelling, and the view that chose it."""

    reason: str


class Pool(BaseModel):
    """The inputs that could be labelled, and how many of the logged inputs were left out as already labelled."""

    candidates: list[Candidate]
    logged: int
    """Distinct inputs in the log (one per traffic row id)."""
    labelled: dict[str, int]
    """Inputs left out, by the file already holding them (same id, or same normalised prompt as `import` checks)."""


def candidates(
    records: Iterable[DecisionRecord],
    by_id: Mapping[str, str] = MappingProxyType({}),
    by_prompt: Mapping[str, str] = MappingProxyType({}),
) -> Pool:
    """Trigger or router decisions as candidates, one per input id (the session id's row part), minus the inputs
    already labelled: those whose id is in `by_id` or whose normalised prompt is in `by_prompt` (each maps to the
    file holding it)."""
    inputs: dict[str, Candidate] = {}
    for record in records:
        row_id = record.session_id.split(":", 1)[-1]
        if row_id not in inputs:
            inputs[row_id] = Candidate(
                id=row_id,
                message=record.input.get("message") or "",
                document=record.input.get("document"),
                label=str(record.output.get("label")),
                confidence=record.confidence if record.confidence is not None else 1.0,
            )
    pool, left_out = [], Counter()
    for candidate in inputs.values():
        where = by_id.get(candidate.id) or by_prompt.get(normal_prompt(candidate.message))
        if where:
            left_out[where] += 1
        else:
            pool.append(candidate)
    return Pool(candidates=pool, logged=len(inputs), labelled=dict(left_out.most_common()))


def select(
    pool: list[Candidate],
    n: int,
    *,
    second_opinion: Callable[[list[Candidate]], list[str]],
    embed: Callable[[list[str]], np.ndarray] | None,
    seed: int = 0,
) -> list[Selected]:
    """Up to `n` candidates: a third uncertain, a third disputed, the rest diverse (see the module docstring)."""
    chosen: dict[str, Selected] = {}

    def take(items: Iterable[Candidate], reason: str, quota: int) -> None:
        for item in items:
            if len(chosen) >= quota:
                return
            chosen.setdefault(item.id, Selected(**item.model_dump(), reason=reason))

    third = max(1, n // 3)
    take(sorted(pool, key=lambda c: (c.confidence, c.id)), "uncertain", third)
    others = second_opinion(pool)
    take([c for c, other in zip(pool, others) if other != c.label], "disagreement", min(n, 2 * third))
    rest = [c for c in pool if c.id not in chosen]
    random.Random(seed).shuffle(rest)
    rest = rest[:DIVERSE_POOL]
    take(_diverse(rest, n - len(chosen), embed, seed) if embed else rest, "diverse", n)
    return list(chosen.values())


def _diverse(pool: list[Candidate], k: int, embed: Callable[[list[str]], np.ndarray], seed: int) -> list[Candidate]:
    """One candidate per k-means cluster of the pool's embeddings: the one nearest its cluster's centre."""
    if k <= 0 or not pool:
        return []
    from sklearn.cluster import KMeans

    from canvas_tui.behaviours.trigger.message import meaning_text

    vectors = embed([meaning_text(c.message) for c in pool])
    k = min(k, len(pool))
    model = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(vectors)
    distances = np.linalg.norm(vectors - model.cluster_centers_[model.labels_], axis=1)
    picks = [int(np.flatnonzero(model.labels_ == c)[np.argmin(distances[model.labels_ == c])]) for c in range(k)]
    return [pool[i] for i in picks]


def write_csv(selected: list[Selected], path: Path, *, source: str, blind: bool = False) -> Path:
    """The batch as a spreadsheet: the labels' columns with `label` empty, plus why each row was chosen and (unless
    `blind`: labellers asked for an independent judgement) what the model decided."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for item in selected:
            writer.writerow(
                {
                    "id": item.id,
                    "prompt": item.message,
                    "label": "",
                    "context": "",
                    "category": "",
                    "note": "",
                    "source": source,
                    "document": item.document or "",
                    "reason": item.reason,
                    "model_label": "" if blind else item.label,
                    "model_confidence": "" if blind else f"{item.confidence:.3f}",
                }
            )
    return path

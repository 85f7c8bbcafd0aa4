"""Measure the acceptance thresholds on the dev split and write behaviours/anchor/thresholds.json.

    canvas-tui labels anchor-calibrate

Sweeps a grid of thresholds, scores each on the dev rows, and keeps the configuration whose
accuracy, averaged with its neighbours on the error-rate axis (so a lucky isolated point does
not win), is highest; ties go to fewer false anchors, then to the stricter error rate. Prints
the error-rate curve of the chosen configuration as a markdown table for spec.md.
"""

from __future__ import annotations

import itertools

from pydantic import BaseModel

from canvas_tui.behaviours.anchor.anchorer import TextQuoteAnchorer
from canvas_tui.behaviours.anchor.evalset import EvalRow, load_documents, load_rows
from canvas_tui.behaviours.anchor.scoring import run, summarise
from canvas_tui.behaviours.anchor.thresholds import Thresholds, thresholds_path

RATES = [round(0.08 + 0.02 * i, 2) for i in range(12)]
MISSING = [1, 2, 3]
FOREIGN = [0, 1]
DROPPED = [0, 1, 2]


class GridPoint(BaseModel):
    """One configuration's dev figures."""

    thresholds: Thresholds
    accuracy: float
    false_anchors: int
    positives_missed: int


def _score(limits: Thresholds, rows: list[EvalRow], documents: dict[str, str]) -> GridPoint:
    outcomes = run(TextQuoteAnchorer(limits), rows, documents)
    summary = summarise("dev", outcomes)
    missed = sum(not o.hit and not o.false_anchor for o in outcomes)
    return GridPoint(
        thresholds=limits, accuracy=summary.accuracy, false_anchors=summary.false_anchors, positives_missed=missed
    )


def sweep(rows: list[EvalRow], documents: dict[str, str]) -> list[GridPoint]:
    """Every grid configuration scored on `rows`."""
    return [
        _score(
            Thresholds(
                max_error_rate=rate, max_missing_words=missing, max_foreign_words=foreign, max_dropped_words=dropped
            ),
            rows,
            documents,
        )
        for missing, foreign, dropped, rate in itertools.product(MISSING, FOREIGN, DROPPED, RATES)
    ]


def _others(point: GridPoint) -> tuple:
    t = point.thresholds
    return t.max_missing_words, t.max_foreign_words, t.max_dropped_words


def choose(points: list[GridPoint]) -> GridPoint:
    """The configuration with the best neighbour-smoothed accuracy (see module docstring)."""
    curves: dict[tuple, list[GridPoint]] = {}
    for point in points:
        curves.setdefault(_others(point), []).append(point)

    def smoothed(point: GridPoint) -> float:
        curve = curves[_others(point)]
        at = curve.index(point)
        near = curve[max(0, at - 1) : at + 2]
        return sum(p.accuracy for p in near) / len(near)

    return max(points, key=lambda p: (smoothed(p), -p.false_anchors, -p.thresholds.max_error_rate))


def curve_table(points: list[GridPoint], chosen: GridPoint) -> str:
    """The error-rate curve of the chosen configuration, as a markdown table."""
    lines = ["| max_error_rate | dev accuracy | false anchors | positives missed |", "|---|---|---|---|"]
    for point in points:
        if _others(point) == _others(chosen):
            mark = " (chosen)" if point is chosen else ""
            lines.append(
                f"| {point.thresholds.max_error_rate:.2f}{mark} | {point.accuracy:.4f} | "
                f"{point.false_anchors} | {point.positives_missed} |"
            )
    return "\n".join(lines)


def calibrate() -> tuple[GridPoint, str]:
    """Sweep the grid on the dev rows, choose, write thresholds.json; returns the chosen point and its curve table."""
    points = sweep(load_rows("dev"), load_documents())
    chosen = choose(points)
    thresholds_path().write_text(chosen.thresholds.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return chosen, curve_table(points, chosen)

"""The one report naming scheme: `<report dir>/<behaviour>_eval.md` (and `_eval.png` for a plot)."""

from __future__ import annotations

from pathlib import Path


def report_path(report_dir: Path, behaviour: str, suffix: str = ".md") -> Path:
    """Where behaviour `behaviour`'s eval report (or its plot, suffix `.png`) goes."""
    return report_dir / f"{behaviour}_eval{suffix}"


def write_report(report_dir: Path, behaviour: str, text: str) -> Path:
    """Write the markdown report of one eval run; returns its path."""
    report_dir.mkdir(parents=True, exist_ok=True)
    path = report_path(report_dir, behaviour)
    path.write_text(text, encoding="utf-8")
    return path

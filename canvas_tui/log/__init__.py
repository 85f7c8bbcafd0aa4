"""The decision log (SQLite, migrated, append-only) and session recordings (JSONL)."""

from canvas_tui.log.records import CorrectionKind, CorrectionRecord, DecisionRecord
from canvas_tui.log.store import DecisionLog

__all__ = ["CorrectionKind", "CorrectionRecord", "DecisionLog", "DecisionRecord"]

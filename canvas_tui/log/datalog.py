"""The decision log, read and written the ways the data loop needs: a turn's decisions, a behaviour's corrected
decisions, and judgements (the log owns every SQL statement; the data loop asks it)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from itertools import groupby

from canvas_tui.log.records import CorrectionRecord, DecisionRecord, Judgement
from canvas_tui.log.store import DecisionLog

_JUDGEMENT_COLUMNS = list(Judgement.model_fields)
_DECISION_COLUMNS = list(DecisionRecord.model_fields)
_CORRECTION_COLUMNS = list(CorrectionRecord.model_fields)


class DataLog(DecisionLog):
    """A DecisionLog with the reads and writes of exports and win-rate comparisons."""

    def turn_decisions(self, turn_id: str | None) -> list[DecisionRecord]:
        """The decisions of one turn, in order."""
        if turn_id is None:
            return []
        sql = f"SELECT {', '.join(_DECISION_COLUMNS)} FROM decisions WHERE turn_id = ? ORDER BY time, rowid"
        return [self._decision_from_row(row) for row in self._rows(sql, (turn_id,))]

    def turn_document(self, turn_id: str | None) -> str | None:
        """The document a turn worked on (as its router or locator saw it), without reading the whole turn."""
        rows = self._rows(
            "SELECT input FROM decisions WHERE turn_id = ? AND behaviour IN ('router', 'locate') ORDER BY time, rowid",
            (turn_id,),
        )
        documents = (self._blob_text(json.loads(row[0]).get("document")) for row in rows)
        return next((document for document in documents if document), None)

    def corrected_decisions(
        self, behaviour: str, *, since: datetime | None = None
    ) -> Iterator[tuple[DecisionRecord, list[CorrectionRecord]]]:
        """One behaviour's decisions in time order, each with the corrections of it: one streaming pass."""
        columns = [f"d.{c}" for c in _DECISION_COLUMNS] + [f"c.{c}" for c in _CORRECTION_COLUMNS]
        where, values = "WHERE d.behaviour = ?", [behaviour]
        if since is not None:
            where, values = where + " AND d.time >= ?", [*values, since.isoformat()]
        rows = self._rows(
            f"SELECT {', '.join(columns)} FROM decisions d LEFT JOIN corrections c ON c.decision_id = d.id "
            f"{where} ORDER BY d.time, d.rowid, c.time",
            tuple(values),
        )
        for _, group in groupby(rows, key=lambda row: row[0]):
            group = list(group)
            decision = self._decision_from_row(group[0][: len(_DECISION_COLUMNS)])
            yield decision, [_correction(row[len(_DECISION_COLUMNS) :]) for row in group if row[len(_DECISION_COLUMNS)]]

    def append_judgement(self, judgement: Judgement) -> bool:
        """Store one judgement atomically; False if it could not be stored."""
        row = judgement.model_dump(mode="json")
        sql = (
            f"INSERT INTO judgements ({', '.join(_JUDGEMENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_JUDGEMENT_COLUMNS))})"
        )
        return self._write([(sql, tuple(row[column] for column in _JUDGEMENT_COLUMNS))])

    def judgements(self, comparison_id: str | None = None) -> Iterator[Judgement]:
        """Judgements in time order (of one comparison if given)."""
        where, values = ("WHERE comparison_id = ?", (comparison_id,)) if comparison_id else ("", ())
        rows = self._rows(
            f"SELECT {', '.join(_JUDGEMENT_COLUMNS)} FROM judgements {where} ORDER BY time, rowid", values
        )
        for row in rows:
            yield Judgement.model_validate(dict(zip(_JUDGEMENT_COLUMNS, row)))


def _correction(row: tuple) -> CorrectionRecord:
    record = dict(zip(_CORRECTION_COLUMNS, row))
    return CorrectionRecord.model_validate(record | {"detail": json.loads(record["detail"])})

"""Reading the team's records: the same reads as the local log (canvas_tui.log.datalog.DataLog), from PostgreSQL.

`TeamLog` answers `decisions`, `corrections`, `decision`, `turn_decisions`, `turn_document` and
`corrected_decisions` like the local log does, so exports, stats and anything else written against the
local log take the team store unchanged. Every read is narrowed by a `RecordFilter` (person, dates,
source, behaviour) and by the database's own rules: a member sees only their own records, a reviewer
everyone's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import count, groupby
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, SecretStr, ValidationError

from canvas_tui.log.records import CorrectionRecord, DecisionRecord
from canvas_tui.log.team.connection import TeamStoreError, check_schema, connect, team_errors

STREAM_ROWS = 2000
Record = TypeVar("Record", DecisionRecord, CorrectionRecord)
_cursors = count()


class RecordFilter(BaseModel):
    """Which records to read: by person (login name), time range [since, until), source and behaviour."""

    person: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    source: str | None = None
    behaviour: str | None = None


class TeamLog:
    """The team store, read-only, narrowed by a filter; `problem` is always None (failures raise TeamStoreError).

    Members can insert rows by hand (only their own): a row that is not a valid record is skipped and
    counted in `skipped`, never fatal to a read of everyone's records.
    """

    problem = None

    def __init__(self, dsn: SecretStr | str, records: RecordFilter | None = None) -> None:
        self.dsn, self.filter = dsn, records or RecordFilter()
        self.skipped = 0
        self._connection = connect(dsn)
        try:
            check_schema(self._connection, dsn)
        except TeamStoreError:
            self._connection.close()
            raise

    def decisions(
        self,
        *,
        since: datetime | None = None,
        behaviour: str | None = None,
        last: int | None = None,
        resolve_blobs: bool = True,
    ) -> Iterator[DecisionRecord]:
        """Decisions in time order (the `last` N if given), streamed."""
        return (record for _, record in self.people_decisions(since=since, behaviour=behaviour, last=last))

    def people_decisions(
        self, *, since: datetime | None = None, behaviour: str | None = None, last: int | None = None
    ) -> Iterator[tuple[str, DecisionRecord]]:
        """(person, decision) pairs in time order (the `last` N if given)."""
        where, values = self._where("d", since=since, behaviour=behaviour)
        sql = f"SELECT d.person, d.body::text FROM team_records d WHERE d.kind = 'decision' {where}"
        if last is None:
            rows = self._stream(f"{sql} ORDER BY d.time, d.arrival", values)
        else:
            rows = reversed(self._all(f"{sql} ORDER BY d.time DESC, d.arrival DESC LIMIT %s", (*values, int(last))))
        return ((person, record) for person, body in rows if (record := self._parse(DecisionRecord, body)))

    def corrections(self, *, since: datetime | None = None) -> Iterator[CorrectionRecord]:
        """Corrections in time order (by behaviour or source through the decision each corrects)."""
        where, values = self._where("c", since=since, joined=True)
        rows = self._stream(
            f"SELECT c.body::text FROM team_records c {self._join()} WHERE c.kind = 'correction' "
            f"{where} ORDER BY c.time, c.arrival",
            values,
        )
        return (record for (body,) in rows if (record := self._parse(CorrectionRecord, body)))

    def decision(self, decision_id: str) -> DecisionRecord | None:
        """One decision by id."""
        rows = self._all(
            "SELECT body::text FROM team_records WHERE kind = 'decision' AND id = %s LIMIT 1", (decision_id,)
        )
        return self._parse(DecisionRecord, rows[0][0]) if rows else None

    def turn_decisions(self, turn_id: str | None) -> list[DecisionRecord]:
        """The decisions of one turn, in order."""
        rows = (
            self._all(
                "SELECT body::text FROM team_records WHERE kind = 'decision' AND turn_id = %s ORDER BY time, arrival",
                (turn_id,),
            )
            if turn_id
            else []
        )
        return [record for (body,) in rows if (record := self._parse(DecisionRecord, body))]

    def turn_document(self, turn_id: str | None) -> str | None:
        """The document a turn worked on, as its router or locator saw it."""
        documents = (
            record.input.get("document")
            for record in self.turn_decisions(turn_id)
            if record.behaviour in ("router", "locate")
        )
        return next((document for document in documents if document), None)

    def corrected_decisions(
        self, behaviour: str, *, since: datetime | None = None
    ) -> Iterator[tuple[DecisionRecord, list[CorrectionRecord]]]:
        """One behaviour's decisions in time order, each with the corrections of it: one streaming pass."""
        where, values = self._where("d", since=since, behaviour=behaviour)
        rows = self._stream(
            "SELECT d.person, d.id, d.body::text, c.body::text FROM team_records d "
            "LEFT JOIN team_records c ON c.kind = 'correction' AND c.person = d.person "
            f"AND c.decision_id = d.id WHERE d.kind = 'decision' {where} "
            "ORDER BY d.time, d.arrival, c.time",
            values,
        )
        for _, group in groupby(rows, key=lambda row: (row[0], row[1])):
            group = list(group)
            decision = self._parse(DecisionRecord, group[0][2])
            corrections = [self._parse(CorrectionRecord, row[3]) for row in group if row[3] is not None]
            if decision is not None:
                yield decision, [correction for correction in corrections if correction is not None]

    def write_recordings(self, folder: Path) -> list[Path]:
        """Each recorded session (person and dates filtered) as FOLDER/PERSON/SESSION.jsonl; returns the files."""
        where, values = self._where("r", recording=True)
        rows = self._stream(
            f"SELECT r.person, r.session_id, r.body::text FROM team_records r WHERE r.kind = 'recording' "
            f"{where} ORDER BY r.person, r.session_id, r.id",
            values,
        )
        written = []
        for (person, session), lines in groupby(rows, key=lambda row: (row[0], row[1])):
            path = Path(folder) / person / f"{session}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(f"{line}\n" for _, _, line in lines), encoding="utf-8")
            written.append(path)
        return written

    def _parse(self, model: type[Record], body: str) -> Record | None:
        try:
            return model.model_validate_json(body)
        except ValidationError:
            self.skipped += 1
            return None

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    def _where(
        self,
        alias: str,
        *,
        since: datetime | None = None,
        behaviour: str | None = None,
        joined: bool = False,
        recording: bool = False,
    ) -> tuple[str, tuple[Any, ...]]:
        """Conditions from the filter and the call; for corrections (`joined`) behaviour and source are the decision's."""
        about = "d" if joined else alias
        conditions = [
            (f"{alias}.person = %s", self.filter.person),
            (f"{alias}.time >= %s", self.filter.since),
            (f"{alias}.time < %s", self.filter.until),
            (f"{alias}.time >= %s", since),
        ]
        if not recording:
            conditions += [
                (f"{about}.source = %s", self.filter.source),
                (f"{about}.behaviour = %s", self.filter.behaviour),
                (f"{about}.behaviour = %s", behaviour),
            ]
        used = [(sql, value) for sql, value in conditions if value is not None]
        return "".join(f" AND {sql}" for sql, _ in used), tuple(value for _, value in used)

    @staticmethod
    def _join() -> str:
        return "LEFT JOIN team_records d ON d.kind = 'decision' AND d.person = c.person AND d.id = c.decision_id"

    def _all(self, sql: str, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with team_errors(self.dsn, "reading records"):
            return self._connection.execute(sql, values).fetchall()

    def _stream(self, sql: str, values: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        """Rows through a server-side cursor, so a large store is never held in memory at once."""
        with team_errors(self.dsn, "reading records"):
            with self._connection.cursor(name=f"canvas_tui_{next(_cursors)}") as cursor:
                cursor.itersize = STREAM_ROWS
                cursor.execute(sql, values)
                yield from cursor

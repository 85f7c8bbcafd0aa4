"""Batch prediction over JSON lines: the contract behind `canvas-tui predict BEHAVIOUR`.

Every input line is decoded, parsed and validated on its own; a malformed line (not UTF-8, not
JSON, not the behaviour's input) is reported on stderr by its line number and answered in place
with `{"id": ..., "error": ...}`, so the output keeps the input's order and every other line is
still predicted. The source may be text or bytes: bytes are decoded line by line, so one
undecodable line cannot lose the batch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TextIO

from pydantic import BaseModel, ValidationError
from rich.progress import Progress

from canvas_tui.text import NotUtf8, decode_line


@dataclass(frozen=True)
class BatchPredictor:
    """One behaviour's batch contract: how to read an input line and predict a list of them."""

    input_model: type[BaseModel]
    predict_many: Callable[[list[Any]], list[dict[str, Any]]]
    chunk_size: int = 64


@dataclass
class BatchReport:
    """How a batch went: lines read, predicted, and rejected (with their line numbers)."""

    total: int = 0
    predicted: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _parse(number: int, line: str | bytes, model: type[BaseModel]) -> tuple[Any, dict[str, Any] | None]:
    """Decode and parse one line; return (item, None) or (None, error record)."""
    if isinstance(line, bytes):
        try:
            line = decode_line(number, line)
        except NotUtf8 as exc:
            return None, {"id": None, "error": f"line {number}: {exc}"}
    try:
        raw = json.loads(line.rstrip("\r\n"))  # its own end of line is no part of it: a cut string is "Unterminated"
    except json.JSONDecodeError as exc:
        return None, {"id": None, "error": f"line {number}: not valid JSON ({_json_reason(exc)})"}
    except RecursionError:
        return None, {"id": None, "error": f"line {number}: not valid JSON (nested too deeply)"}
    if not isinstance(raw, dict):
        return None, {"id": None, "error": f"line {number}: expected a JSON object with {_required(model)}"}
    record_id = raw.get("id")
    try:
        return model.model_validate(raw), None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "line"
        return None, {"id": record_id, "error": f"line {number}: {where}: {_reason(first)}"}


def _json_reason(exc: json.JSONDecodeError) -> str:
    """The parser's whole reason with its column (its `msg` alone is cut: "Invalid control character at")."""
    joint = " " if exc.msg.endswith(" at") else " at "
    return f"{exc.msg}{joint}column {exc.colno}"


def _reason(error: dict[str, Any]) -> str:
    """A validation error in the input's own words: a behaviour's check says its reason itself, without pydantic's
    "Value error, " in front of it."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    return error["msg"]


def _required(model: type[BaseModel]) -> str:
    """The input's required keys in words: `id and prompt`, `id, document and quote`."""
    keys = [name for name, field in model.model_fields.items() if field.is_required()]
    return " and ".join(filter(None, [", ".join(keys[:-1]), keys[-1]])) if keys else "the behaviour's keys"


def _numbered(lines: Iterable[str | bytes]) -> Iterator[tuple[int, str | bytes]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def run_batch(
    predictor: BatchPredictor,
    source: TextIO | BinaryIO,
    sink: TextIO,
    *,
    progress: bool = True,
    errors: TextIO = sys.stderr,
) -> BatchReport:
    """Predict every line of `source` (text, or bytes decoded per line) into `sink`, same order, reporting
    bad lines on `errors`."""
    numbered = list(_numbered(source))
    report = BatchReport(total=len(numbered))
    with Progress(disable=not progress, console=None, transient=True) as bar:
        task = bar.add_task("predicting", total=len(numbered))
        for offset in range(0, len(numbered), predictor.chunk_size):
            chunk = numbered[offset : offset + predictor.chunk_size]
            for record in _predict_chunk(predictor, chunk, report, errors):
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            bar.advance(task, len(chunk))
    sink.flush()
    return report


def _predict_chunk(
    predictor: BatchPredictor, chunk: list[tuple[int, str | bytes]], report: BatchReport, errors: TextIO
) -> list[dict[str, Any]]:
    parsed = [(number, *_parse(number, line, predictor.input_model)) for number, line in chunk]
    good = [(number, item) for number, item, error in parsed if error is None]
    outputs = dict(zip((n for n, _ in good), _safe_predict(predictor, good, report, errors)))
    records = []
    for number, _item, error in parsed:
        record = error or outputs[number]
        if "error" in record:
            report.errors.append((number, record["error"]))
            print(f"error: {record['error']}", file=errors)
        else:
            report.predicted += 1
        records.append(record)
    return records


def _safe_predict(
    predictor: BatchPredictor, good: list[tuple[int, Any]], report: BatchReport, errors: TextIO
) -> list[dict[str, Any]]:
    """Predict a chunk; if the chunk fails, predict line by line so one bad item cannot sink others."""
    items = [item for _, item in good]
    try:
        return predictor.predict_many(items)
    except Exception:  # noqa: BLE001 - isolate the failing line below
        results = []
        for number, item in good:
            try:
                results.extend(predictor.predict_many([item]))
            except Exception as exc:  # noqa: BLE001 - reported per line, never fatal to the batch
                results.append(
                    {"id": getattr(item, "id", None), "error": f"line {number}: {type(exc).__name__}: {exc}"}
                )
        return results

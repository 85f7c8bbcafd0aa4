"""The batch-predict contract: same order, a bad line answered in place with its line number, others predicted."""

from __future__ import annotations

import io
import json

from pydantic import BaseModel, field_validator

from canvas_tui.pipeline.batch import BatchPredictor, run_batch


class Item(BaseModel):
    id: int | str
    text: str


def shout(items: list[Item]) -> list[dict]:
    return [{"id": item.id, "label": item.text.upper()} for item in items]


def run(lines: list[str]) -> tuple[list[dict], str, object]:
    out, errors = io.StringIO(), io.StringIO()
    report = run_batch(
        BatchPredictor(Item, shout, chunk_size=2),
        io.StringIO("\n".join(lines) + "\n"),
        out,
        progress=False,
        errors=errors,
    )
    return [json.loads(line) for line in out.getvalue().splitlines()], errors.getvalue(), report


def test_every_line_is_answered_in_input_order():
    records, _, report = run([json.dumps({"id": n, "text": f"t{n}"}) for n in range(5)])
    assert [r["id"] for r in records] == [0, 1, 2, 3, 4] and records[3]["label"] == "T3"
    assert report.predicted == 5 and not report.errors


def test_bad_lines_are_reported_by_number_and_the_others_still_predicted():
    lines = [
        json.dumps({"id": "a", "text": "x"}),
        "{broken",
        json.dumps({"id": "c"}),
        "[" * 100_000,
        json.dumps({"id": "e", "text": "y"}),
    ]
    records, errors, report = run(lines)
    assert [r.get("label") for r in records] == ["X", None, None, None, "Y"]
    assert records[2] == {"id": "c", "error": "line 3: text: Field required"}
    assert "line 2:" in errors and "line 4:" in errors and [n for n, _ in report.errors] == [2, 3, 4]


def test_a_line_that_is_not_json_gives_the_parsers_whole_reason_with_its_column():
    records, errors, _ = run(['{"id": 1, "text": "a\tb"}', '{"id": 2, "text": "cut off', "{"])
    assert [r["error"] for r in records] == [
        "line 1: not valid JSON (Invalid control character at column 21)",
        "line 2: not valid JSON (Unterminated string starting at column 19)",
        "line 3: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
    ]


class Checked(BaseModel):
    id: int
    text: str

    @field_validator("text")
    @classmethod
    def _no_digits(cls, value: str) -> str:
        if any(c.isdigit() for c in value):
            raise ValueError("digits are not words")
        return value


def test_a_behaviours_own_check_is_reported_in_its_own_words():
    out, errors = io.StringIO(), io.StringIO()
    run_batch(
        BatchPredictor(Checked, shout), io.StringIO('{"id": 1, "text": "a1"}\n'), out, progress=False, errors=errors
    )
    assert json.loads(out.getvalue()) == {"id": 1, "error": "line 1: text: digits are not words"}


def test_a_line_that_is_json_but_not_an_object_names_the_keys_expected_not_an_internal_class():
    records, errors, _ = run([json.dumps(["a list"]), "7"])
    expected = "expected a JSON object with id and text"
    assert records == [{"id": None, "error": f"line 1: {expected}"}, {"id": None, "error": f"line 2: {expected}"}]
    assert "Item" not in errors


def test_blank_lines_are_skipped_not_answered():
    records, _, _ = run([json.dumps({"id": 1, "text": "a"}), "", "   ", json.dumps({"id": 2, "text": "b"})])
    assert [r["id"] for r in records] == [1, 2]


def test_a_line_that_is_not_utf8_is_reported_by_number_and_the_other_lines_are_predicted():
    lines = [
        json.dumps({"id": 1, "text": "é"}).encode(),
        b'{"id": 2, "text": "caf\xe9"}',
        b"\xff\xfe\x00garbage",
        json.dumps({"id": 4, "text": "z"}).encode(),
    ]
    out, errors = io.StringIO(), io.StringIO()
    report = run_batch(
        BatchPredictor(Item, shout, chunk_size=3),
        io.BytesIO(b"\n".join(lines) + b"\n"),
        out,
        progress=False,
        errors=errors,
    )
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("label") for r in records] == ["É", None, None, "Z"]
    assert records[1] == {"id": None, "error": "line 2: not valid UTF-8 (byte 0xe9 at column 23)"}
    assert [n for n, _ in report.errors] == [2, 3] and "line 3: not valid UTF-8" in errors.getvalue()


def test_a_bad_byte_after_a_byte_order_mark_is_named_with_its_own_column_in_the_line():
    out, errors = io.StringIO(), io.StringIO()
    source = io.BytesIO(b'\xef\xbb\xbf{"id": 1, "text": "h\xffi"}\n')
    run_batch(BatchPredictor(Item, shout, chunk_size=3), source, out, progress=False, errors=errors)
    assert json.loads(out.getvalue()) == {"id": None, "error": "line 1: not valid UTF-8 (byte 0xff at column 24)"}


def test_a_byte_order_mark_before_the_first_line_is_not_an_error():
    out = io.StringIO()
    report = run_batch(
        BatchPredictor(Item, shout),
        io.BytesIO(b'\xef\xbb\xbf{"id": 1, "text": "a"}\n'),
        out,
        progress=False,
        errors=io.StringIO(),
    )
    assert report.predicted == 1 and json.loads(out.getvalue())["label"] == "A"

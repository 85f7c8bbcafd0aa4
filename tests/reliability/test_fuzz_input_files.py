"""Random bytes in every file a command reads: `predict` (every behaviour) answers each undecodable or
malformed line with its own numbered error and predicts every good line; `replay` and `eval replay`
refuse a damaged recording in plain words. No traceback, nothing lost."""

from __future__ import annotations

import json
import random
import re

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.paths import PROJECT_ROOT
from canvas_tui.pipeline.registry import declared

DOCUMENT = "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small, so we reuse the old servers.\n"
GOOD = {
    "trigger": {"prompt": "Write me a long essay about tea"},
    "router": {"prompt": "Make the intro shorter", "document": DOCUMENT},
    "locate": {"document": DOCUMENT, "request": "tighten the second paragraph"},
    "policy": {"document": DOCUMENT, "request": "fix the typo in the first sentence"},
    "anchor": {"document": DOCUMENT, "quote": "We ship on Munday."},
    "comment": {"document": DOCUMENT, "request": "critique this"},
}
BAD_UTF8 = [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xe2\x82", b"\xc0\xaf", b"\x80abc"]


def fuzz_line(rng: random.Random, valid: bytes) -> bytes:
    """One hostile line: random bytes, a valid line with random bytes spliced in, an invalid UTF-8
    sequence inside a string, NULs, or deep nesting; never a newline (one input line stays one line)."""
    kind = rng.randrange(5)
    if kind == 0:
        line = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
    elif kind == 1:
        at = rng.randrange(len(valid))
        line = valid[:at] + bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 4))) + valid[at:]
    elif kind == 2:
        line = valid.replace(b"e", rng.choice(BAD_UTF8), 1)
    elif kind == 3:
        line = valid.replace(b" ", b"\x00", rng.randrange(1, 4))
    else:
        line = b"[" * rng.randrange(1000, 100_000)
    return line.replace(b"\n", b" ")


def _lines(behaviour: str, rng: random.Random) -> tuple[list[bytes], set[int]]:
    """Interleaved good and hostile lines, and the (1-based) numbers of the good ones."""
    lines, good = [], set()
    for number in range(1, 41):
        valid = json.dumps({"id": number, **GOOD[behaviour]}).encode()
        if number % 4 == 1:
            lines.append(valid)
            good.add(number)
        else:
            lines.append(fuzz_line(rng, valid))
    return lines, good


@pytest.mark.slow
@pytest.mark.parametrize("behaviour", declared())
def test_predict_answers_every_line_of_a_fuzzed_batch_in_place(behaviour, tmp_path):
    lines, good = _lines(behaviour, random.Random(behaviour))
    source, sink = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(
        cli, ["predict", behaviour, "--input", str(source), "--output", str(sink), "--no-progress"]
    )
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    assert result.exit_code in (0, 1)
    answered = [json.loads(line) for line in sink.read_text(encoding="utf-8").splitlines()]
    numbers = [number for number, line in enumerate(lines, start=1) if line.strip()]
    assert len(answered) == len(numbers)
    for number, record in zip(numbers, answered):
        if number in good:
            assert "error" not in record and record["id"] == number, record
        elif "error" in record:
            assert re.match(rf"line {number}: ", record["error"]), record
    assert (result.exit_code == 1) == any("error" in record for record in answered)


def _damaged_recordings(tmp_path) -> list:
    demo = (PROJECT_ROOT / "demos" / "code.jsonl").read_bytes().split(b"\n")
    rng = random.Random(7)
    damaged = {
        "random.jsonl": bytes(rng.randrange(256) for _ in range(5000)),
        "empty.jsonl": b"",
        "header-then-noise.jsonl": demo[0] + b"\n" + bytes(rng.randrange(256) for _ in range(2000)),
        "bad-utf8-middle.jsonl": b"\n".join([*demo[:3], demo[3][:40] + b"\xff\xfe" + demo[3][40:], *demo[4:]]),
        "nested.jsonl": demo[0] + b"\n" + b"[" * 100_000 + b"\n" + b"\n".join(demo[1:]),
    }
    for name, content in damaged.items():
        (tmp_path / name).write_bytes(content)
    return [tmp_path / name for name in damaged]


@pytest.mark.parametrize("command", [["replay", "--quiet"], ["replay", "--json"], ["eval", "replay"]])
def test_a_damaged_recording_is_refused_in_plain_words(command, tmp_path):
    for path in _damaged_recordings(tmp_path):
        result = CliRunner().invoke(cli, [*command, str(path)])
        assert isinstance(result.exception, SystemExit), (path.name, result.exception)
        assert result.exit_code == 2 and "error: " in result.output and "Traceback" not in result.output, path.name


def test_an_undecodable_line_in_the_middle_of_a_recording_is_named_by_its_number(tmp_path):
    [path] = [p for p in _damaged_recordings(tmp_path) if p.name == "bad-utf8-middle.jsonl"]
    result = CliRunner().invoke(cli, ["replay", "--quiet", str(path)])
    assert "line 4: not valid UTF-8 (byte 0xff at column 41)" in result.output


def test_a_recording_torn_inside_a_character_still_replays_up_to_its_last_whole_line(tmp_path):
    demo = (PROJECT_ROOT / "demos" / "code.jsonl").read_bytes()
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(demo + '{"type": "action", "kind": "message", "payload": {"text": "caf\u00e9'.encode()[:-1])
    result = CliRunner().invoke(cli, ["replay", "--quiet", str(torn)])
    assert result.exit_code == 0, result.output

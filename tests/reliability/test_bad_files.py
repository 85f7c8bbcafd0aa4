"""Bad files: refused with a clear message and left untouched; good but unusual files load with exact offsets
and save back byte for byte (line endings and byte-order mark kept)."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from canvas_tui.bootstrap import SessionOptions, open_session
from canvas_tui.document.files import MAX_FILE_BYTES, FileProblem, load_text, save_text
from canvas_tui.document.units import segment
from canvas_tui.headless import HeadlessChat
from canvas_tui.llm.scripted import ScriptedClient
from tests.fakes import fake_behaviours

BAD_FILES = {
    "binary": (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), "binary"),
    "nul bytes in text": (b"Hello\x00world\n", "binary"),
    "invalid utf-8": (b"caf\xe9 au lait\n", "not valid UTF-8"),
    "truncated utf-8 sequence": (b"emoji \xf0\x9f\x99", "not valid UTF-8"),
    "utf-16 with its bom": ("Hello\n".encode("utf-16"), "binary"),
}

GOOD_FILES = {
    "lf": b"# Title\n\nFirst paragraph. Second sentence.\n\nLast one.\n",
    "crlf": b"# Title\r\n\r\nFirst paragraph. Second sentence.\r\n\r\nLast one.\r\n",
    "lone cr": b"# Title\r\rFirst paragraph. Second sentence.\r\rLast one.\r",
    "mixed endings": b"# Title\r\n\nFirst paragraph.\r\rSecond one.\nLast, no newline",
    "bom and crlf": b"\xef\xbb\xbf# Title\r\n\r\nCaf\xc3\xa9 first. Second sentence.\r\n",
    "bom only": b"\xef\xbb\xbf",
    "empty": b"",
    "unicode": "# 東京 🙂\n\nNaïve e\u0301 text. Zero\u200bwidth.\u2028Line sep.\n".encode(),
}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name.replace(" ", "-")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_in_plain_words_and_left_as_it_was(tmp_path, name):
    data, reason = BAD_FILES[name]
    path = _write(tmp_path, name, data)
    with pytest.raises(FileProblem, match=reason) as refused:
        load_text(path)
    assert str(path) in str(refused.value) and "Traceback" not in str(refused.value)
    assert path.read_bytes() == data


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.md"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    with pytest.raises(FileProblem, match="52 MB; canvas-tui opens text files up to 20 MB"):
        load_text(path)
    assert path.stat().st_size == 50 * 1024 * 1024 > MAX_FILE_BYTES


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(FileProblem, match="is a directory"):
        load_text(tmp_path)


@pytest.mark.parametrize("where", ["missing", "dangling link", "under a file"])
def test_an_unreadable_path_is_refused_with_the_reason(tmp_path, where):
    path = {
        "missing": tmp_path / "nope.md",
        "dangling link": tmp_path / "link.md",
        "under a file": tmp_path / "file.md" / "inside.md",
    }[where]
    (tmp_path / "link.md").symlink_to(tmp_path / "gone.md")
    (tmp_path / "file.md").write_text("x")
    with pytest.raises(FileProblem, match="Cannot read .*: (No such file|Not a directory)"):
        load_text(path)


def test_a_file_without_read_permission_is_refused(tmp_path, monkeypatch):
    path = _write(tmp_path, "secret.md", b"text")
    path.chmod(0)
    if os.geteuid() == 0:
        monkeypatch.setattr(
            Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
        )
    with pytest.raises(FileProblem, match="Cannot read .*: Permission denied"):
        load_text(path)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_is_refused_instead_of_blocking_or_reading_forever(tmp_path, kind):
    path = tmp_path / "pipe"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    with pytest.raises(FileProblem, match="not a regular file"):
        load_text(path)


@pytest.mark.parametrize("name", GOOD_FILES)
def test_an_unusual_good_file_loads_with_exact_offsets_and_saves_back_byte_for_byte(tmp_path, name):
    data = GOOD_FILES[name]
    path = _write(tmp_path, name, data)
    loaded = load_text(path)
    assert loaded.bom == data.startswith(b"\xef\xbb\xbf")
    assert (("\ufeff" if loaded.bom else "") + loaded.text).encode() == data
    segmentation = segment(loaded.text)
    for unit in (*segmentation.sections, *segmentation.paragraphs, *segmentation.sentences):
        piece = loaded.text[unit.start : unit.end]
        assert piece and piece == piece.strip() and "\ufeff" not in piece
    save_text(path, loaded.text, bom=loaded.bom)
    assert path.read_bytes() == data


@pytest.mark.parametrize("name", GOOD_FILES)
async def test_the_headless_chat_saves_an_opened_file_back_unchanged(tmp_path, settings, name):
    data = GOOD_FILES[name]
    path = _write(tmp_path, name, data)
    session = open_session(
        settings, SessionOptions(document=path), client=ScriptedClient(), behaviours=fake_behaviours()
    )
    out = io.StringIO()
    await HeadlessChat(session, out).run([f"/save {path}", f"/save {tmp_path / 'copy.md'}"])
    assert f"saved {path}" in out.getvalue()
    assert path.read_bytes() == data and (tmp_path / "copy.md").read_bytes() == data
    session.log.close()


@pytest.mark.parametrize("name", ["binary", "invalid utf-8"])
def test_the_headless_chat_refuses_a_bad_file_and_exits_with_a_message(tmp_path, name):
    from click.testing import CliRunner

    from canvas_tui.cli import cli

    data = BAD_FILES[name][0]
    path = _write(tmp_path, name, data)
    result = CliRunner().invoke(
        cli,
        [
            "chat",
            "--headless",
            "--doc",
            str(path),
            "--backend",
            "url",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--log",
            str(tmp_path / "log.db"),
        ],
        input="hello\n",
    )
    assert result.exit_code == 1 and f"error: {path}" in result.output and "Traceback" not in result.output
    assert path.read_bytes() == data


async def test_saving_over_a_directory_or_into_a_missing_folder_is_an_error_line_and_writes_nothing(tmp_path, settings):
    session = open_session(settings, client=ScriptedClient(), behaviours=fake_behaviours())
    session.open_document("text\n")
    out = io.StringIO()
    (tmp_path / "folder").mkdir()
    await HeadlessChat(session, out).run([f"/save {tmp_path / 'folder'}", f"/save {tmp_path / 'no' / 'where.md'}"])
    assert out.getvalue().count("[error]") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "log.sqlite3", "log.sqlite3-shm", "log.sqlite3-wal"]
    assert list((tmp_path / "folder").iterdir()) == []
    session.log.close()


def test_saving_through_a_symbolic_link_updates_the_file_it_points_to_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = _write(tmp_path / "real", "notes.md", b"old\n")
    link = tmp_path / "notes.md"
    link.symlink_to(target)
    save_text(link, "new\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["notes.md"]


def test_a_new_file_is_saved_with_the_mode_the_umask_gives_and_an_existing_one_keeps_its_own(tmp_path):
    previous = os.umask(0o022)
    try:
        save_text(tmp_path / "new.md", "new\n")
        kept = _write(tmp_path, "kept.md", b"old\n")
        kept.chmod(0o600)
        save_text(kept, "new\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

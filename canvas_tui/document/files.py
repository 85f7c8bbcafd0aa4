"""Reading and writing documents on disk: clear errors for bad files, atomic saves, line endings kept."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
BOM = "\ufeff"


class FileProblem(ValueError):
    """A file that cannot be opened as a document; the message says why in plain words."""


@dataclass(frozen=True)
class LoadedFile:
    """A document's text as loaded (BOM removed, line endings untouched), and how to write it back."""

    path: Path
    text: str
    bom: bool


def load_text(path: Path) -> LoadedFile:
    """Read a UTF-8 text file; refuse directories, pipes, devices, unreadable, binary, huge or non-UTF-8 files clearly."""
    path = Path(path)
    if path.is_dir():
        raise FileProblem(f"{path} is a directory, not a text file.")
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise FileProblem(f"{path} is not a regular file (a pipe or a device); canvas-tui opens text files.")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise FileProblem(
                f"{path} is {size / 1e6:.0f} MB; canvas-tui opens text files up to "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if b"\x00" in data:
        raise FileProblem(f"{path} looks like a binary file (it contains NUL bytes); canvas-tui opens text files.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{path} is not valid UTF-8 text (bad byte at position {exc.start}).") from exc
    bom = text.startswith(BOM)
    return LoadedFile(path=path, text=text[1:] if bom else text, bom=bom)


def has_bom(path: Path | None) -> bool:
    """True when the file at `path` starts with a UTF-8 byte-order mark (so a save can keep it)."""
    if path is None:
        return False
    try:
        with open(path, "rb") as file:
            return file.read(3) == BOM.encode("utf-8")
    except OSError:
        return False


def _new_file_mode() -> int:
    """0666 less the process umask: read from /proc where there is one (os.umask can only swap it, which would give
    other threads' new files mode 0666 for that moment), else swapped back at once."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        current = next(int(line.split()[1], 8) for line in status.splitlines() if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        current = os.umask(0o022)
        os.umask(current)
    return 0o666 & ~current


def save_text(path: Path, text: str, *, bom: bool = False) -> None:
    """Write atomically: a temporary file beside the target, fsynced, then renamed over it.

    A symbolic link is followed, so the file it points to is updated and the link kept. An existing file keeps its
    mode; a new one gets the mode any editor would give it (0666 less the umask), not the temporary file's 0600.
    """
    path = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    data = ((BOM if bom else "") + text).encode("utf-8")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

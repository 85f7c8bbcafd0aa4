"""The documents edit and comment examples are written about, found by file name.

Folders come from the behaviour's pipeline.toml (relative to behaviours/) plus any extra folder
given on the command line (e.g. ../shared/corpus). Texts are read with their newlines kept,
so every offset computed on them is an offset of the file.
"""

from __future__ import annotations

import fnmatch
from functools import lru_cache
from pathlib import Path

from canvas_tui.paths import behaviours_dir
from canvas_tui.pipeline.config import DocumentSettings

SUFFIXES = {".md", ".txt"}


@lru_cache(maxsize=256)
def _read(path: Path, modified_ns: int) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def read_text(path: Path) -> str:
    """A document's exact text (cached per modification time)."""
    return _read(path, path.stat().st_mtime_ns)


class DocumentStore:
    """The documents one behaviour may use, by name."""

    def __init__(self, settings: DocumentSettings, extra: list[Path] | None = None) -> None:
        self.settings = settings
        self.folders = [behaviours_dir() / folder for folder in settings.folders] + list(extra or [])

    def _excluded(self, path: Path) -> bool:
        return any(fnmatch.fnmatch(path.name, pattern) for pattern in self.settings.exclude)

    def candidates(self) -> list[Path]:
        """Documents the teacher may be given: right suffix, not excluded, short enough for a prompt."""
        found = [
            path
            for folder in self.folders
            if folder.is_dir()
            for path in sorted(folder.iterdir())
            if path.suffix in SUFFIXES and not self._excluded(path)
        ]
        return [path for path in found if 0 < path.stat().st_size <= self.settings.max_chars]

    def find(self, name: str) -> Path | None:
        """The file called `name` in the first folder that has it."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return None

    def text(self, name: str) -> str | None:
        """The text of document `name`, or None when no folder has it."""
        path = self.find(name)
        return read_text(path) if path else None

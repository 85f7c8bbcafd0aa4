"""Autosave copies of unsaved documents in the user data directory, and finding one worth restoring."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from canvas_tui.document import Document
from canvas_tui.document.files import FileProblem, load_text, save_text
from canvas_tui.paths import user_data_dir


def autosave_path(document: Document) -> Path:
    """`<data>/autosave/<name>-<hash>.<ext>`: one copy per file (hash of its absolute path), or per
    unsaved document (hash of its creation time), so two documents never share a copy."""
    if document.path is not None:
        path = Path(document.path).resolve()
        digest = hashlib.sha1(str(path).encode()).hexdigest()[:8]
        name = f"{path.stem}-{digest}{path.suffix}"
    else:
        digest = hashlib.sha1(document.versions[0].created.isoformat().encode()).hexdigest()[:8]
        name = (re.sub(r"[^\w-]+", "-", document.title).strip("-").lower() or "untitled") + f"-{digest}.md"
    return user_data_dir() / "autosave" / name


def write_autosave(document: Document) -> Path:
    """Write the document's current text to its autosave copy (atomic)."""
    path = autosave_path(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_text(path, document.text)
    return path


def remove_autosave(document: Document) -> None:
    """Forget the autosave copy once the document is saved."""
    autosave_path(document).unlink(missing_ok=True)


def newer_autosave(document: Document) -> tuple[Path, str] | None:
    """An autosave of this file that is newer than the file and differs from it, with its text."""
    if document.path is None:
        return None
    path = autosave_path(document)
    try:
        if not path.exists() or path.stat().st_mtime <= Path(document.path).stat().st_mtime:
            return None
        text = load_text(path).text
    except (OSError, FileProblem):
        return None
    return (path, text) if text != document.text else None

"""The one data hasher: the sha256 of a training set's rows (each behaviour says what identifies a row) or a file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def digest(records: Iterable[str]) -> str:
    """The sha256 of the records' UTF-8 texts in order: the identity of a training set."""
    hasher = hashlib.sha256()
    for record in records:
        hasher.update(record.encode("utf-8"))
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()

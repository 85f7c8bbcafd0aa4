"""Embedding vectors kept on disk between runs, so `traffic drift` encodes each label and input text once.

Encoding every label row on every run took over ten minutes (MiniLM at about 17 texts a second on a busy
machine), for texts that rarely change. The cache is one file per encoder (its name holds a key of the
encoder's files, so a new model never reads an old model's vectors) mapping a hash of each text to its vector.
It is only ever a shortcut: a missing, unreadable or malformed file is treated as empty and rewritten whole
(written to a temporary file and moved into place, so an interrupted write leaves the old file or none).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

KEEP = 60000
"""At most this many vectors stay in the file (the ones the last run used first): about 90 MB."""
KEY_BYTES = 16


def encoder_key(folder: Path) -> str:
    """A short key of an encoder's files (names, sizes and modification times): new weights give a new key."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def text_key(text: str) -> bytes:
    """The hash a text's vector is filed under."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES).digest()


class VectorCache:
    """Vectors by text hash, read from `folder`/vectors-<encoder key>.npz and written back after each new batch."""

    def __init__(self, folder: Path, encoder: str) -> None:
        self.path = folder / f"vectors-{encoder}.npz"
        self.vectors: dict[bytes, np.ndarray] = _load(self.path)
        self.used: dict[bytes, None] = {}
        self.hits = self.misses = 0

    def embed(self, texts: list[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """One vector per text: cached ones read, the rest (each distinct text once) by `encode`, then saved."""
        keys = [text_key(text) for text in texts]
        missing = {key: text for key, text in zip(keys, texts) if key not in self.vectors}
        self.hits += len(keys) - sum(key in missing for key in keys)
        self.misses += len(missing)
        self.used.update(dict.fromkeys(keys))
        if missing:
            self.vectors.update(zip(missing, encode(list(missing.values()))))
            self.save()
        if not keys:
            return np.zeros((0, 0), np.float32)
        return np.stack([self.vectors[key] for key in keys])

    def save(self) -> None:
        """Write the cache (the vectors used this run first, at most KEEP); a folder that cannot be written is
        left alone (the cache is a shortcut, never a reason to fail)."""
        order = [*self.used, *(key for key in self.vectors if key not in self.used)][:KEEP]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".npz.tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(
                    file,
                    keys=np.frombuffer(b"".join(order), np.uint8).reshape(len(order), KEY_BYTES),
                    vectors=np.stack([self.vectors[key] for key in order]).astype(np.float32),
                )
            os.replace(temporary, self.path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return
        for stale in self.path.parent.glob("vectors-*.npz"):
            if stale != self.path:
                stale.unlink(missing_ok=True)


def _load(path: Path) -> dict[bytes, np.ndarray]:
    """The file's vectors by key, or none when it is missing, unreadable or not shaped as this module writes."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            keys, vectors = stored["keys"], stored["vectors"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return {}
    shaped = keys.ndim == 2 and keys.shape[1] == KEY_BYTES and vectors.ndim == 2 and len(vectors) == len(keys)
    if not shaped or keys.dtype != np.uint8 or vectors.dtype != np.float32:
        return {}
    return {bytes(key): vector for key, vector in zip(keys, vectors)}

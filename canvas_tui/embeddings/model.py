"""Sentence embeddings from all-MiniLM-L6-v2: tokenise, batch with padding, encode, cache per text.

`Embedder.embed` returns one unit-length 384-dimensional vector per text, so a dot product is the
cosine similarity. Vectors are cached by a hash of the text: a document's units are encoded once,
and later requests on the same (or a lightly edited) document only encode what is new.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np

from canvas_tui.embeddings.encoder import encode
from canvas_tui.embeddings.weights import Weights, load_weights, model_dir

MAX_TOKENS = 128
BATCH = 32
CACHE_SIZE = 16384
DIMENSIONS = 384


class Embedder:
    """The MiniLM sentence encoder with a bounded cache of vectors by text hash."""

    def __init__(self, folder: Path, weights: Weights | None = None) -> None:
        """Tokenizer and weights from `folder`; `weights` replaces the folder's (a fine-tuned copy, see `lora`)."""
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.weights: Weights = weights or load_weights(folder)
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors (len(texts), 384) for `texts`, encoding only those not cached yet (one caller at a time:
        the app's locator runs in a worker thread)."""
        with self._lock:
            return self._embed(texts)

    def _embed(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        found = {k: self._cache[k] for k in keys if k in self._cache}
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            by_key = dict(zip(keys, texts))
            found.update(zip(missing, self._encode([by_key[k] for k in missing])))
        for key in dict.fromkeys(keys):
            self._remember(key, found[key])
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, DIMENSIONS), np.float32)

    def _remember(self, key: bytes, vector: np.ndarray) -> None:
        """Keep the vector as the most recently used; forget the least recently used past CACHE_SIZE."""
        self._cache[key] = vector
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Encode in batches of similar length (less padding), returned in the order given."""
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda n: len(texts[n]))
        vectors = np.zeros((len(texts), DIMENSIONS), np.float32)
        for begin in range(0, len(order), BATCH):
            chosen = order[begin : begin + BATCH]
            length = max(sum(encodings[n].attention_mask) for n in chosen)
            ids = np.array([encodings[n].ids[:length] for n in chosen], dtype=np.int64)
            mask = np.array([encodings[n].attention_mask[:length] for n in chosen], dtype=np.int64)
            vectors[chosen] = encode(self.weights, ids, mask)
        return vectors


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | None:
    """The shared embedder, loaded on first use; None when the model package, or the tokenizers or safetensors
    library that reads it, is not installed."""
    folder = model_dir()
    readers = all(importlib.util.find_spec(name) for name in ("tokenizers", "safetensors"))
    return Embedder(folder) if folder and readers else None

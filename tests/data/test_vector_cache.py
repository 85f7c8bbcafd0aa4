"""The on-disk vector cache of `traffic drift`: each text encoded once across runs, never trusted when damaged."""

from __future__ import annotations

import numpy as np

from canvas_tui.data.vector_cache import VectorCache


class CountingEncoder:
    """A fake encoder that remembers what it was asked to encode."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.asked += texts
        return np.array([[len(text), text.count("a"), 1.0] for text in texts], np.float32)


def test_a_second_run_encodes_only_texts_it_has_not_seen(tmp_path):
    encoder = CountingEncoder()
    first = VectorCache(tmp_path, "minilm").embed(["tea", "rain", "tea"], encoder)
    again = VectorCache(tmp_path, "minilm")
    vectors = again.embed(["rain", "tea", "coffee"], encoder)
    assert encoder.asked == ["tea", "rain", "coffee"]
    assert np.array_equal(vectors[:2], first[[1, 0]]) and (again.hits, again.misses) == (2, 1)


def test_a_damaged_cache_file_is_read_as_empty_and_rewritten(tmp_path):
    (tmp_path / "vectors-minilm.npz").write_bytes(b"not a numpy archive")
    encoder = CountingEncoder()
    assert VectorCache(tmp_path, "minilm").embed(["tea"], encoder).shape == (1, 3)
    assert encoder.asked == ["tea"]
    VectorCache(tmp_path, "minilm").embed(["tea"], encoder)
    assert encoder.asked == ["tea"]


def test_another_encoder_never_reads_the_old_vectors_and_the_old_file_goes(tmp_path):
    encoder = CountingEncoder()
    VectorCache(tmp_path, "old-model").embed(["tea"], encoder)
    VectorCache(tmp_path, "new-model").embed(["tea"], encoder)
    assert encoder.asked == ["tea", "tea"]
    assert [path.name for path in tmp_path.iterdir()] == ["vectors-new-model.npz"]


def test_a_folder_that_cannot_be_written_only_costs_the_cache(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    encoder = CountingEncoder()
    assert VectorCache(blocked / "cache", "minilm").embed(["tea"], encoder).shape == (1, 3)

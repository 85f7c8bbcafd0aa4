"""Long commands show progress on stderr: `traffic drift` embeds in chunks that advance its bar."""

from __future__ import annotations

import numpy as np

from canvas_tui.cli.common import progress_bar
from canvas_tui.cli.traffic_cmds import _embedding_shown


def embed(texts: list[str]) -> np.ndarray:
    return np.array([[len(text), 1.0] for text in texts])


def test_drift_embeds_in_chunks_that_advance_the_bar_and_give_the_same_vectors():
    texts = [f"text {n}" * (n % 7 + 1) for n in range(600)]
    with progress_bar(quiet=True) as bar:
        task = bar.add_task("router", total=None)
        vectors = _embedding_shown(embed, bar, task, "router", chunk=256)(texts)
        shown = bar.tasks[0]
    assert np.array_equal(vectors, embed(texts))
    assert (shown.completed, shown.total) == (600, 600) and "embedding 600 texts" in shown.description

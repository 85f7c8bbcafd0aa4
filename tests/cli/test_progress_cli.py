"""Long commands show progress on stderr: `traffic drift` embeds in chunks that advance its bar, which shows the
time left."""

from __future__ import annotations

import numpy as np

from canvas_tui.cli.common import RemainingColumn, progress_bar
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


def test_the_bar_shows_the_time_left_once_a_step_of_known_size_has_a_rate():
    clock = iter(range(100))
    with progress_bar(quiet=True) as bar:
        bar.get_time = lambda: float(next(clock))
        unsized = bar.add_task("reading", total=None)
        sized = bar.add_task("embedding", total=100)
        remaining = RemainingColumn()
        assert remaining.render(bar.tasks[sized]).plain == ""
        bar.advance(sized, 10)
        bar.advance(sized, 10)
        assert remaining.render(bar.tasks[unsized]).plain == ""
        assert remaining.render(bar.tasks[sized]).plain.endswith(" left")

"""A correction made in the app (closing a canvas the model opened) comes out of `export labels` as a row."""

from __future__ import annotations

import csv
import io

from canvas_tui.data.exports import label_rows, write_labels
from canvas_tui.log.datalog import DataLog
from tests.app.conftest import SIZE, send


async def test_closing_the_canvas_in_the_app_becomes_an_inline_label(make_app, settings, tmp_path, monkeypatch):
    behaviours = tmp_path / "behaviours" / "trigger"
    behaviours.mkdir(parents=True)
    (behaviours / "labels.csv").write_text("prompt,label,context,category,note\n")
    monkeypatch.setenv("CANVAS_TUI_BEHAVIOURS_DIR", str(tmp_path / "behaviours"))
    app, session = make_app(["# Powers of two\n\n1, 2, 4, 8"], trigger=["canvas"])
    async with app.run_test(size=SIZE) as pilot:
        await send(pilot, app, "Write down the powers of two up to 8")
        assert app.canvas.display
        await pilot.press("ctrl+o")
        assert not app.canvas.display
    out = io.StringIO()
    log = DataLog(settings.log_path)
    write_labels(label_rows(log, "trigger"), "trigger", out, None)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["prompt"] == "Write down the powers of two up to 8"
    assert row["label"] == "inline" and row["source"] == "real-use"

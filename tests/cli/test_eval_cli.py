"""`canvas-tui eval BEHAVIOUR --impl NAME`: a name the behaviour does not declare is a usage error before any work."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from canvas_tui.cli import cli, pipeline_cmds
from canvas_tui.pipeline.registry import names


@pytest.mark.parametrize("behaviour", names())
def test_an_unknown_implementation_is_a_usage_error_naming_the_known_ones(behaviour, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline_cmds, "_entry", lambda *args: pytest.fail("the eval started"))
    result = CliRunner().invoke(cli, ["eval", behaviour, "--impl", "nope", "--report-dir", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{behaviour} has no implementation nope; known: " in result.output

"""`canvas-tui log`: the last decisions as a table, the one a turn went on with recognisable."""

from __future__ import annotations

from click.testing import CliRunner

from canvas_tui.cli import cli
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.session import Session
from tests.fakes import fake_behaviours


async def test_a_locator_part_that_a_named_place_overrode_is_shown_as_not_used(settings, decision_log):
    doc = "# Plan\n\n## Risks\n\nThe venue may close early.\n"
    session = Session(
        ScriptedClient([]),
        fake_behaviours(trigger=["edit"], needle="The venue may close early."),
        decision_log,
        settings,
    )
    session.open_document(doc, title="plan")
    await session.turn('Rename the heading "Risks" to "Open risks"')
    result = CliRunner().invoke(
        cli, ["log", "--behaviour", "locate", "--log", str(settings.log_path)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    [overridden] = [line for line in result.output.splitlines() if "overridden, not used" in line]
    assert "named-place" not in overridden
    assert sum("named-place" in line for line in result.output.splitlines()) == 1

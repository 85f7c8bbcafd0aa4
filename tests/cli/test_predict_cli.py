"""`canvas-tui predict`: its help says what it promises."""

from __future__ import annotations

from click.testing import CliRunner

from canvas_tui.cli import cli


def test_the_usage_line_shows_the_behaviour_as_required():
    usage = CliRunner().invoke(cli, ["predict", "--help"]).output.splitlines()[0]
    assert "{anchor|" in usage and "[anchor|" not in usage


def test_the_help_says_blank_lines_are_skipped_and_outputs_carry_ids():
    text = " ".join(CliRunner().invoke(cli, ["predict", "--help"]).output.split())
    assert "blank input lines are skipped" in text.lower() and "carries its input's id" in text

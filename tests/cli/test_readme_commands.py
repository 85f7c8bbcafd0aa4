"""Every command line README.md quotes names a command that exists and only options that command has."""

from __future__ import annotations

import re
import shlex

import click
import pytest

from canvas_tui.cli import cli
from canvas_tui.paths import PROJECT_ROOT

PROGRAM = re.compile(r"(?:\.venv/bin/)?canvas-tui\b")


def quoted_command_lines() -> list[str]:
    """The README's `canvas-tui ...` command lines: in sh code blocks (comments dropped) and in inline code."""
    lines, fence = [], None
    for line in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = None if fence is not None else line[3:]
        elif fence == "sh":
            lines.append(line.split(" # ")[0])
        elif fence is None:
            lines += [span for span in re.findall(r"`([^`]+)`", line) if PROGRAM.search(span)]
    commands = []
    for line in lines:
        for part in re.split(r"&&|\|", line):
            found = PROGRAM.search(part)
            if found and not part[: found.start()].strip().startswith("#"):
                commands.append(part[found.end() :].strip())
    return commands


def leaf(arguments: list[str]) -> tuple[click.Command, list[str]]:
    """The command the arguments name (a group's default command when the next word is none of its commands)."""
    command, rest = cli, arguments
    while isinstance(command, click.Group):
        if rest and rest[0] in command.commands:
            command, rest = command.commands[rest[0]], rest[1:]
        elif getattr(command, "default_command", None) and not (rest and rest[0] in ("-h", "--help", "--version")):
            command = command.commands[command.default_command]
        else:
            break
    return command, rest


def unknown_options(line: str) -> list[str]:
    """The words of a command line that are neither a command of its group nor an option of its command."""
    words = [word.strip("[]") for word in shlex.split(line.replace("...", "x"))]
    command, rest = leaf(words[: words.index("--")] if "--" in words else words)
    if isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
        return [rest[0]]
    known = {name for parameter in command.params for name in (*parameter.opts, *parameter.secondary_opts)}
    known |= {"-h", "--help", "--version"}
    return [word for word in rest if word.startswith("-") and word.split("=")[0] not in known]


@pytest.mark.parametrize("line", quoted_command_lines())
def test_a_command_line_the_readme_quotes_uses_only_options_its_command_has(line):
    assert unknown_options(line) == []


def test_the_readme_quotes_command_lines():
    assert len(quoted_command_lines()) > 40

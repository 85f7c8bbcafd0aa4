"""Sentences of markdown prose with inline code (spec.md, Units): a dot inside backticks ends no sentence."""

from __future__ import annotations

from canvas_tui.document.units import segment

GUIDE = "On Windows, run `.venv\\Scripts\\Activate.ps1` instead. Add `.venv/` to your `.gitignore` file. Done.\n"


def _sentences(text: str) -> list[str]:
    return [text[u.start : u.end] for u in segment(text).units("sentence")]


def test_a_dotfile_name_in_backticks_does_not_split_its_sentence() -> None:
    assert _sentences(GUIDE) == [
        "On Windows, run `.venv\\Scripts\\Activate.ps1` instead.",
        "Add `.venv/` to your `.gitignore` file.",
        "Done.",
    ]


def test_sentences_after_inline_code_still_split() -> None:
    assert _sentences("Type `ls`. Then press Enter.\n") == ["Type `ls`.", "Then press Enter."]

"""What the comment cues see: code smells only where they are smells in that language, figures only where they are
figures."""

from __future__ import annotations

from canvas_tui.behaviours.comment.candidates import Candidate
from canvas_tui.behaviours.comment.cues import code_cues, prose_cues


def _whole(text: str, kind: str = "sentence") -> Candidate:
    return Candidate(start=0, end=len(text), kind=kind, index=0, count=1)


def test_loose_equality_with_a_string_is_a_javascript_smell_not_a_python_one():
    javascript, python = 'if (answer == "yes") {', 'if __name__ == "__main__":'
    assert code_cues(_whole(javascript, "code"), javascript)["loose_equality"]
    assert not code_cues(_whole(python, "code"), python)["loose_equality"]


def test_a_list_items_number_is_no_figure_but_a_figure_inside_it_is():
    item = "1. Finish the onboarding flow and test it with 5 users."
    assert prose_cues(_whole(item), item, {})["number"] == ["5"]

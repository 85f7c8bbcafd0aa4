"""A message split into the request and the material pasted with it."""

from __future__ import annotations

from canvas_tui.behaviours.trigger.message import split_message


def test_a_plain_request_is_all_request():
    parts = split_message("Write a cover letter for a nursing job in Leeds.")
    assert parts.request == "Write a cover letter for a nursing job in Leeds." and not parts.pasted


def test_fenced_code_after_an_instruction_is_material():
    parts = split_message("Refactor this to use pathlib:\n\n```python\nimport os\nprint(os.getcwd())\n```")
    assert parts.request == "Refactor this to use pathlib:" and parts.kinds == {"code"}


def test_a_stack_trace_is_error_material_and_the_question_stays_the_request():
    trace = (
        'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\n    main()\n'
        "TypeError: main() missing 1 required positional argument"
    )
    parts = split_message(f"why does this fail?\n\n{trace}")
    assert parts.request == "why does this fail?" and "error" in parts.kinds


def test_a_long_pasted_article_beside_a_short_instruction_is_material():
    article = "The city council met on Tuesday to discuss the new budget. " * 12
    parts = split_message(f"Summarize this article in three bullet points.\n\n{article}")
    assert parts.request == "Summarize this article in three bullet points." and parts.kinds == {"prose"}


def test_an_instruction_before_a_colon_on_one_long_line_is_the_request():
    parts = split_message(
        "Rewrite this to sound more formal: " + "we gonna ship it soon and it's gonna be great. " * 12
    )
    assert parts.request == "Rewrite this to sound more formal" and parts.pasted


def test_code_alone_has_no_request():
    parts = split_message("def add(a, b):\n    return a + b\n\nclass Point:\n    x: int\n    y: int")
    assert parts.request == "" and parts.kinds == {"code"}

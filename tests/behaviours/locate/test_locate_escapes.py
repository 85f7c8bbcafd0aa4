"""A request quotes a document as its reader sees it: `50%` is the text the markdown writes `50\\%`,
`my_var_name` is `my\\_var\\_name`; the quote finds that sentence, not a look-alike without escapes."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.locate import decide

REPORT = r"""# Report

Sales were flat. About 50\% of users came back, up from 30\% last year.

Set my\_var\_name in the config. Keep \*draft\* notes out of the release.

The end.

Sales fell 5% in May. Set my_var_nam in the config, said nobody. About 5 of users came back.
"""


@pytest.mark.parametrize(
    ("request_text", "sentence"),
    [
        ('Fix "Set my_var_name in the config."', r"Set my\_var\_name in the config."),
        ('Rewrite "About 50% of users came back"', r"About 50\% of users came back, up from 30\% last year."),
        ('Reword the bit that says "keep *draft* notes out"', r"Keep \*draft\* notes out of the release."),
    ],
)
def test_a_quoted_request_finds_the_sentence_the_document_writes_with_escapes(request_text, sentence):
    decision = decide(REPORT, request_text)
    assert decision.span is not None and REPORT[decision.span.start : decision.span.end] == sentence


def test_the_quote_as_escaped_in_the_markdown_finds_it_too():
    decision = decide(REPORT, r'Shorten "Set my\_var\_name in the config."')
    assert REPORT[decision.span.start : decision.span.end] == r"Set my\_var\_name in the config."

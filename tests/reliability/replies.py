"""Hypothesis strategies for what a weak or broken model can reply, and documents to reply about.

Replies are built from the document they answer (quotes that match, almost match, or match
nothing) and from the usual failure shapes: empty, huge, invalid JSON, JSON of the wrong shape,
control characters, markup and terminal escapes. The document changes from turn to turn, so a
strategy draws a *recipe* (document -> reply), built once and applied to the current text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial

from hypothesis import strategies as st

DOCUMENTS = [
    "# Plan\n\nWe ship on Monday. Everyone helps.\n\n## Budget\n\nThe budget is small. Ask Ana before spending.\n",
    "Line one\r\nLine two has CRLF endings.\r\n\r\nA second paragraph.\r\n",
    "Lone CR\rendings\rhere. Café, naïve, 東京, emoji 🙂 and combining e\u0301.\n\n- item one\n- item two\n",
    "```python\ndef add(a, b):\n    return a + b\n```\n\nThe function adds [bold]two[/] numbers.\n",
    "x",
]

HOSTILE = [
    "[bold]red[/]",
    "[@click=app.quit]quit[/]",
    "[/]",
    "\x1b[2J\x1b[H",
    "\x1b]0;title\x07",
    "\x00",
    "\x9b31m",
    "\u202e",
    "\ufeff",
    "\r",
    "<passage>",
    "</document>",
    "Request:",
    "```",
    "{",
    '{"comments": ',
    "\\u0000",
]

control_text = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Cs"]), max_size=40)
"""C0/C1 controls, format characters, line/paragraph separators and lone surrogates (broken UTF-8 upstream)."""
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


Recipe = Callable[[str], str]


def _constant(text: str, _document: str) -> str:
    return text


def _slice(a: int, b: int, document: str) -> str:
    size = len(document) + 5
    return document[min(a % size, b % size) : max(a % size, b % size)]


def _mutate(piece: Recipe, where: int, insert: str, cut: int, document: str) -> str:
    text = piece(document)
    where = where % (len(text) + 1)
    return text[:where] + insert + text[where + cut :]


def _frame(frame: str, inner: Recipe, document: str) -> str:
    return frame.replace("{}", inner(document))


def _repeat(times: int, document: str) -> str:
    return document * times


def constant(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[Recipe]:
    """Replies that do not depend on the document."""
    return strategy.map(lambda text: partial(_constant, text))


def huge() -> st.SearchStrategy[str]:
    """A piece repeated into a reply of 20,000 to 120,000 characters (far past any max_tokens)."""
    return st.builds(
        lambda text, size: (text * (size // len(text) + 1))[:size],
        st.text(min_size=1, max_size=12),
        st.integers(20_000, 120_000),
    )


slices = st.builds(partial, st.just(_slice), st.integers(0, 10_000), st.integers(0, 10_000))
"""Pieces of the document, including empty ones and ones cut mid-character-cluster."""

mutated = st.builds(
    partial,
    st.just(_mutate),
    slices,
    st.integers(0, 10_000),
    st.sampled_from(HOSTILE) | st.text(max_size=5),
    st.integers(0, 3),
)
"""A piece of the document with a few characters changed, inserted or hostile text spliced in."""

FRAMES = [
    "{}",
    "Sure, here is the text:\n{}",
    "```\n{}\n```",
    "```markdown\n{}",
    "<passage>\n{}\n</passage>",
    "<passage>\nold\n</passage>\n<passage>\n{}\n</passage>",
    '"{}"',
    "{}\n\nI hope this helps!",
]
wrapped = st.builds(
    partial, st.just(_frame), st.sampled_from(FRAMES), slices | mutated | constant(st.text(max_size=80))
)
"""A reply in the wrappers small models add: preambles, code fences, echoed passage tags."""

TEXT_REPLIES: st.SearchStrategy[Recipe] = st.one_of(
    constant(st.sampled_from(["", " ", "\n\n", "\t \r\n"])),
    constant(st.text(max_size=200)),
    constant(control_text),
    constant(st.sampled_from(HOSTILE)),
    constant(json_values.map(json.dumps)),
    constant(huge()),
    slices,
    mutated,
    wrapped,
    st.sampled_from([1, 3]).map(lambda times: partial(_repeat, times)),
)
"""Any text a model might stream back for a chat answer, a new document or an edit."""

QUOTES = slices | mutated | constant(st.text(max_size=60) | st.sampled_from(HOSTILE) | control_text)
"""Quotes a model might give: exact, almost exact, hostile, or matching nothing."""


def _proposals(items: list[tuple[Recipe, str, Recipe | None]], repeat: int, cut: bool, document: str) -> str:
    comments = [
        {
            "quote": quote(document) * repeat,
            "comment": comment,
            "suggestion": suggestion(document) if suggestion else None,
        }
        for quote, comment, suggestion in items
    ]
    text = json.dumps({"comments": comments})
    return text[: len(text) // 2] if cut else text


proposal = st.tuples(
    QUOTES, st.text(max_size=50) | st.sampled_from(HOSTILE), st.none() | slices | constant(st.text(max_size=50))
)
COMMENT_REPLIES: st.SearchStrategy[Recipe] = st.one_of(
    st.builds(
        partial, st.just(_proposals), st.lists(proposal, max_size=14), st.sampled_from([1, 1, 1, 50]), st.booleans()
    ),
    constant(st.builds(lambda value: json.dumps({"comments": value}), json_values)),
    constant(st.sampled_from(["", " ", "null", "[]", "{}", '{"comments": null}', '{"comments": [{}]}'])),
    TEXT_REPLIES,
)
"""Structured comment replies: valid, too many, too long, wrong shape, cut-off JSON, or plain text."""

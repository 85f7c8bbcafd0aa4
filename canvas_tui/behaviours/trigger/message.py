"""A chat message split into what the person asks and the material they pasted with it.

Real first messages often wrap a short request around pasted code, an article, an error log or JSON. The
words of the material say little about where the answer belongs; the request does. `split_message` keeps
the request (the blocks that are not material) and says which kinds of material came with it, so the
trigger and router models, and the drift report, read the two apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from canvas_tui.text import two_ends

_FENCE = re.compile(r"```.*?(?:```|\Z)", re.S)
_CODE_LINE = re.compile(
    r"^\s*(def |class |import |from \S+ import|#include|public |private |function |const |let |var |return\b|"
    r"if \(|for \(|while \(|\}|\{|<\/?[a-zA-Z][\w-]*[ >]|SELECT |INSERT |CREATE TABLE|@\w+|\$ |>>> )"
    r"|[;{}]\s*$|^\s{4,}\S|=>|\)\s*:\s*$"
)
_ERROR_LINE = re.compile(
    r"(Traceback \(most recent|^\s+at [\w.$<>]+\(|^\s*File \".*\", line \d+|\b\w*(Error|Exception)\b"
    r"[:\s]|^\s*(ERROR|WARN|INFO|DEBUG)\b|^\d{4}-\d\d-\d\d[ T]\d\d:)"
)
_JSON_START = re.compile(r"^\s*[\[{]\s*[\"{\[]")
_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEARCH_RESULTS = re.compile(r"web search results|\[\d+\]\s*\"|URL:\s*https?://", re.I)
_INSTRUCTION_PREFIX = re.compile(r"^(.{8,300}?)(:\s*\n|:\s+(?=\S.{400,}))", re.S)
_PERSONA = re.compile(
    r"^\s*(please\s+)?(you are|you're|act as|acting as|i want you to act|pretend|imagine you are|"
    r"as an? [\w -]{3,40},|let's play|from now on|ignore all previous)",
    re.I,
)
LONG_BLOCK = 400
"""A prose block at least this long, beside a shorter block that asks something, is pasted material."""


@dataclass(frozen=True)
class MessageParts:
    """The request the person typed, the material pasted with it, and the material's kinds."""

    request: str
    material: str = ""
    kinds: frozenset[str] = field(default_factory=frozenset)

    @property
    def pasted(self) -> bool:
        """Whether any material came with the request."""
        return bool(self.material.strip())


def _kind(block: str) -> str | None:
    """The kind of material a block is (code, error, json, table, search), or None for prose."""
    lines = [line for line in block.splitlines() if line.strip()]
    if not lines:
        return None
    if _SEARCH_RESULTS.search(block):
        return "search"
    if sum(bool(_ERROR_LINE.search(line)) for line in lines) >= max(1, len(lines) // 3) and len(lines) >= 2:
        return "error"
    if _JSON_START.match(block):
        return "json"
    if sum(bool(_TABLE_LINE.match(line)) for line in lines) >= 2:
        return "table"
    if sum(bool(_CODE_LINE.search(line)) for line in lines) >= max(2, (len(lines) + 1) // 2):
        return "code"
    return None


def _blocks(text: str) -> list[tuple[str, str | None]]:
    """The message's blocks (fenced code whole, else split at blank lines), each with its material kind."""
    blocks: list[tuple[str, str | None]] = []
    position = 0
    for fence in _FENCE.finditer(text):
        blocks += _prose_blocks(text[position : fence.start()])
        blocks.append((fence.group(), _kind(fence.group().strip("`")) or "code"))
        position = fence.end()
    return blocks + _prose_blocks(text[position:])


def _prose_blocks(text: str) -> list[tuple[str, str | None]]:
    """Blocks between blank lines; inside one, a run of two or more code or log lines is a block of its own."""
    blocks: list[tuple[str, str | None]] = []
    for block in re.split(r"\n\s*\n", text):
        if block.strip():
            kind = _kind(block)
            blocks += [(block, kind)] if kind else _line_runs(block)
    return blocks


def _line_runs(block: str) -> list[tuple[str, str | None]]:
    """A prose block split where two or more consecutive lines look like code or a log."""
    runs: list[tuple[list[str], bool]] = []
    for line in block.split("\n"):
        looks = bool(_CODE_LINE.search(line) or _ERROR_LINE.search(line))
        if runs and runs[-1][1] == looks:
            runs[-1][0].append(line)
        else:
            runs.append(([line], looks))
    pieces = [("\n".join(lines), looks and len(lines) >= 2) for lines, looks in runs]
    merged: list[tuple[str, str | None]] = []
    for text, material in pieces:
        kind = (_kind(text) or "code") if material else None
        if merged and merged[-1][1] is None and kind is None:
            merged[-1] = (merged[-1][0] + "\n" + text, None)
        else:
            merged.append((text, kind))
    return [(text, kind) for text, kind in merged if text.strip()]


@lru_cache(maxsize=4096)
def split_message(text: str) -> MessageParts:
    """Split a message into the request and the pasted material (see the module docstring); cached, as the
    models' views and features all read the same split."""
    blocks = _blocks(text)
    asked = [block for block, kind in blocks if kind is None]
    shortest = min((len(block) for block in asked), default=0)
    request, material, kinds = [], [], set()
    for block, kind in blocks:
        long_prose = kind is None and len(block) >= LONG_BLOCK and shortest < LONG_BLOCK and len(asked) > 1
        if kind is None and not long_prose:
            request.append(block)
        else:
            material.append(block)
            kinds.add(kind or "prose")
    if not request or (len(request) == 1 and len(request[0]) >= LONG_BLOCK and not material):
        return _prefix_split(text, kinds)
    return MessageParts(request="\n\n".join(request), material="\n\n".join(material), kinds=frozenset(kinds))


def _prefix_split(text: str, kinds: set[str]) -> MessageParts:
    """No plain request block: a short instruction before a colon ("Rewrite this: <text>") is the request; material
    alone has no request; one long text is read by its two ends."""
    found = _INSTRUCTION_PREFIX.match(text)
    if found and not (_CODE_LINE.search(found.group(1)) or _ERROR_LINE.search(found.group(1))):
        return MessageParts(request=found.group(1), material=text[found.end() :], kinds=frozenset(kinds or {"prose"}))
    if kinds:
        return MessageParts(request="", material=text, kinds=frozenset(kinds))
    if len(text) <= 600:
        return MessageParts(request=text)
    return MessageParts(request=two_ends(text, 300, 200), material=text[300:-200], kinds=frozenset(kinds or {"prose"}))


def meaning_text(message: str) -> str:
    """The part of a message whose meaning is compared with others (embeddings): its request, or its head when it
    is material alone."""
    return split_message(message).request or message[:300]


def persona_preamble(request: str) -> bool:
    """Whether a request opens with a role or persona set-up ("You are a ...", "Act as ...", "As an expert X, ...")."""
    return bool(_PERSONA.match(request))


DOCUMENT_SEPARATOR = "\x1d"
"""Joins a router turn's message and its open document into the one text the router's model reads (a control
character nobody types; `encodable` input never carries it)."""


def with_document(message: str, document: str | None) -> str:
    """The router's model input: the message, then the open document after DOCUMENT_SEPARATOR."""
    return f"{message.replace(DOCUMENT_SEPARATOR, ' ')}{DOCUMENT_SEPARATOR}{document or ''}"


def message_part(text: str) -> str:
    """The message of a model input (all of it when no document was joined)."""
    return text.split(DOCUMENT_SEPARATOR, 1)[0]


def document_part(text: str) -> str:
    """The open document of a model input ("" when none was joined)."""
    return text.split(DOCUMENT_SEPARATOR, 1)[1] if DOCUMENT_SEPARATOR in text else ""

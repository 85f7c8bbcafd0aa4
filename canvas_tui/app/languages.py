"""What kind of document is open: code (and its language), markdown, or plain text."""

from __future__ import annotations

import re
from pathlib import Path

from canvas_tui.document import Document

EXTENSIONS = {
    ".py": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".ts": "javascript",
    ".rs": "rust",
    ".go": "go",
    ".java": "java",
    ".json": "json",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".sql": "sql",
    ".sh": "bash",
    ".bash": "bash",
    ".css": "css",
    ".html": "html",
    ".xml": "xml",
    ".md": "markdown",
    ".markdown": "markdown",
}
FENCE_NAMES = {
    "py": "python",
    "python": "python",
    "js": "javascript",
    "javascript": "javascript",
    "typescript": "javascript",
    "rust": "rust",
    "go": "go",
    "java": "java",
    "json": "json",
    "toml": "toml",
    "yaml": "yaml",
    "sql": "sql",
    "bash": "bash",
    "sh": "bash",
    "shell": "bash",
    "css": "css",
    "html": "html",
    "xml": "xml",
}
WHOLE_FENCE = re.compile(r"\A\s*```[ \t]*([\w+-]*)[^\n]*\n.*\n```\s*\Z", re.DOTALL)
MAX_HIGHLIGHTED_CHARS = 32_000
"""Above this size syntax highlighting is off: TextArea re-queries the whole syntax tree on every
keystroke (about 0.5 ms per KB here; bench/bench_app.py), which would break the 16 ms budget."""


def language_of(document: Document) -> str | None:
    """The TextArea language for a document: from its file extension, else from a fence around all of it."""
    if document.path is not None and Path(document.path).suffix.lower() in EXTENSIONS:
        return EXTENSIONS[Path(document.path).suffix.lower()]
    if document.language and document.path is None:
        return FENCE_NAMES.get(document.language.lower(), "code")
    fence = WHOLE_FENCE.match(document.text)
    if fence is not None:
        return FENCE_NAMES.get(fence.group(1).lower(), "code")
    return None if document.path is not None else "markdown"


def file_suffix(document: Document) -> str:
    """The file name ending to offer when saving a new document: its language's ('.py'), '.txt' for code in a
    language without one here, else '.md'."""
    language = language_of(document)
    if language in (None, "markdown"):
        return ".md"
    return next((suffix for suffix, name in EXTENSIONS.items() if name == language), ".txt")


def is_code(document: Document) -> bool:
    """Code gets code quick actions, line numbers and no soft wrap."""
    return language_of(document) not in (None, "markdown")


def is_markdown(document: Document) -> bool:
    """Markdown documents can switch between source and a rendered preview."""
    return language_of(document) == "markdown"


def highlighted_language(document: Document) -> str | None:
    """The language to highlight with, or None for plain text (unknown language or a very large document)."""
    language = language_of(document)
    if language in (None, "code") or len(document.text) > MAX_HIGHLIGHTED_CHARS:
        return None
    return language

"""A new document's title, from its content: its heading, its first words, or for code what the code defines.

The title names the document in the canvas, in replies ("I wrote “…”") and in the file name offered on save.
"""

from __future__ import annotations

import re

TITLE_WORDS = 6
MAX_TITLE = 60
_FENCE = re.compile(r"^[ \t]{0,3}(?:```+|~~~+)[ \t]*(?P<language>[\w+#-]*)")
_DEFINED = re.compile(
    r"^[ \t]*(?:export[ \t]+)?(?:pub(?:\([\w:]+\))?[ \t]+)?(?:async[ \t]+)?"
    r"(?:def|class|function|fn|func|struct|interface|enum|trait|module|type)[ \t]+(?P<name>[A-Za-z_$][\w$]*)",
    re.MULTILINE,
)
LANGUAGES = {
    "py": "Python",
    "python": "Python",
    "python3": "Python",
    "js": "JavaScript",
    "javascript": "JavaScript",
    "jsx": "JavaScript",
    "ts": "TypeScript",
    "typescript": "TypeScript",
    "tsx": "TypeScript",
    "rs": "Rust",
    "rust": "Rust",
    "go": "Go",
    "golang": "Go",
    "java": "Java",
    "kotlin": "Kotlin",
    "c": "C",
    "cpp": "C++",
    "c++": "C++",
    "cs": "C#",
    "csharp": "C#",
    "c#": "C#",
    "rb": "Ruby",
    "ruby": "Ruby",
    "php": "PHP",
    "swift": "Swift",
    "sh": "Shell",
    "bash": "Shell",
    "shell": "Shell",
    "zsh": "Shell",
    "sql": "SQL",
    "html": "HTML",
    "css": "CSS",
    "json": "JSON",
    "yaml": "YAML",
    "yml": "YAML",
    "toml": "TOML",
}
"""Fence info strings and the language's name in a title (an unknown one is shown as written)."""


_UNFENCED = {
    "python": re.compile(r"^(?:async[ \t]+)?(?:def|class)[ \t]+\w+[^\n]*:[ \t]*$"),
    "javascript": re.compile(r"^(?:export[ \t]+)?(?:async[ \t]+)?function\b[^\n]*\{[ \t]*$"),
    "rust": re.compile(r"^(?:pub[ \t]+)?fn[ \t]+\w+[^\n]*\{[ \t]*$"),
    "go": re.compile(r"^func[ \t]+[^\n]*\{[ \t]*$"),
}
"""How code written with no fence around it opens, by language: a definition line of that language's own shape."""


def unfenced_language(text: str) -> str:
    """The language of a document that opens with a definition and no fence ('def add(a, b):' -> 'python'), or ''
    when its first line is not one: such a document is code, though the model wrote no fence to say so."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return next((language for language, shape in _UNFENCED.items() if shape.match(first)), "")


def title_of(text: str, language: str = "") -> str:
    """The document's heading line, or its first few words when it starts without one; for code (a document that
    opens with a code fence, or whose `language` is known), the language and the first thing its code defines
    ('Python code: add')."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    fence = _FENCE.match(first)
    if fence is not None or language:
        return _code_title(text, fence.group("language") if fence is not None else language)
    cleaned = re.sub(r"^[#\s*_`]+|[*_`]+$", "", first).strip()
    words = cleaned.split()
    if not first.lstrip().startswith("#") and len(words) > TITLE_WORDS:
        return " ".join(words[:TITLE_WORDS]) + "…"
    return cleaned[:MAX_TITLE] or "untitled"


def _code_title(text: str, language: str) -> str:
    """'Python code: add', 'Python code' when it defines nothing by name, 'Code: add' or 'Code' without a language."""
    kind = f"{LANGUAGES.get(language.lower(), language)} code" if language else "Code"
    defined = _DEFINED.search(text)
    return f"{kind}: {defined.group('name')}"[:MAX_TITLE] if defined else kind

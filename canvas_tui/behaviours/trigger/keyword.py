"""The keyword baseline: a creation verb plus an artifact noun opens the canvas.

It is the rule a product would ship first, and the bar the trained target has to beat.
The router baseline adds comment and edit cue words.
"""

from __future__ import annotations

import re

CREATION_VERBS = (
    "write",
    "draft",
    "compose",
    "create",
    "generate",
    "build",
    "make",
    "develop",
    "implement",
    "code",
    "design",
    "prepare",
    "craft",
    "produce",
    "author",
    "program",
    "put together",
)
ARTIFACT_NOUNS = (
    "essay",
    "story",
    "article",
    "blog",
    "post",
    "report",
    "letter",
    "email",
    "e-mail",
    "speech",
    "script",
    "screenplay",
    "proposal",
    "plan",
    "itinerary",
    "syllabus",
    "outline",
    "poem",
    "sonnet",
    "song",
    "lyrics",
    "program",
    "app",
    "application",
    "website",
    "web page",
    "class",
    "function",
    "module",
    "cover letter",
    "resume",
    "cv",
    "memo",
    "newsletter",
    "review",
    "chapter",
    "novel",
    "documentation",
    "readme",
    "guide",
    "tutorial",
    "manual",
    "press release",
    "contract",
    "policy",
    "curriculum",
    "recipe",
    "dialogue",
    "game",
    "tool",
    "bot",
    "api",
    "server",
    "scraper",
    "cli",
)
_VERB = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in CREATION_VERBS) + r")\b", re.IGNORECASE)
_NOUN = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ARTIFACT_NOUNS) + r")s?\b", re.IGNORECASE)
_COMMENT = re.compile(
    r"\b(?:feedback|critique|review|comment|comments|thoughts on|suggestions?|weak|improve)\b", re.IGNORECASE
)
_EDIT = re.compile(
    r"\b(?:make|change|rewrite|shorten|expand|fix|add|remove|delete|replace|translate|turn|"
    r"cut|rephrase|tighten|simplify|polish|edit|update|reword|move|rename|split|merge)\b",
    re.IGNORECASE,
)
_NEW = re.compile(r"\b(?:new|another|separate|also|now|next)\b", re.IGNORECASE)


def keyword_trigger(message: str) -> str:
    """`canvas` when the message has a creation verb and an artifact noun, else `inline`."""
    return "canvas" if _VERB.search(message) and _NOUN.search(message) else "inline"


def keyword_route(message: str) -> str:
    """Router baseline: new artifact -> new_document, comment cues -> comment, edit cues -> edit, else chat."""
    if keyword_trigger(message) == "canvas" and _NEW.search(message):
        return "new_document"
    if _COMMENT.search(message):
        return "comment"
    if _EDIT.search(message):
        return "edit"
    return "chat"

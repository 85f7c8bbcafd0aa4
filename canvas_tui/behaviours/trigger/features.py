"""What the trained models read: the request part of a message and a few hand features.

Real messages often carry pasted material (an article, code, an error log) whose words say nothing
about where the answer belongs. `request_view` reads the request that `split_message` separates from
the material, and the hand features say what was pasted, how long the prompt and its asked output are,
and whether it is a question, a persona preamble or a message with no request at all.
"""

from __future__ import annotations

import re

import numpy as np

from canvas_tui.behaviours.trigger import lexicon
from canvas_tui.behaviours.trigger.explicit import explicit_route, explicit_trigger
from canvas_tui.behaviours.trigger.keyword import keyword_trigger
from canvas_tui.behaviours.trigger.message import document_part, message_part, persona_preamble, split_message
from canvas_tui.text import two_ends

HEAD = 320
TAIL = 240
_PHRASE_ENDS = {"that", "which", "to", "for", "about", "on", "of", "in", "with", "from", "where", "who", "using"}


def request_view(text: str) -> str:
    """The request part of a message (pasted material left out; a long request keeps its two ends), lower-cased.

    A message of material alone reads as a marker, so "no request" is itself a learnable feature."""
    request = split_message(message_part(text)).request.lower()
    if not request.strip():
        return "(material only)"
    return two_ends(request, HEAD, TAIL)


_QUOTED = re.compile(r'"[^"\n]{3,}?"|“[^”\n]{3,}?”|(?<![\w])' + r"'[^'\n]{3,}?'(?![\w])")


def mask_quotes(text: str) -> str:
    """The text with quoted material ("...", '...', “...”) replaced by a placeholder.

    A quoted sentence is the material a request works on ("make 'send the report' politer"),
    so its nouns must not read as the artifact asked for.
    """
    return _QUOTED.sub('"…"', text)


def object_view(text: str) -> str:
    """The asked-for noun phrase of a prompt, lower-cased (empty without a creation request).

    Its n-grams let the model learn which objects are documents ("a workout routine") and
    which are short answers ("a regular expression", "a product description").
    """
    return _object_window(mask_quotes(split_message(message_part(text)).request[:HEAD])).lower()


OPENING_WORDS = 20


def document_opening(text: str) -> str:
    """The first words of the open document of a router input, lower-cased ("(no document)" without one).

    What kind of reply is open (a letter, a listing, a numbered plan, an apology) changes what a follow-up asks
    for: "and for Gen Z" after a training description, "still failing" after code."""
    return " ".join(document_part(text).lower().split()[:OPENING_WORDS]) or "(no document)"


def requested_lines(text: str) -> float | None:
    """Roughly how many lines of output an explicit length limit allows, or None without one."""
    found = lexicon.LIMIT.search(text)
    if not found:
        return None
    count_text, unit = [group.lower() for group in found.groups() if group][:2]
    unit = unit.rstrip("s")
    count = lexicon.NUMBER_WORDS.get(count_text) or int(count_text)
    return count * lexicon.LINES_PER_UNIT.get(unit, 1.0)


def _object_window(head: str, verb=lexicon.INTENT) -> str:
    """The noun phrase after the first creation verb: what is asked for ("a java program")."""
    found = verb.search(head)
    words = head[found.end() :].split()[:6] if found else []
    ends = [i for i, word in enumerate(words) if word.lower() in _PHRASE_ENDS]
    return " ".join(words[: ends[0]] if ends else words)


def _pasted(text: str) -> bool:
    """Whether the prompt carries pasted material (a long or many-line text)."""
    return len(text) > 600 or text.count("\n") >= 5


MESSAGE_NAMES = (
    "material_code",
    "material_error",
    "material_json",
    "material_prose",
    "material_search",
    "material_table",
    "no_request",
    "persona",
    "log_request_words",
    "log_material_chars",
)


def message_features(text: str) -> list[float]:
    """What came with the request: the kinds of pasted material, no request at all, a persona preamble."""
    parts = split_message(text)
    words = len(parts.request.split())
    return [float(kind in parts.kinds) for kind in ("code", "error", "json", "prose", "search", "table")] + [
        float(not parts.request.strip()),
        float(persona_preamble(parts.request)),
        min(np.log1p(words) / 6.0, 1.0),
        min(np.log1p(len(parts.material)) / 9.0, 1.0),
    ]


def _object_features(window: str) -> list[float]:
    """Whether the asked-for object is a long artifact, a short piece, or code."""
    short = bool(lexicon.SHORT_NOUN.search(window))
    return [
        float(bool(lexicon.LONG_NOUN.search(window)) and not short),
        float(short),
        float(bool(lexicon.CODE_NOUN.search(window)) or "code" in window.lower().split()),
    ]


def asks_for_long_artifact(head: str) -> float:
    """Whether a request phrase ("give me", "could you share") asks for a long artifact ("a recipe")."""
    window = _object_window(head, lexicon.REQUEST)
    return float(bool(lexicon.LONG_NOUN.search(window)) and not lexicon.SHORT_NOUN.search(window))


HAND_NAMES = (
    "intent",
    "long_noun",
    "short_noun",
    "intent_long_not_short",
    "intent_short_object",
    "intent_long_not_limited",
    "intent_code",
    "object_long",
    "object_short",
    "object_code",
    "asks_for_long_artifact",
    "intent_short_limit",
    "in_form",
    "pasted_transform",
    "log_words",
    "lines",
    "pasted",
    "short_limit",
    "long_limit",
    "short_cue",
    "long_cue",
    "question_start",
    "ends_with_question",
    "imperative_start",
    "keyword_canvas",
    "explicit_canvas",
    "explicit_inline",
    *MESSAGE_NAMES,
)
"""The names of `hand_features`, in order (recorded in the trained artifact)."""


def hand_features(text: str) -> list[float]:
    """Length, shape and cue features of one prompt, each scaled to about [0, 1]."""
    lines = requested_lines(text)
    explicit = explicit_trigger(text)
    head = mask_quotes(text[:HEAD])
    intent = bool(lexicon.INTENT.search(head))
    long_noun, short_noun = bool(lexicon.LONG_NOUN.search(head)), bool(lexicon.SHORT_NOUN.search(head))
    window = _object_window(head)
    return [
        float(intent),
        float(long_noun),
        float(short_noun),
        float(intent and long_noun and not short_noun),
        float(intent and bool(lexicon.SHORT_NOUN.search(window))),
        float(intent and long_noun and (lines is None or lines >= 10)),
        float(intent and bool(lexicon.CODE_NOUN.search(head)) and not short_noun),
        *_object_features(window),
        asks_for_long_artifact(head),
        float(intent and lines is not None and lines < 10),
        float(bool(lexicon.IN_FORM.search(head))),
        float(_pasted(text) and bool(lexicon.TRANSFORM.search(head))),
        min(np.log1p(len(text.split())) / 7.0, 1.0),
        min(text.count("\n") / 20.0, 1.0),
        float(_pasted(text)),
        float(lines is not None and lines < 10),
        float(lines is not None and lines >= 10),
        float(bool(lexicon.SHORT_CUE.search(text))),
        float(bool(lexicon.LONG_CUE.search(text))),
        float(bool(lexicon.QUESTION_START.search(text))),
        float(text.rstrip().endswith("?")),
        float(bool(lexicon.IMPERATIVE_START.search(text))),
        float(keyword_trigger(text) == "canvas"),
        float(explicit == "canvas"),
        float(explicit == "inline"),
        *message_features(text),
    ]


DOCUMENT_NAMES = ("shared_words", "shared_names", "document_code", "document_numbered", "log_document_chars")
ROUTE_NAMES = (
    "log_words",
    "comment_cue",
    "keep_text",
    "edit_start",
    "new_cue",
    "creates",
    "creates_new",
    "refers",
    "question_start",
    "ends_with_question",
    "three_words_or_fewer",
    "chat_cue",
    "explicit_new_document",
    "explicit_chat",
    *MESSAGE_NAMES,
    *DOCUMENT_NAMES,
)
"""The names of `route_features`, in order (recorded in the trained artifact)."""


def route_features(pair: str) -> list[float]:
    """Cue features of a turn with a document open (the model input joins message and document), each in [0, 1]."""
    text, document = message_part(pair), document_part(pair)
    head = text[:HEAD]
    creates = bool(lexicon.INTENT.search(head)) and bool(lexicon.LONG_NOUN.search(head))
    explicit = explicit_route(text)
    return [
        min(np.log1p(len(text.split())) / 5.0, 1.0),
        float(bool(lexicon.COMMENT_CUE.search(head))),
        float(bool(lexicon.KEEP_TEXT.search(head))),
        float(bool(lexicon.EDIT_START.search(head))),
        float(bool(lexicon.NEW_CUE.search(head))),
        float(creates),
        float(creates and bool(lexicon.NEW_CUE.search(head))),
        float(bool(lexicon.REFERS.search(head))),
        float(bool(lexicon.QUESTION_START.search(head))),
        float(text.rstrip().endswith("?")),
        float(len(text.split()) <= 3),
        float(bool(lexicon.CHAT_CUE.search(head))),
        float(explicit == "new_document"),
        float(explicit == "chat"),
        *message_features(text),
        *document_features(text, document),
    ]


_CONTENT_WORD = re.compile(r"[a-z][a-z0-9_']{3,}")
_IDENTIFIER = re.compile(r"\b[A-Za-z_]\w*(?:_\w+|[a-z][A-Z]\w*|\(\))")
_NUMBERED_LINE = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)]|[-*] )", re.M)


def document_features(message: str, document: str) -> list[float]:
    """How the message relates to the open document: how much of its wording and which of its names it reuses,
    and what the document is (code, a list of points, long)."""
    words = set(_CONTENT_WORD.findall(message.lower()))
    in_document = set(_CONTENT_WORD.findall(document.lower())) if words else set()
    names = set(_IDENTIFIER.findall(message))
    return [
        len(words & in_document) / len(words) if words else 0.0,
        float(bool(names) and any(name in document for name in names)),
        float("```" in document),
        min(numbered_lines(document) / 10.0, 1.0),
        min(np.log1p(len(document)) / 10.0, 1.0),
    ]


def numbered_lines(document: str) -> int:
    """How many lines of the document are numbered or bulleted points."""
    return len(_NUMBERED_LINE.findall(document))

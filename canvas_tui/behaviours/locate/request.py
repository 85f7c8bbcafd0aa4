"""Reading an edit request: which unit kind it names, ordinals, positions, quotes and topic words.

The parse is shallow and explicit (regular expressions over the normalised request), so every cue
the locator acts on can be shown in a log and tested on its own.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel
from rapidfuzz.distance import OSA

from canvas_tui.behaviours.locate.text import normalise

Kind = Literal["sentence", "paragraph", "section", "document"]
KIND_ORDER: dict[str, int] = {"sentence": 0, "paragraph": 1, "section": 2, "document": 3}

_KIND_NOUNS = {
    "sentence": "sentence",
    "sentences": "sentence",
    "line": "sentence",
    "lines": "sentence",
    "paragraph": "paragraph",
    "paragraphs": "paragraph",
    "para": "paragraph",
    "graf": "paragraph",
    "passage": "paragraph",
    "block": "paragraph",
    "bit": "paragraph",
    "section": "section",
    "sections": "section",
    "chapter": "section",
    "subsection": "section",
    "heading": "section",
    "part": "part",
}
_ITEM_NOUNS = {
    "step": "step",
    "steps": "step",
    "item": "item",
    "items": "item",
    "bullet": "item",
    "bullets": "item",
    "bullet point": "item",
    "point": "item",
    "points": "item",
    "option": "item",
    "options": "item",
    "idea": "item",
    "ideas": "item",
    "suggestion": "item",
    "suggestions": "item",
    "tip": "item",
    "tips": "item",
    "number": "item",
}
_COUNTED_NOUNS = {**_KIND_NOUNS, **_ITEM_NOUNS}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
    "last": -1,
    "final": -1,
    "penultimate": -2,
}
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_KIND_RE = "|".join(sorted(_KIND_NOUNS, key=len, reverse=True))
_COUNTED_RE = "|".join(sorted(_COUNTED_NOUNS, key=len, reverse=True))
_ORD_RE = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_FROM_END = r"(?:(second|third|2nd|3rd)[ -](?:to|from)[ -](?:the[ -])?last|next[ -]to[ -]last)"
_ORDINAL_KIND = re.compile(rf"\b(?:{_FROM_END}|({_ORD_RE}))\s+(?:[a-z]+\s+)?({_COUNTED_RE})\b")
_ORDINAL_NOUN = re.compile(rf"\b(?:the|your|that)\s+({_ORD_RE})\s+([a-z]{{3,}})\b")
"""'The 3rd case', 'your second example': an ordinal before a noun that is no unit noun (a thing the reply lists)."""
_COUNT = re.compile(
    rf"\b(?:the|those|these|all|your|its|each of (?:the|those|these))\s+(?:above(?:[- ]mentioned)?\s+)?"
    rf"(\d{{1,2}}|{'|'.join(NUMBERS)})\s+"
    r"(?:[a-z-]+\s+){0,2}?(?!(?:sentence|paragraph|section|line|word|chapter|part)s\b)[a-z-]+s\b"
)
"""'Those 5 possible defects', 'the above 6 points', 'the above mentioned 6 variables'."""
_BARE_COUNT = re.compile(
    rf"\b(?:these|those)\s+(\d{{1,2}}|{'|'.join(NUMBERS)})(?=\s*$|\s*[,.;:?!]|\s+(?:in|into|to|as|from|with|and|so)\b)"
)
"""A number standing for what it counts: 'group these 20 into categories', 'merge those 3'."""
_SPELLED = [word for word in _ORDINALS if word.isalpha() and len(word) >= 5]
_BEFORE_NOUN = re.compile(rf"\b([a-z]{{4,}})(?=\s+(?:[a-z]+\s+)?(?:{_COUNTED_RE})\b)")
_KIND_NUMBER = re.compile(rf"\b({_COUNTED_RE})\s+(?:#|no\.?\s*|number\s+)?(\d+|{'|'.join(NUMBERS)})\b")
_HASH_NUMBER = re.compile(r"(?:^|\s)#(\d{1,2})\b")
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_KIND_ROMAN = re.compile(rf"\b(section|part|chapter)\s+({'|'.join(sorted(_ROMAN, key=len, reverse=True))})\b")
_LEAD_IN = (
    r"(?:\b(?:the|its|this|my|our|your)\s+(?:very\s+)?|'s\s+|^(?:please\s+)?(?:(?:can|could|would) you\s+)?"
    r"(?:\w+(?:\s+up)?\s+)?)"
)
_OPENING = re.compile(rf"{_LEAD_IN}(opening|intro|introduction|introductory|beginning|start|top|lead|lede|preamble)\b")
_CLOSING = re.compile(
    rf"{_LEAD_IN}(closing|conclusion|concluding|ending|end|bottom|outro|wrap-up|close|sign-off|final)\b"
)
_ADDED_END = re.compile(r"\b(?:an?|new|another)\s+(?:[\w-]+\s+)?(?:ending|epilogue|postscript|p\.\s?(?:p\.\s?)*s\b)")
"""Something new added at the end ('a surprise ending to this part', 'add an epilogue', 'a P.P.S.'): the end of the
deliverable, unless the request names a unit other than the vague 'part' it is added to."""
_ADDED_PARAGRAPH = re.compile(
    r"\b(?:an? (?:additional|extra|new)|another|one more)\s+(?:[\w-]+\s+)?(?:paragraph|para)\b"
)
"""A new paragraph to write ('write an additional paragraph about ...', 'add one more paragraph'): it goes after the
deliverable's last paragraph, which is the target (spec 22)."""
_TITLE = re.compile(rf"{_LEAD_IN}(title|headline|header)\b(?!\s+of\b)")
_NEW_TITLE = re.compile(r"\b(?:an?|new)\s+(?:[\w-]+\s+)?(?:title|headline)\b(?!\s+(?:of|to)\b)|\bretitle\b")
_SPEAKER = re.compile(
    r"\b(?:quote|quotes|quotation|remark|remarks|comment from|response|reply|statement)\b|\b(?:what|how)\s+(?:the\s+)?(?:\w+\s+){1,3}(?:said|says|told)\b"
)
_LIST = re.compile(
    r"\b(?:the|this|that)\s+(?:(?!into\b|to\b|as\b|in\b|should\b|must\b|could\b|would\b|can\b|will\b|also\b)[\w-]+\s+){0,3}(?:list|bullets|bullet points)\b"
)
_QUOTED = re.compile(r"\"([^\"]{3,})\"|(?:(?<=\s)|^)'([^']{3,}?)'(?=[\s,.;:!?)]|$)")
_HALF_QUOTE = re.compile(
    r"\b(?:that|which|where|when|who|with)\s+(?:(?:it|we|i|you|they|he|she)\s+)?(?:says?|said|reads?|goes|mentioning|"
    r"starts?(?:\s+with)?|begins?(?:\s+with)?|ends?(?:\s+with)?|mentions?|claims?|talks? about|"
    r"wrote|write|tells?(?:\s+\w+)?\s+that)\s+(.+)$|\b(?:starting|beginning|ending|opening) with\s+(.+)$"
)
_WHOLE = re.compile(
    r"\b(whole|entire|entirety|everything|throughout|everywhere|all over|overall|top to bottom|"
    r"all (?:the |of the )?(?:typos|spelling|grammar|errors|mistakes|instances|occurrences|text|paragraphs|"
    r"sentences|sections|headings|jargon|passive)|every (?:sentence|paragraph|section|line))\b"
)
_ABOUT = re.compile(r"\babout\b")
_DOC_NOUN = re.compile(
    r"\b(?:the|this|my|our|your)\s+(document|doc|text|essay|article|piece|post|page|guide|draft|"
    r"story|abstract|report|memo|letter|writeup|write-up|whole thing|thing)\b"
    r"(?!'s|\s+(?:about|on|of|where|that|which|when|in which)\b)"
)
_CLAUSE = r"(?!how\b|what\b|why\b|where\b|when\b|whether\b)"
_PRONOUN = re.compile(rf"^(?:please\s+|can you\s+|could you\s+)?{_CLAUSE}\w+(?:\s+{_CLAUSE}\w+)?\s+(?:it|this|that)\b")
_NAMED = re.compile(
    r"\b(?:section|part|chapter|heading|bit)\s+(?:on|about|called|titled|named|headed|regarding|"
    r"for|covering|that covers|dealing with|where (?:we|it|you) (?:talk|discuss)(?:es|s)? about)\s+"
    r"(.+?)(?=[,;:?!]|\.(?:\s|$)| and | to (?!do\b)|$)"
)
_BEFORE = re.compile(r"((?:\S+\s+){1,7}?)(?:section|part|chapter)\b")
_UNDER = re.compile(r"\bunder\s+(?:the\s+)?(.+?)(?=[,;:?!]|\.(?:\s|$)| and |$)")
_BLOCK_NOUNS = {
    "table": r"tables?",
    "code": r"code (?:blocks?|examples?|samples?|snippets?|listings?)|snippets?|(?:sample|example|expected|console|terminal) output|"
    r"commands?",
    "quote_block": r"block ?quotes?|quote ?blocks?|pull ?quotes?|callouts?",
    "footnote": r"(?:foot|end)notes?",
    "caption": r"(?:figure |image |photo )?captions?",
    "byline": r"by-?lines?|author line",
    "keywords": r"key ?words(?: line| list)?|index terms",
}
_BLOCK_AFTER = (
    r"(?=\s*$|[,.;:?!]|\s+(?:about|on|of|in|under|for|that|which|where|with|is|are|needs?|should|into|to|"
    r"from|at|near|after|before|below|above|as|so|by|and|showing|explaining|listing|reads?|says?)\b)"
)
_BLOCK = {
    name: re.compile(rf"\b(?:the|this|that|its|each|every)\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>{nouns})\b{_BLOCK_AFTER}")
    for name, nouns in _BLOCK_NOUNS.items()
}
_ITEM_MENTION = re.compile(
    r"\b(?:bullet(?: point)?|item|list item|point)\s+(?:about|on|for|that|which|where|with|saying)\b"
)
_CONTAINERS = ("step", "section", "part", "chapter")
_LINK = re.compile(
    r"\b(?:the|this|that|these|those|your|its)\s+(?:[\w-]+\s+)?(?:links?|urls?|hyperlinks?)\b(?!\s+to\b)|"
    r"^(?:\w+\s+)?(?:links?|urls?|hyperlinks?)\s+(?:is|are|isn't|aren't|not|don't|doesn't|do not|does not|broken)\b"
)
"""A complaint about a link the reply gives ('the link is wrong', 'links not working'), not a link to add ('link to
the repo', 'a link to the study')."""
_NEW_VALUE = re.compile(r"\b(?:to|is|are|be|become|add|adding|insert|inserting|append|called|named|titled)\s*:?\s*$")
_TAIL = re.compile(r"\s+(?:to say|to read|so that|so it|and make|and then|instead|into|,).*$")


class Cues(BaseModel):
    """What a request says about its target, before looking at the document."""

    text: str
    kind: Kind | None = None
    kinds: list[str] = []
    ordinal: int | None = None
    ordinal_kind: str | None = None
    scope_ordinal: int | None = None
    scope_kind: str | None = None
    opening: bool = False
    closing: bool = False
    title: bool = False
    speaker: bool = False
    vague: bool = False
    listed: bool = False
    quote: str | None = None
    quote_exact: bool = False
    whole: bool = False
    whole_said: bool = False
    pronoun_only: bool = False
    named: list[str] = []
    block: str | None = None
    item: bool = False
    count: int | None = None
    link: bool = False
    listed_ordinal: tuple[int, str] | None = None


def _listed_ordinal(text: str) -> tuple[int, str] | None:
    """(ordinal, noun) for 'the 3rd case', when the noun is no unit, item or block noun ('the second paragraph' and
    'the third option' are counted otherwise)."""
    for match in _ORDINAL_NOUN.finditer(text):
        if match.group(2) not in _COUNTED_NOUNS and not any(p.search(match.group(0)) for p in _BLOCK.values()):
            return _ORDINALS[match.group(1)], match.group(2)
    return None


def _new_values(text: str) -> str:
    """The request without the quoted phrases that give new text rather than name old text ('the license is "MIT"',
    'add "rw init=/bin/bash"', 'change it to "Tea Time"'): the document cannot hold them."""
    return _QUOTED.sub(lambda m: " " if _NEW_VALUE.search(text, 0, m.start()) else m.group(0), text)


def _quote(text: str) -> tuple[str | None, bool, str]:
    """An exactly quoted or a half-quoted phrase (not a new value), and the request text outside it."""
    text = _new_values(text)
    match = _QUOTED.search(text)
    if match:
        return (match.group(1) or match.group(2)).strip(), True, text[: match.start()] + " " + text[match.end() :]
    half = _HALF_QUOTE.search(text)
    if half:
        phrase = _TAIL.sub("", half.group(1) or half.group(2)).strip(" .?!\"'")
        return (phrase or None), False, text[: half.start()]
    return None, False, text


def _names_document(text: str) -> bool:
    """The request names the document itself ('make the essay shorter'), not as a word of the topic it asks about
    ('more detail about the component that turns the text into code')."""
    for match in _DOC_NOUN.finditer(text):
        sentence = re.split(r"[.!?]\s", text[: match.start()])[-1]
        if not _ABOUT.search(sentence):
            return True
    return False


def _count(text: str) -> int | None:
    """How many things the request says the part holds ('those 5 possible defects' -> 5), if it says so."""
    match = _COUNT.search(text) or _BARE_COUNT.search(text)
    if not match:
        return None
    number = match.group(1)
    return int(number) if number.isdigit() else NUMBERS[number]


def _respelled(match: re.Match[str]) -> str:
    """The ordinal a word before a unit noun was meant to be, when it is misspelt by one letter ('fist', 'secnod',
    'forth'): the one spelled ordinal of five letters or more with the same first letter at one edit (a swap of
    two letters included); number words ('eight points') and real ordinals stay as they are."""
    word = match.group(1)
    if word in _ORDINALS or word in NUMBERS:
        return word
    near = [o for o in _SPELLED if o[0] == word[0] and OSA.distance(word, o) == 1]
    return near[0] if len(near) == 1 else word


def _ordinals(text: str) -> list[tuple[int, str, int]]:
    """(position in text, kind noun, ordinal) for every 'third paragraph' / 'paragraph 3' / 'step 3' /
    'part II' mention (steps, items, bullets, points, options, ideas and 'number 4' or '#2' count list items);
    an ordinal misspelt by one letter counts too ('the fist sentence')."""
    text = _BEFORE_NOUN.sub(_respelled, text)
    found = []
    for match in _ORDINAL_KIND.finditer(text):
        if match.group(1):
            value = -{"second": 2, "2nd": 2, "third": 3, "3rd": 3}[match.group(1)]
        elif match.group(2):
            value = _ORDINALS[match.group(2)]
        else:
            value = -2
        found.append((match.start(), _COUNTED_NOUNS[match.group(3)], value))
    for match in _KIND_NUMBER.finditer(text):
        number = match.group(2)
        found.append(
            (match.start(), _COUNTED_NOUNS[match.group(1)], int(number) if number.isdigit() else NUMBERS[number])
        )
    found += [(m.start(), _COUNTED_NOUNS[m.group(1)], _ROMAN[m.group(2)]) for m in _KIND_ROMAN.finditer(text)]
    found += [(m.start(), "item", int(m.group(1))) for m in _HASH_NUMBER.finditer(text) if not found]
    return sorted(found)


def _named(text: str) -> list[str]:
    """Phrases that may name a section: 'section on X', 'the X section', 'under X'."""
    found = [m.group(1) for m in _NAMED.finditer(text)] + [m.group(1) for m in _UNDER.finditer(text)]
    for match in _BEFORE.finditer(text):
        words = re.split(r"\b(?:in|of|from|within|the|to|on)\s+", match.group(1))
        found.append(words[-1] if words[-1].strip() else match.group(1))
        found.append(match.group(1))
    return [p.strip() for p in found if p.strip()]


def _block(text: str) -> str | None:
    """The kind of block a request names ('the table', 'the code example', 'the keywords line'), if any; none when
    the request names a sentence or paragraph besides ('the paragraph explaining the command')."""
    found = [(m.start("noun"), m.end("noun"), name) for name, pattern in _BLOCK.items() if (m := pattern.search(text))]
    if not found:
        return None
    start, end, name = min(found)
    rest = text[:start] + " " + text[end:]
    named = {_KIND_NOUNS[k] for k in re.findall(rf"\b({_KIND_RE})\b", rest)}
    return None if named & {"sentence", "paragraph"} else name


def _smallest(kinds: list[str]) -> str | None:
    concrete = [k for k in kinds if k in KIND_ORDER]
    if concrete:
        return min(concrete, key=KIND_ORDER.__getitem__)
    return kinds[0] if kinds else None


def parse(request: str) -> Cues:
    """Read the cues of one request."""
    text = normalise(request)
    quote, exact, outside = _quote(text)
    kinds = [_KIND_NOUNS[m.group(1)] for m in re.finditer(rf"\b({_KIND_RE})\b", outside)]
    ordinals = _ordinals(outside)
    block = _block(outside)
    item = bool(_ITEM_MENTION.search(outside)) and not any(o[1] == "item" for o in ordinals)
    kinds += ["paragraph"] * bool(block) + ["sentence"] * item
    cues = Cues(text=text, kinds=kinds, quote=quote, quote_exact=exact, block=block, item=item)
    target = _smallest(kinds)
    cues.kind = target if target in KIND_ORDER else None
    if ordinals:
        inner = min(ordinals, key=lambda o: {**KIND_ORDER, "item": 0.5, "step": 0.5}.get(o[1], 2))
        cues.ordinal, cues.ordinal_kind = inner[2], inner[1]
        outer = [o for o in ordinals if o is not inner]
        if outer:
            cues.scope_ordinal, cues.scope_kind = outer[0][2], outer[0][1]
        elif (block or item) and inner[1] in _CONTAINERS:
            cues.scope_ordinal, cues.scope_kind, cues.ordinal, cues.ordinal_kind = inner[2], inner[1], None, None
    cues.opening = bool(_OPENING.search(outside))
    cues.closing = (
        bool(
            _CLOSING.search(outside)
            or (_ADDED_END.search(outside) and set(kinds) <= {"part"})
            or (_ADDED_PARAGRAPH.search(outside) and set(kinds) <= {"paragraph"})
        )
        and not cues.opening
    )
    cues.title = bool(_TITLE.search(outside) or (_NEW_TITLE.search(outside) and not kinds))
    cues.speaker = quote is None and bool(_SPEAKER.search(outside))
    cues.listed = bool(_LIST.search(outside))
    cues.vague = bool(kinds) and set(re.findall(rf"\b({_KIND_RE})\b", outside)) <= {"bit", "part"}
    cues.whole_said = bool(_WHOLE.search(outside))
    cues.whole = cues.whole_said or _names_document(outside)
    cues.pronoun_only = bool(_PRONOUN.search(outside)) and not kinds
    cues.named = _named(outside)
    cues.count = _count(outside)
    cues.link = bool(_LINK.search(outside))
    cues.listed_ordinal = _listed_ordinal(outside) if not ordinals else None
    return cues

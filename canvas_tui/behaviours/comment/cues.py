"""What a sentence (or code line) shows that a reviewer would comment on: the cues, with the words found.

Each cue is a named list of matched strings, so features count them and comment templates and
suggestions can name them ("'definately' is misspelled").
"""

from __future__ import annotations

import re

from canvas_tui.behaviours.comment.candidates import Candidate
from canvas_tui.behaviours.comment.lexicon import find, lexicon, starts_with

_NUMBER = re.compile(r"(?<![\w.])(?:\$|£|€)?\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|per cent|million|billion|thousand))?")
_WORD_NUMBER = re.compile(r"\b(?:twice|half|double|triple|dozens?|hundreds|thousands|millions|billions)\b", re.I)
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(\w+(?:ed|en)|made|done|caught|held|built|"
    r"brought|found|given|taken|known|seen|said|told|paid|put|kept|left|run|set)\b",
    re.I,
)
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)
_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")
_QUOTED_SPEECH = re.compile(r"[\"“][^\"”]{12,}[\"”]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)]|[a-z][.)])\s+")
"""A list item's marker ("1. ", "b) "): its number is no figure that needs a source."""

_CODE_SMELLS: dict[str, str] = {
    # loose_equality: '==' against a string is JavaScript's pitfall; a Python line (a condition ending in ':')
    # compares strings with '==' as it should.
    "bare_except": r"^\s*except\s*:|catch\s*\(\s*\w*\s*\)\s*\{\s*\}",
    "wildcard_import": r"import \*",
    "mutable_default": r"def \w+\([^)]*=\s*(?:\[\]|\{\}|set\(\))",
    "none_equality": r"[!=]=\s*None\b|\bNone\s*[!=]=",
    "debug_output": r"^\s*(?:print|console\.log)\s*\(\s*[\"'](?:debug|total|here|x\b)|console\.log\(|print\(\s*[\"']DEBUG",
    "todo": r"#\s*(?:TODO|FIXME|XXX)|//\s*(?:TODO|FIXME|XXX)",
    "secret": r"(?i)(?:password|passwd|secret|api_?key|token|key=)\S*\s*=?\s*[\"']?\w{4,}|sk_live_",
    "unclosed_file": r"(?<!with )\bopen\([^)]*\)(?!\s*as\b)",
    "loose_equality": r"^(?!.*:\s*(?:#.*)?$).*?(?:[^=!<>]==[^=]\s*[\"']|[^=!]==\s*\")",
    "off_by_one": r"<=\s*\w+\.length|<=\s*len\(",
    "inner_html": r"\.innerHTML\s*=",
    "plain_http": r"[\"']http://",
    "var_declaration": r"^\s*var\s",
    "promise_mix": r"\.then\(",
    "unchecked_response": r"await fetch\(|requests\.(?:get|post)\(",
    "string_concat_url": r"[\"']\s*\+\s*\w+|\w+\s*\+\s*[\"'][&?/]",
    "magic_number": r"(?<![\w.\[])(?:[2-9]|\d{2,})(?:\.\d+)?(?![\w.\]])|\b1\.\d+\b",
    "argv": r"sys\.argv\[\d\]|process\.argv\[\d\]",
    "sort_ascending": r"sorted\([^)]*key=[^)]*\)\s*\[:",
    "unquoted_variable": r"\b(?:rm|cp|mv|cd|chmod)\s+(?:-\w+\s+)*\$\w+",
    "pipe_to_shell": r"\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b",
    "unchecked_cd": r"^\s*cd\s+\S+\s*$",
    "eval_exec": r"\b(?:eval|exec)\s*\(|os\.system\(|shell\s*=\s*True|pickle\.loads?\(",
    "sql_formatting": r"execute\(\s*f?[\"'][^\"']*(?:SELECT|INSERT|UPDATE|DELETE)[^\"']*[\"']\s*(?:%|\+|\.format)|"
    r"execute\(\s*f[\"'][^\"']*\{",
    "global_statement": r"^\s*global\s+\w+",
    "shadowed_builtin": r"\b(?:def\s+\w+\(|,\s*|lambda\s+)(?:id|list|dict|str|type|input|file|max|min|sum|len|format|"
    r"filter|map|object|hash|iter|next|range|set|tuple)\s*[,)=:]",
    "unguarded_division": r"/\s*len\(",
    "swallowed_error": r"except\s+Exception\s*:\s*pass|catch\s*\(\w*\)\s*\{\s*\}",
}


def _texts(matches: list[re.Match[str]]) -> list[str]:
    return [m.group() for m in matches]


def variant_uses(document: str) -> dict[str, str]:
    """For each term variant used in the document, the variant of its group that is used first."""
    first: dict[str, str] = {}
    for group in lexicon().variants:
        found = sorted((m.start(), m.group().lower()) for m in find(document, group))
        for _, used in found:
            first.setdefault(used, found[0][1])
    return first


def _case_clashes(text: str, document: str) -> list[str]:
    """Words written lower-case here but capitalised mid-sentence elsewhere (e.g. 'node' vs 'Node')."""
    capitalised = set(re.findall(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b", document))
    return [w for w in _WORD.findall(text) if w.islower() and w.capitalize() in capitalised]


def prose_cues(candidate: Candidate, document: str, variants: dict[str, str]) -> dict[str, list[str]]:
    """The prose cues of one sentence."""
    text, lex = candidate.text(document), lexicon()
    unmarked = _LIST_MARKER.sub("", text, count=1)
    numbers = _texts(list(_NUMBER.finditer(unmarked))) + _texts(list(_WORD_NUMBER.finditer(unmarked)))
    return {
        "misspelling": _texts(find(text, lex.misspellings)),
        "grammar": _texts(find(text, lex.grammar)),
        "doubled": [m.group() for m in _DOUBLED.finditer(text) if not m.group(1).isdigit()],
        "wordy": _texts(find(text, lex.wordy)),
        "jargon": _texts(find(text, lex.jargon)),
        "hedge": _texts(find(text, lex.hedges)),
        "weasel": _texts(find(text, lex.weasels)),
        "absolute": _texts(find(text, lex.absolutes)),
        "attribution": _texts(find(text, lex.attributions)),
        "number": numbers,
        "passive": _texts(list(_PASSIVE.finditer(text))),
        "acronym": [a for a in _ACRONYM.findall(text) if f"({a})" not in document],
        "inconsistent": [
            m.group() for m in find(text, list(variants)) if variants[m.group().lower()] != m.group().lower()
        ]
        + _case_clashes(text, document),
        "contraction": _texts(find(text, lex.contractions)),
        "opening": [p for p in [starts_with(text, lex.openings)] if p and candidate.index <= 2],
        "closing": [p for p in [starts_with(text, lex.closings)] if p],
        "quoted_speech": _texts(list(_QUOTED_SPEECH.finditer(text))),
    }


def code_cues(candidate: Candidate, document: str) -> dict[str, list[str]]:
    """The code-smell cues of one line."""
    text = candidate.text(document)
    return {name: _texts(list(re.finditer(pattern, text))) for name, pattern in _CODE_SMELLS.items()}


PROSE_CUES = (
    "misspelling",
    "grammar",
    "doubled",
    "wordy",
    "jargon",
    "hedge",
    "weasel",
    "absolute",
    "attribution",
    "number",
    "passive",
    "acronym",
    "inconsistent",
    "contraction",
    "opening",
    "closing",
    "quoted_speech",
)
CODE_CUES = tuple(_CODE_SMELLS)

"""The structure of an assistant's reply (spec conventions 22-23): its chat preamble and closing remarks, which
are not the deliverable, and its fenced code blocks with the names they hold, which are the targets of code
requests ("the function", "in get_orders", a pasted traceback, or any request on a code reply that names no
other part).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from canvas_tui.behaviours.locate.bare_code import bare_code, fenced_blocks
from canvas_tui.behaviours.locate.chat import remarks
from canvas_tui.behaviours.locate.parts import blocks
from canvas_tui.behaviours.locate.request import Cues
from canvas_tui.document.units import Segmentation, Unit, segment

_FENCE = re.compile(r"(?:```|~~~)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CAMEL = re.compile(r"[a-z]+|[A-Z][a-z]*|[0-9]+")
_CODE_WORDS = re.compile(
    r"\b(?:code|codes|function|functions|method|methods|class|classes|script|scripts|query|queries|snippet|program|"
    r"variable|variables|implementation|module|component|components|regex|syntax|compile|compiles|compiling|"
    r"import|imports|library|endpoint|loop|parameter|parameters|argument|arguments|bug|bugs|error|errors|"
    r"exception|traceback|crash|crashes|debug)\b"
)
_PASTED_ERROR = re.compile(
    r"(?:Traceback \(most recent call last\)|\b\w*(?:Error|Exception)\b[:\s]|"
    r"\berror\b\s*:|\bline \d+\b|\bFile \"|\bat \w+ \(|\b(?:still|keep|kept) (?:getting|seeing)\b)"
)
_CODE_NAME = re.compile(r"`[^`\n]+`|\b[A-Za-z_]\w*(?:_\w+|[a-z][A-Z]\w*|\.\w+|\(\))")
_PROSE_NOUNS = re.compile(
    r"\b(sentences?|paragraphs?|para|the explanations?|intro|introduction|conclusion|summary|bullets?)\b"
)
_HEADED_NOUNS = re.compile(r"\b(?:sections?|chapters?|headings?|title)\b")
"""Nouns of parts that only a reply with headings has: on a code reply without them, 'the Hero Section' or 'put the
title at the top' speak of the program's own parts."""
_LANGUAGES = {
    "python": "python",
    "py": "python",
    "javascript": "javascript",
    "js": "javascript",
    "jsx": "javascript",
    "typescript": "typescript",
    "ts": "typescript",
    "tsx": "typescript",
    "html": "html",
    "css": "css",
    "scss": "css",
    "sql": "sql",
    "bash": "shell",
    "sh": "shell",
    "shell": "shell",
    "json": "json",
    "yaml": "yaml",
    "yml": "yaml",
    "java": "java",
    "php": "php",
    "ruby": "ruby",
    "go": "go",
    "rust": "rust",
    "kotlin": "kotlin",
    "swift": "swift",
    "csharp": "csharp",
    "cs": "csharp",
    "cpp": "cpp",
}
"""Language names, file extensions and fence tags, by the language they mean."""
_LANGUAGE_WORD = re.compile(r"(?:\.|\b)([A-Za-z+#]+)\b")
_FENCE_TAG = re.compile(r"[ \t]*(?:```|~~~)[ \t]*([A-Za-z+#]+)")
_CSS_RULE = re.compile(r"^[ \t]*[.#@]?[A-Za-z][\w\-.#:\[\]=\"' >,*]*\{\s*$", re.M)
_MARKUP = re.compile(r"^\s*(?:```[^\n]*\n)?\s*<(?:!DOCTYPE|html|div|section|body|head|template)\b", re.I)
_DEFINED = re.compile(
    r"\b(?:def|class|function|func|fn|const|let|var|struct|interface|type)\s+([A-Za-z_]\w*)|"
    r"^[ \t]*([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)",
    re.M,
)
_ESCAPE = re.compile(r"\\([_*`])")
_CONTINUE = re.compile(
    r"\b(?:continue|continuing|go on|keep going|carry on|rest of|where you (?:stopped|left off)|finish\w*|complete|"
    r"incomplete|show more)\b"
)
"""Asking for the rest of a reply cut off inside its last block ('continue', 'finish that last response', 'show more',
'the file is still incomplete'): that block is the target (spec 23)."""
MIN_NAME = 3
MIN_LINE = 12


def code_blocks(seg: Segmentation) -> list[Unit]:
    """The code blocks of the text, in order: fenced ones with something inside (fences included in each span), and
    code written without an opening fence (`bare_code`)."""
    kinds = blocks(seg.text)
    parsed = [p for p in seg.paragraphs if kinds.get(p.start) == "code" and _FENCE.match(seg.text, p.start)]
    fenced = fenced_blocks(seg.text, parsed)
    filled = [
        p
        for p in fenced
        if any(line.strip() and not _FENCE.match(line.strip()) for line in seg.text[p.start : p.end].splitlines())
    ]
    return sorted(filled + bare_code(seg, fenced), key=lambda unit: unit.start)


def is_code_reply(seg: Segmentation) -> bool:
    """A chat reply built around code: fenced code blocks, and either no headings (a chat answer, not a guide) or
    a chat preamble before them."""
    if not code_blocks(seg):
        return False
    return not seg.headings or bool(seg.paragraphs and seg.paragraphs[0].start in remarks(seg.text))


def deliverable_blocks(seg: Segmentation) -> list[Unit]:
    """The blocks a reply is built around, which requests naming no other part are about: its fenced code blocks
    (a code reply), else its tables when it has no headings (a reply that is a table); none otherwise."""
    if is_code_reply(seg):
        return code_blocks(seg)
    if seg.headings:
        return []
    kinds = blocks(seg.text)
    return [p for p in seg.paragraphs if kinds.get(p.start) == "table"]


def _names(text: str) -> set[str]:
    """Lower-case names in a piece of code or a request: identifiers, and the parts of snake_case and camelCase."""
    found = set()
    for name in _NAME.findall(text):
        found.add(name.lower())
        found.update(p.lower() for part in name.split("_") for p in _CAMEL.findall(part))
    return {n for n in found if len(n) >= MIN_NAME}


def languages_named(request: str) -> set[str]:
    """The programming languages a request names by name, file extension or fence tag ('CSS', 'script.js')."""
    words = {m.group(1).lower() for m in _LANGUAGE_WORD.finditer(request)}
    named = {_LANGUAGES[w] for w in words if w in _LANGUAGES and len(w) > 2}
    return named | {
        _LANGUAGES[ext.lower()] for ext in re.findall(r"\w\.([A-Za-z]{1,4})\b", request) if ext.lower() in _LANGUAGES
    }


def block_language(body: str) -> str | None:
    """The language of a code block: its fence tag, else CSS rules or HTML markup read from its lines."""
    tag = _FENCE_TAG.match(body)
    if tag and tag.group(1).lower() in _LANGUAGES:
        return _LANGUAGES[tag.group(1).lower()]
    if _MARKUP.match(body):
        return "html"
    return "css" if len(_CSS_RULE.findall(body)) >= 2 else None


@lru_cache(maxsize=32)
def _block_names(text: str) -> tuple[tuple[Unit, frozenset[str], frozenset[str]], ...]:
    """Each deliverable block (code or table) with the names it holds and the names it defines (def/class/function, or assigned)."""
    seg = segment(text)
    held = []
    for block in deliverable_blocks(seg):
        body = text[block.start : block.end]
        defined = {n.lower() for m in _DEFINED.finditer(body) for n in m.groups() if n}
        language = {f"lang:{name}"} if (name := block_language(body)) else set()
        held.append((block, frozenset(_names(body) | language), frozenset(defined | language)))
    return tuple(held)


def unescaped(request: str) -> str:
    """The request with markdown escapes undone ('row\\_data' is row_data)."""
    return _ESCAPE.sub(r"\1", request)


def pasted_error(request: str) -> bool:
    """The request carries an error message or a traceback pasted from a run."""
    return bool(_PASTED_ERROR.search(request))


def code_evidence(request: str, seg: Segmentation) -> bool:
    """The request is about code: it names code ('the function', 'the script') or its language ('the css'), pastes an
    error, or names something written like code (`save`, get_orders, userName, obj.method, run()) that one of the
    code blocks holds."""
    if _CODE_WORDS.search(request.lower()) or pasted_error(request) or languages_named(request):
        return True
    named = {n for match in _CODE_NAME.findall(unescaped(request)) for n in _names(match)}
    return any(named & names for _, names, _ in _block_names(seg.text))


def repeated_block(seg: Segmentation, request: str) -> Unit | None:
    """The one code block holding a whole line that the request repeats, a command or statement it gives ('git merge
    origin/master gives already up to date', 'this line gives me an error: `const key = jwk.toPublic();`'); None when
    no block or several do. A line counts when it has two words or more and MIN_LINE characters or more."""
    said = " ".join(unescaped(request).lower().split())
    holding = [block for block in code_blocks(seg) if any(_repeated(line, said) for line in _lines(seg.text, block))]
    return holding[0] if len(holding) == 1 else None


def _lines(text: str, block: Unit) -> list[str]:
    """A block's lines without its fences, white space runs made single, lower case."""
    lines = (" ".join(line.lower().split()) for line in text[block.start : block.end].splitlines())
    return [line for line in lines if line and not _FENCE.match(line)]


def _repeated(line: str, said: str) -> bool:
    return len(line) >= MIN_LINE and len(line.split()) >= 2 and line in said


def _in_prose(seg: Segmentation, quote: str) -> bool:
    """The quoted words stand in the reply outside the blocks it is built around."""
    prose, last = [], 0
    for block in deliverable_blocks(seg):
        prose.append(seg.text[last : block.start])
        last = block.end
    prose.append(seg.text[last:])
    return _holds(" ".join(prose), quote)


def _holds(text: str, quote: str) -> bool:
    """The quote stands in the text, case and runs of white space aside."""
    return quote.lower() in " ".join(text.lower().split())


def names_other_part(cues: Cues, seg: Segmentation) -> bool:
    """The request names a part of the reply that is not code: a prose unit by its noun ('the second paragraph',
    'the explanation'), a block of another kind ('the table' on a code reply), a list item or point, a counted unit other than a line,
    or words quoted from the prose. 'Line' and vague 'bit'/'part' are no prose cue on a code reply ('remove empty
    lines', 'line 218', 'a bit better'), nor is a unit noun that the reply's code itself names (a program that
    extracts 'the first paragraph in the PDF')."""
    spoken = _program_nouns(seg.text)
    counted = (
        cues.ordinal is not None
        and (cues.ordinal_kind != "sentence" or "sentence" in cues.text)
        and not (cues.ordinal_kind in ("sentence", "paragraph") and cues.ordinal_kind in spoken)
    )
    prose = any(_singular(m.group(1)) not in spoken for m in _PROSE_NOUNS.finditer(cues.text))
    quoted = cues.quote is not None and _in_prose(seg, cues.quote) and not _in_blocks(seg, cues.quote)
    own = "code" if is_code_reply(seg) else "table"
    headed = bool(seg.headings) and bool(_HEADED_NOUNS.search(cues.text))
    return (
        prose
        or headed
        or (cues.block not in (None, own) and cues.block in set(blocks(seg.text).values()))
        or cues.item
        or cues.listed
        or counted
        or quoted
        or (cues.title and bool(seg.headings))
    )


@lru_cache(maxsize=32)
def _program_nouns(text: str) -> frozenset[str]:
    """The names the reply's code blocks hold (read once per text): a unit noun among them ('paragraph' in
    `first_paragraph = ...`) speaks of what the program handles, not of a part of the reply."""
    return frozenset(name for _, names, _ in _block_names(text) for name in names)


def _singular(noun: str) -> str:
    """A prose noun as the code would name it: 'the explanations' -> 'explanation'."""
    word = noun.removeprefix("the ")
    return word[:-1] if word.endswith("s") else word


def _in_blocks(seg: Segmentation, quote: str) -> bool:
    """The quoted words also stand in a block the reply is built around (then they do not point away from it)."""
    return any(_holds(seg.text[b.start : b.end], quote) for b in deliverable_blocks(seg))


def rank_blocks(seg: Segmentation, request: str) -> list[tuple[Unit, float]]:
    """The deliverable blocks best first: by the request's names that each block holds (twice when the block defines the name;
    a language the request names counts as a name that the blocks written in it define;
    a name that every block holds counts for nothing; 'continue' counts as a name of the block the reply was cut off in,
    the one that ends it), then by size (the main listing rather than a one-line install command)."""
    held = _block_names(seg.text)
    continuing = bool(_CONTINUE.search(request.lower()))
    asked = _names(unescaped(request)) | {f"lang:{language}" for language in languages_named(request)}
    count = len(held)
    shares = {n: sum(n in names for _, names, _ in held) for n in asked}
    largest = max(b.end - b.start for b, _, _ in held)
    scored = []
    for block, names, defined in held:
        matched = sum((1 + (n in defined)) * math.log(1 + count / shares[n]) - math.log(2) for n in asked & names)
        cut_off = continuing and not seg.text[block.end :].strip()
        scored.append((block, matched + cut_off + 0.01 * (block.end - block.start) / largest))
    scored.sort(key=lambda pair: -pair[1])
    top = scored[0][1] or 1.0
    return [(block, score / top) for block, score in scored]


def introduced_by(seg: Segmentation, unit: Unit) -> Unit | None:
    """The paragraph or block right below a line that ends in a colon and introduces it ("2-d) Marketing plan:" over
    its list, "Now we invert these relations:" over the formula); None when the unit is no such line, or nothing of
    the deliverable follows it."""
    line = seg.text[unit.start : unit.end].rstrip(" *_`")
    if not line.endswith(":") or "\n" in line or not seg.text.startswith("\n", unit.end):
        return None
    chat = remarks(seg.text)
    below = next((p for p in seg.paragraphs if p.start >= unit.end), None)
    return below if below is not None and below.start not in chat else None

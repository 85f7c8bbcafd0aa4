"""Builds `behaviours/edits/cases.jsonl` from the corpus documents and real follow-up requests.

`canvas-tui labels edits-build ../shared/real-traffic/followups.jsonl` rewrites the file deterministically. Corpus
cases come from request templates over each document's real paragraphs, sections and lists; the
target (the part allowed to change) and every check are computed from the document, never typed by
hand. Follow-up cases are real requests on the real reply they followed, picked by request pattern.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from canvas_tui.document.units import segment
from canvas_tui.edit_eval.cases import Check, EditCase, cases_path, documents_dir, dump_cases
from canvas_tui.session.places import title_span

_BLOCK_GAP = re.compile(r"\n[ \t]*\n+")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_NOT_PROSE = ("#", "|", "```", "<", ">", "---", "!", "[")
SYNONYMS = {
    "important": "essential",
    "often": "frequently",
    "usually": "typically",
    "quickly": "rapidly",
    "problem": "issue",
    "change": "modification",
    "help": "assist",
    "easy": "simple",
    "simply": "just",
    "always": "consistently",
    "sometimes": "occasionally",
    "really": "truly",
    "probably": "likely",
    "start": "begin",
    "big": "large",
    "make sure": "ensure",
    "example": "instance",
    "ask": "request",
}
ORDINALS = ["first", "second", "third", "fourth"]


@dataclass
class Block:
    """A blank-line separated block of a document, with its exact offsets and the section it is in."""

    start: int
    end: int
    text: str
    section: str

    @property
    def kind(self) -> str:
        first = self.text.lstrip()
        if first.startswith("#"):
            return "heading"
        if _BULLET.match(first):
            return "list"
        return "other" if first.startswith(_NOT_PROSE) or len(first) < 80 else "prose"

    def opening(self, words: int = 6) -> str:
        """The block's first few words, as a person would quote them."""
        return " ".join(self.text.split()[:words])


def blocks(text: str) -> list[Block]:
    """Every block of `text` in order (front matter skipped), each with its section's title."""
    body_start = text.find("\n---", 3) + 4 if text.startswith("---") else 0
    found, section, position = [], "", body_start
    for gap in [*_BLOCK_GAP.finditer(text, body_start), None]:
        end = gap.start() if gap else len(text.rstrip())
        piece = text[position:end].rstrip()
        end = position + len(piece)
        if piece.strip():
            start = position + len(piece) - len(piece.lstrip())
            block = Block(start=start, end=end, text=text[start:end], section=section)
            if block.kind == "heading":
                section = re.sub(r"\s*\{#[^}]*\}\s*$", "", block.text.lstrip("# ")).strip()
            found.append(block)
        position = gap.end() if gap else len(text)
    return found


def _c(kind: str, **params) -> Check:
    return Check(kind=kind, **params)


KEEP = [_c("unchanged_outside"), _c("no_repeats"), _c("structure_kept")]


def _with_gap(text: str, block: Block) -> str:
    """The block with the blank lines before it and any spaces ending its line: what a deletion removes."""
    before, after = text[: block.start], text[block.end :]
    return before[len(before.rstrip()) :] + block.text + after[: len(after) - len(after.lstrip(" \t"))]


def _case(name: str, request: str, operation: str, target: str | None, checks: list[Check], **extra) -> EditCase:
    return EditCase(
        id=name,
        source="corpus",
        document=extra.pop("document"),
        request=request,
        operation=operation,
        target=target,
        checks=[_c("changed"), *checks],
        **extra,
    )


def _last(text: str, found: list[Block]) -> Block:
    """The last paragraph as the document's segmentation counts it (a block of one-line entries is many)."""
    unit = [u for u in segment(text).paragraphs if not text[u.start : u.end].lstrip().startswith("#")][-1]
    return Block(start=unit.start, end=unit.end, text=text[unit.start : unit.end], section=found[-1].section)


def _second(found: list[Block], sections: dict[str, list[Block]]) -> tuple[str, Block] | None:
    """'The second paragraph' where nobody could count it differently: of the document when its first two blocks
    are prose, else of the first section whose first two blocks are."""
    if len(found) > 1 and found[0].kind == found[1].kind == "prose":
        return "Remove the second paragraph.", found[1]
    for title, members in sections.items():
        if title and len(members) > 1 and members[0].kind == members[1].kind == "prose":
            return f"Remove the second paragraph of the “{title}” section.", members[1]
    return None


def _deletes(doc: str, text: str, found: list[Block], sections: dict[str, list[Block]]) -> list[EditCase]:
    prose = [b for b in found if b.kind == "prose"]
    named = prose[len(prose) // 2]
    title, members = next((t, m) for t, m in sections.items() if t and m)
    out = [
        ("delete the last paragraph", _last(text, found)),
        _second(found, sections),
        (f"Delete the paragraph that starts with “{named.opening()}”.", named),
        (f"remove the first paragraph of the “{title}” section", members[0]),
    ]
    return [
        _case(
            f"{doc}-del{i}",
            request,
            "delete",
            _with_gap(text, block),
            [*KEEP, _c("absent", text=block.text[:60]), _c("count", unit="paragraphs", delta=-1)],
            document=doc,
        )
        for i, (request, block) in enumerate(item for item in out if item)
    ]


def _moves(doc: str, text: str, found: list[Block], sections: dict[str, list[Block]]) -> list[EditCase]:
    cases, prose = [], [b for b in found if b.kind == "prose"]
    pairs = [(t, m) for t, m in sections.items() if t and len(m) >= 2 and m[0].kind == m[1].kind == "prose"]
    if pairs:
        title, members = pairs[0]
        first, second = members[0], members[1]
        cases.append(
            _case(
                f"{doc}-mov0",
                f"Swap the first two paragraphs of the “{title}” section.",
                "move",
                text[first.start : second.end],
                [
                    *KEEP,
                    _c("order", text=second.text[:50], after=first.text[:50]),
                    _c("present", text=first.text),
                    _c("present", text=second.text),
                    _c("count", unit="paragraphs", delta=0),
                ],
                document=doc,
            )
        )
    moved, last = prose[len(prose) // 3], _last(text, found)
    cases.append(
        _case(
            f"{doc}-mov1",
            f"Move the paragraph that starts with “{moved.opening()}” to the end of the document.",
            "move",
            text[moved.start : last.end],
            [
                *KEEP,
                _c("order", text=last.text[:50], after=moved.text[:50]),
                _c("present", text=moved.text),
                _c("count", unit="paragraphs", delta=0),
            ],
            document=doc,
        )
    )
    cases.append(
        _case(
            f"{doc}-mov2",
            "Move the last paragraph to the top, before the first paragraph.",
            "move",
            text[found[0].start : last.end],
            [
                *KEEP,
                _c("order", text=last.text[:50], after=found[0].text[:50]),
                _c("present", text=last.text),
                _c("count", unit="paragraphs", delta=0),
            ],
            document=doc,
        )
    )
    return cases


def _inserts(doc: str, text: str, prose: list[Block], lists: list[Block]) -> list[EditCase]:
    first, middle = prose[0], prose[len(prose) // 2]
    grown = [_c("length_ratio", low=1.02, high=3.0), _c("no_repeats"), _c("unchanged_outside")]
    cases = [
        _case(
            f"{doc}-ins0",
            f"Add a sentence to the end of the paragraph starting “{middle.opening()}” saying why this "
            "matters to the team.",
            "insert",
            middle.text,
            [*grown, _c("present", text=middle.text), _c("count", unit="paragraphs", delta=0)],
            document=doc,
        ),
        _case(
            f"{doc}-ins1",
            "Add a short example after the first paragraph, as a new paragraph.",
            "insert",
            first.text,
            [
                _c("unchanged_outside"),
                _c("no_repeats"),
                _c("present", text=first.text),
                _c("count", unit="paragraphs", delta=1),
            ],
            document=doc,
        ),
    ]
    if lists:
        items = lists[0]
        cases.append(
            _case(
                f"{doc}-ins2",
                f"Add a bullet “Ask a teammate for a second opinion.” to the end of the list that "
                f"starts with “{_BULLET.sub('', items.opening(7))}”.",
                "insert",
                items.text,
                [
                    *grown[1:],
                    _c("present", text="Ask a teammate for a second opinion."),
                    _c("count", unit="bullets", delta=1),
                    _c("present", text=items.text),
                ],
                document=doc,
            )
        )
    return cases


def _word_in(block: Block, text: str) -> tuple[str, str] | None:
    """A word of SYNONYMS that occurs once in the whole document, inside `block`."""
    for word, other in SYNONYMS.items():
        if len(re.findall(rf"\b{word}\b", text)) == 1 and re.search(rf"\b{word}\b", block.text):
            return word, other
    return None


def _replaces(doc: str, text: str, prose: list[Block]) -> list[EditCase]:
    cases = []
    for block in prose:
        found = _word_in(block, text)
        if found and len(cases) < 2:
            word, other = found
            cases.append(
                _case(
                    f"{doc}-rep{len(cases)}",
                    f"In the paragraph starting “{block.opening()}”, replace the word “{word}” with “{other}”.",
                    "replace",
                    block.text,
                    [
                        *KEEP,
                        _c("present", text=other),
                        _c("length_ratio", low=0.9, high=1.2),
                        _c("count", unit="paragraphs", delta=0),
                    ],
                    document=doc,
                )
            )
    title = title_span(text)
    cases.append(
        _case(
            f"{doc}-rep9",
            "Change the title to “A Practical Guide”.",
            "replace",
            text[title.start : title.end],
            [_c("unchanged_outside"), _c("present", text="A Practical Guide"), _c("count", unit="headings", delta=0)],
            document=doc,
        )
    )
    return cases


def _rewrites(doc: str, text: str, found: list[Block], sections: dict[str, list[Block]]) -> list[EditCase]:
    prose = [b for b in found if b.kind == "prose"]
    named, late = prose[1], prose[-2]
    title, members = next((t, m) for t, m in reversed(sections.items()) if t and m and m[0].kind == "prose")
    same = _c("count", unit="paragraphs", delta=0)
    return [
        _case(
            f"{doc}-rw0",
            f"Shorten the paragraph that starts with “{named.opening()}”.",
            "rewrite",
            named.text,
            [*KEEP, _c("length_ratio", low=0.2, high=0.9), same],
            document=doc,
        ),
        _case(
            f"{doc}-rw1",
            f"Make the first paragraph of the “{title}” section more formal.",
            "rewrite",
            members[0].text,
            [*KEEP, _c("length_ratio", low=0.5, high=2.0), same],
            document=doc,
        ),
        _case(
            f"{doc}-rw2",
            f"Turn the paragraph that starts with “{late.opening()}” into a bulleted list.",
            "rewrite",
            late.text,
            [_c("unchanged_outside"), _c("no_repeats"), _c("count", unit="bullets", compare="more")],
            document=doc,
        ),
        _case(
            f"{doc}-rw3",
            "Make this easier to read.",
            "rewrite",
            named.text,
            [*KEEP, _c("length_ratio", low=0.4, high=2.0), same],
            document=doc,
            selection=named.text,
        ),
        _case(
            f"{doc}-rw4",
            "Expand the last paragraph with more detail.",
            "rewrite",
            _last(text, found).text,
            [*KEEP, _c("length_ratio", low=1.1, high=4.0)],
            document=doc,
        ),
    ]


def corpus_cases(documents: Path) -> list[EditCase]:
    """The template cases over every document in `documents`."""
    cases = []
    for path in sorted(p for p in documents.glob("*.md") if p.name != "SOURCES.md"):
        text = path.read_bytes().decode("utf-8")
        found = [b for b in blocks(text) if b.kind != "heading"]
        prose = [b for b in found if b.kind == "prose"]
        sections: dict[str, list[Block]] = {}
        for block in found:
            sections.setdefault(block.section, []).append(block)
        lists = [b for b in found if b.kind == "list"]
        doc = path.name
        short = doc.split("__")[-1].removesuffix(".md")
        made = [
            *_deletes(doc, text, found, sections),
            *_moves(doc, text, found, sections),
            *_inserts(doc, text, prose, lists),
            *_replaces(doc, text, prose),
            *_rewrites(doc, text, found, sections),
        ]
        cases += [case.model_copy(update={"id": case.id.replace(doc, short)}) for case in made]
    return cases


FOLLOWUP_PATTERNS: list[tuple[str, str, list[Check]]] = [
    (
        r"^(?:please )?(?:shorten|make (?:it|this) (?:shorter|more concise)|rewrite (?:it|this) (?:a bit )?(?:smaller|shorter)"
        r"|(?:make it )?shorter|summari[sz]e (?:it|this))\b",
        "rewrite",
        [_c("length_ratio", low=0.1, high=0.9), _c("no_repeats"), _c("code_parses")],
    ),
    (
        r"^(?:re)?write (?:it|this|that)?\s*(?:in|with) (?:a |an )?[\w-]+ (?:tone|style|voice)\b|^make (?:it|this) (?:more )?"
        r"(?:formal|friendly|professional|casual|polite|persuasive|engaging)\b",
        "rewrite",
        [_c("length_ratio", low=0.3, high=2.5), _c("no_repeats"), _c("code_parses")],
    ),
    (
        r"\b(?:bullet(?:ed)? (?:points|list)|into (?:a )?(?:list|points))\b",
        "rewrite",
        [_c("count", unit="bullets", compare="more"), _c("no_repeats")],
    ),
    (r"^(?:please )?translate\b", "rewrite", [_c("length_ratio", low=0.4, high=2.5), _c("no_repeats")]),
    (
        r"^add (?:a |an |some )?(?:error handling|comments|docstrings?|type hints|logging|exception handling)\b",
        "rewrite",
        [_c("length_ratio", low=1.0, high=3.0), _c("no_repeats"), _c("code_parses")],
    ),
    (
        r"^add (?:a |an |one more |another )(?:section|paragraph|sentence|example|conclusion|point|step)\b",
        "insert",
        [_c("length_ratio", low=1.0, high=3.0), _c("no_repeats"), _c("structure_kept")],
    ),
]
MAX_FOLLOWUP_CHARS = 4000
PER_PATTERN = 10
NOT_EDITS = {"f01169", "f01199", "f02038", "f02243", "f03576", "f05413"}
"""Rows a pattern matched whose request is not an edit of the reply on screen (a new question, another text)."""
CURATED: dict[str, tuple[str, str | None, list[Check]]] = {
    "f05837": (
        "delete",
        "\nTheir work keeps us informed, during work hours,",
        [_c("unchanged_outside"), _c("absent", text="work hours")],
    ),
    "f04547": (
        "rewrite",
        None,
        [_c("count", unit="bullets", delta=-3), _c("no_repeats"), _c("present", text="Memo Randam by Hi-Fi Set")],
    ),
    "f05677": (
        "rewrite",
        '2. Push your built files to this branch. The files should be located in the "dist" directory.',
        [_c("unchanged_outside"), _c("length_ratio", low=1.1, high=6.0), _c("no_repeats")],
    ),
}
"""Real requests whose target and checks were read off the reply by hand."""


def followup_cases(path: Path) -> list[EditCase]:
    """Real follow-up requests matching an edit pattern, on the reply they followed (up to PER_PATTERN each)."""
    taken: dict[int, int] = {}
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] in CURATED:
            operation, target, checks = CURATED[row["id"]]
            cases.append(
                EditCase(
                    id=row["id"],
                    source="followup",
                    document=row["document"],
                    request=row["request"].strip(),
                    operation=operation,
                    target=target,
                    checks=[_c("changed"), *checks],
                )
            )
            continue
        if len(row["document"]) > MAX_FOLLOWUP_CHARS or "\n" in row["request"].strip() or row["id"] in NOT_EDITS:
            continue
        for number, (pattern, operation, checks) in enumerate(FOLLOWUP_PATTERNS):
            if taken.get(number, 0) < PER_PATTERN and re.search(pattern, row["request"].strip(), re.IGNORECASE):
                taken[number] = taken.get(number, 0) + 1
                cases.append(
                    EditCase(
                        id=row["id"],
                        source="followup",
                        document=row["document"],
                        request=row["request"].strip(),
                        operation=operation,
                        checks=[_c("changed"), *checks],
                    )
                )
                break
    return cases


def build(followups: Path) -> int:
    """Rewrite the cases file from the documents folder and the real follow-ups file; returns how many cases."""
    cases = corpus_cases(documents_dir()) + followup_cases(followups)
    dump_cases(cases, cases_path())
    return len(cases)

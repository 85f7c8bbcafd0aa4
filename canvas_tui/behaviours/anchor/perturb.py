"""Generate the anchor eval set: seeded quotes of real documents, one perturbation kind each.

    canvas-tui labels anchor-perturb [--seed 7] [--per-kind 12]

Copies the corpus documents (and behaviours/locate/documents/ if present) into
behaviours/anchor/documents/, then writes dev.jsonl and eval.jsonl (split by document, so the
thresholds calibrated on dev are judged on documents they never saw). Gold spans index the
original document; negatives (`absent`, `paraphrase`, `diverged`) have no span.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from canvas_tui.behaviours.anchor import textops
from canvas_tui.behaviours.anchor.evalset import EvalRow, Unit, data_dir, document_files, documents_dir, prose_units
from canvas_tui.behaviours.anchor.paraphrase import compress, paraphrase
from canvas_tui.paths import PROJECT_ROOT, behaviour_dir

DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
"""The corpus documents beside the project (../shared/corpus)."""
Gold = tuple[str, int | None, int | None, bool]
_MARKUP = re.compile(r"[*_`\[\]<>]")
_ELISION_MARKS = [" ... ", " \u2026 ", " [...] ", "... ", " [\u2026] ", "\u2026"]
_WORDS = re.compile(r"\S+")


@dataclass
class DocContext:
    """One document with its prose units and sentences from the other documents (for negatives)."""

    name: str
    text: str
    units: list[Unit]
    foreign: list[str]
    # `plain`: units with no markup whose text occurs once (so the gold span is THE occurrence).
    flat: str = field(init=False)
    plain: list[Unit] = field(init=False)

    def __post_init__(self) -> None:
        self.flat = _flat(textops.render(self.text))
        self.plain = [u for u in self.units if not _MARKUP.search(self.raw(u)) and self.unique(u.start, u.end)]

    def raw(self, unit: Unit) -> str:
        return self.text[unit.start : unit.end]

    def unique(self, start: int, end: int) -> bool:
        """The rendered text of `[start, end)` occurs once in the rendered document (any case)."""
        return self.flat.count(_flat(textops.render(self.text[start:end])).strip(" .,:;!?\"'")) == 1

    def paragraph(self, unit: Unit) -> tuple[int, int]:
        """The range of the paragraph a unit belongs to."""
        same = [u for u in self.units if u.paragraph == unit.paragraph]
        return same[0].start, same[-1].end

    def absent(self, quote: str) -> bool:
        """An independent check (rapidfuzz, not the anchorer) that a quote is nowhere near the text."""
        return fuzz.partial_ratio(_flat(quote), self.flat) < 70


def _flat(text: str) -> str:
    return " ".join(text.lower().split())


def _phrase(rng: random.Random, text: str, unit: Unit, low: int = 4, high: int = 12) -> tuple[int, int]:
    words = list(_WORDS.finditer(text, unit.start, unit.end))
    size = min(len(words), rng.randint(low, high))
    first = rng.randrange(0, len(words) - size + 1)
    return words[first].start(), words[first + size - 1].end()


def _sentence_or_phrase(rng: random.Random, ctx: DocContext) -> tuple[int, int]:
    unit = rng.choice(ctx.plain)
    start, end = (unit.start, unit.end) if rng.random() < 0.6 else _phrase(rng, ctx.text, unit)
    return (start, end) if ctx.unique(start, end) else (unit.start, unit.end)


def _perturbed(op: Callable[[random.Random, str], str]) -> Callable[[random.Random, DocContext], Gold | None]:
    def make(rng: random.Random, ctx: DocContext) -> Gold | None:
        start, end = _sentence_or_phrase(rng, ctx)
        return op(rng, ctx.text[start:end]), start, end, False

    return make


def _exact(rng: random.Random, ctx: DocContext) -> Gold | None:
    start, end = _sentence_or_phrase(rng, ctx)
    return ctx.text[start:end], start, end, False


def _truncated(rng: random.Random, ctx: DocContext) -> Gold | None:
    unit = rng.choice(ctx.plain)
    words = list(_WORDS.finditer(ctx.text, unit.start, unit.end))
    keep = unit.start + (unit.end - unit.start) * rng.uniform(0.55, 0.85)
    kept = [w for w in words if w.start() < keep]
    if len(words) < 8 or len(kept) == len(words):
        return None
    return ctx.text[unit.start : kept[-1].end()] + rng.choice(["", "", "...", "\u2026"]), unit.start, unit.end, False


def _extended(rng: random.Random, ctx: DocContext) -> Gold | None:
    unit = rng.choice(ctx.plain)
    low, high = ctx.paragraph(unit)
    before = list(_WORDS.finditer(ctx.text, low, unit.start))
    before = before[len(before) - rng.randint(0, 3) :]
    after = list(_WORDS.finditer(ctx.text, unit.end, high))[: rng.randint(1, 3)]
    start = before[0].start() if before else unit.start
    end = after[-1].end() if after else unit.end
    added = (unit.start - start) + (end - unit.end)
    if not 0 < added <= 0.8 * (unit.end - unit.start) or _MARKUP.search(ctx.text[start:end]):
        return None
    quote = " ".join(ctx.text[start:end].split())
    return quote, unit.start, unit.end, False


def _elided(rng: random.Random, ctx: DocContext) -> Gold | None:
    index = rng.randrange(len(ctx.units))
    group = [u for u in ctx.units[index : index + rng.randint(1, 3)] if u.paragraph == ctx.units[index].paragraph]
    start, end = group[0].start, group[-1].end
    words = _WORDS.findall(textops.render(ctx.text[start:end]))
    head, tail = rng.randint(3, 7), rng.randint(3, 7)
    if len(words) < head + tail + 5 or not ctx.unique(start, end):
        return None
    quote = " ".join(words[:head]) + rng.choice(_ELISION_MARKS) + " ".join(words[-tail:])
    return quote, start, end, False


def _first_occurrences(ctx: DocContext, phrase: str) -> list[re.Match[str]]:
    pattern = r"\b" + r"[\s*_`]+".join(re.escape(w) for w in phrase.split())
    return list(re.finditer(pattern, ctx.text, re.IGNORECASE))


def _repeated(rng: random.Random, ctx: DocContext) -> Gold | None:
    unit = rng.choice(ctx.plain)
    start, end = _phrase(rng, ctx.text, unit, 3, 6)
    phrase = ctx.text[start:end]
    found = _first_occurrences(ctx, phrase)
    inside = all(any(u.start <= m.start() and m.end() <= u.end for u in ctx.units) for m in found)
    inside = inside and not any(
        _MARKUP.match(ctx.text, max(0, m.start() - 1)) or _MARKUP.match(ctx.text, m.end()) for m in found
    )
    if len(found) < 2 or not inside or len(phrase) < 12 or ctx.flat.count(_flat(phrase)) != len(found):
        return None
    quote = phrase if rng.random() < 0.7 else textops.change_case(rng, phrase)
    return quote, found[0].start(), found[0].end(), True


def _markdown(rng: random.Random, ctx: DocContext) -> Gold | None:
    marked = [
        i
        for i, u in enumerate(ctx.units)
        if _MARKUP.search(ctx.raw(u))
        or re.match(r"[ \t]*(?:[-*+]|\d+\.)\s", ctx.text[ctx.text.rfind("\n", 0, u.start) + 1 : u.end])
    ]
    if not marked:
        return None
    index = rng.choice(marked)
    unit, nxt = ctx.units[index], ctx.units[index + 1] if index + 1 < len(ctx.units) else None
    end = nxt.end if nxt and nxt.paragraph == unit.paragraph and rng.random() < 0.4 else unit.end
    if not ctx.unique(unit.start, end):
        return None
    quote = textops.render(ctx.text[unit.start : end])
    return quote.replace("\n", rng.choice([" ", "\n"])), unit.start, end, False


_MIXABLE = [textops.change_case, textops.change_whitespace, textops.change_punctuation, textops.add_typos]


def _mixed(rng: random.Random, ctx: DocContext) -> Gold | None:
    """Two or three of case, whitespace, punctuation and typo changes on one quote."""
    start, end = _sentence_or_phrase(rng, ctx)
    quote = ctx.text[start:end]
    for op in rng.sample(_MIXABLE, k=rng.randint(2, 3)):
        quote = op(rng, quote)
    return quote, start, end, False


def _absent(rng: random.Random, ctx: DocContext) -> Gold | None:
    quote = rng.choice(ctx.foreign)
    if rng.random() < 0.3:
        quote = textops.add_typos(rng, quote)
    return (quote, None, None, False) if ctx.absent(quote) else None


def _paraphrase(rng: random.Random, ctx: DocContext) -> Gold | None:
    unit = rng.choice(ctx.units)
    text = textops.render(ctx.raw(unit))
    if rng.random() < 0.25:
        quote = compress(rng, text, min_dropped=rng.uniform(0.15, 0.3))
    else:
        quote = paraphrase(rng, text, min_changed=rng.uniform(0.25, 0.5))
    return (quote, None, None, False) if quote else None


def _diverged(rng: random.Random, ctx: DocContext) -> Gold | None:
    words = _WORDS.findall(textops.render(ctx.raw(rng.choice(ctx.units))))
    if len(words) < 10:
        return None
    keep = round(len(words) * rng.uniform(0.45, 0.8))
    tail = _WORDS.findall(rng.choice(ctx.foreign))[: max(4, len(words) - keep)]
    if len(tail) < 4 or not ctx.absent(" ".join(tail)):
        return None
    return " ".join(words[:keep] + tail), None, None, False


KINDS: dict[str, Callable[[random.Random, DocContext], Gold | None]] = {
    "exact": _exact,
    "case": _perturbed(textops.change_case),
    "whitespace": _perturbed(textops.change_whitespace),
    "punctuation": _perturbed(textops.change_punctuation),
    "typo": _perturbed(textops.add_typos),
    "truncated": _truncated,
    "extended": _extended,
    "elided": _elided,
    "repeated": _repeated,
    "markdown": _markdown,
    "mixed": _mixed,
    "absent": _absent,
    "paraphrase": _paraphrase,
    "diverged": _diverged,
}


def _rows_for(rng: random.Random, ctx: DocContext, per_kind: int) -> list[EvalRow]:
    rows: list[EvalRow] = []
    stem = Path(ctx.name).stem
    for kind, make in KINDS.items():
        made = 0
        for _ in range(per_kind * 20):
            if made == per_kind:
                break
            gold = make(rng, ctx)
            if gold is None or not gold[0].strip():
                continue
            quote, start, end, ambiguous = gold
            rows.append(
                EvalRow(
                    id=f"{stem}:{kind}:{made}",
                    doc=ctx.name,
                    quote=quote,
                    kind=kind,
                    start=start,
                    end=end,
                    ambiguous=ambiguous,
                )
            )
            made += 1
    return rows


def _collect_documents(corpus: Path) -> list[Path]:
    """The corpus and the locator's documents, without the real-traffic replies (held out for the locator)."""
    by_name = {
        p.name: p for p in document_files(behaviour_dir("locate") / "documents") if not p.name.startswith("real-")
    }
    by_name.update({p.name: p for p in document_files(corpus)})
    return [by_name[name] for name in sorted(by_name)]


def generate(corpus: Path, seed: int, per_kind: int) -> dict[str, list[EvalRow]]:
    """Copy the documents and build the rows of both splits (every third document is dev)."""
    target = documents_dir()
    target.mkdir(parents=True, exist_ok=True)
    texts: dict[str, str] = {}
    for path in _collect_documents(corpus):
        shutil.copyfile(path, target / path.name)
        texts[path.name] = path.read_bytes().decode("utf-8")
    units = {name: prose_units(text) for name, text in texts.items()}
    splits: dict[str, list[EvalRow]] = {"dev": [], "eval": []}
    for index, (name, text) in enumerate(sorted(texts.items())):
        foreign = [
            " ".join(textops.render(texts[o][u.start : u.end]).split()) for o in texts if o != name for u in units[o]
        ]
        ctx = DocContext(name, text, units[name], foreign)
        rng = random.Random(f"{seed}:{name}")
        splits["dev" if index % 3 == 1 else "eval"].extend(_rows_for(rng, ctx, per_kind))
    return splits


def write_evalset(corpus: Path = DEFAULT_CORPUS, seed: int = 7, per_kind: int = 12) -> dict[str, int]:
    """Regenerate documents/, dev.jsonl and eval.jsonl; returns how many rows each split got."""
    written = {}
    for split, rows in generate(corpus, seed, per_kind).items():
        lines = "".join(row.line() + "\n" for row in rows)
        (data_dir() / f"{split}.jsonl").write_text(lines, encoding="utf-8")
        written[split] = len(rows)
    return written

"""The last resort for a near-exact quote: the raw quote, character for character but for a slip or
two, in the raw document.

Normalising a quote cut inside markdown or HTML (`...king/)** exist`, `p< markdown=`) gives other
text than normalising the same characters in their document, so such a quote with one typo (two
adjacent characters swapped, a space moved: "th ecat") matches nowhere in normalised text. Here the
raw quote is aligned with the raw document; a match counts only if it is near-exact: at most one
slip (an optimal-string-alignment edit, a swap counting once) per 150 characters, in a quote of 40
or more. A replaced word in a long quote already costs more than that; absent and paraphrased
quotes cost far more.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

from canvas_tui.behaviours.anchor.matcher import PreparedDocument
from canvas_tui.behaviours.anchor.search import Candidate
from canvas_tui.behaviours.anchor.seeds import best_alignments

MIN_LENGTH = 40
CHARS_PER_SLIP = 150


def slips_allowed(length: int) -> int:
    """How many slips a near-exact quote of `length` characters may have."""
    return 1 + length // CHARS_PER_SLIP if length >= MIN_LENGTH else 0


def near_verbatim(doc: PreparedDocument, quote: str) -> list[Candidate]:
    """Where the raw `quote` is in the raw document but for a few slips (normalised coordinates)."""
    quote = quote.strip()
    allowed = slips_allowed(len(quote))
    if not allowed:
        return []
    distance, locations = best_alignments(doc.encode(quote), doc.raw_encoded, 2 * allowed)  # a swap: 2 edits
    found = []
    for first, last in locations if distance >= 0 else []:
        slips = OSA.distance(quote, doc.raw[first : last + 1], score_cutoff=allowed)
        start, end = doc.norm.count_before(first), doc.norm.count_before(last + 1)
        if slips <= allowed and start < end and not (found and start < found[-1].end):
            found.append(Candidate(start, end, 1.0 - slips / len(quote), "near-verbatim", (first, last + 1)))
    return found

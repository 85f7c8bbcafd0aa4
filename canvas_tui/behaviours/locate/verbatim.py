"""Short lines named by their own words (spec convention 7): "the thank you doesn't sound professional" is about the
"Thank you," line of a letter, "the best regards" about its sign-off. A request that says "the" and then every word
of a short sentence of the document, in order, quotes that sentence without quotation marks,
even a line that is not counted as a paragraph (a greeting, a sign-off).
"""

from __future__ import annotations

from canvas_tui.behaviours.locate.text import STOPWORDS, words
from canvas_tui.document.units import Segmentation, Unit

MIN_WORDS = 2
MAX_WORDS = 4


def _phrase(text: str) -> str:
    return " ".join(words(text))


def verbatim(seg: Segmentation, request: str) -> Unit | None:
    """The first short sentence (two to four words, not only stop words) that the request names after
    'the' with all its words in order, or None. Heading lines are named as sections, not quoted."""
    said = f" {_phrase(request)} "
    headings = {heading.start for heading in seg.headings}
    for sentence in (s for s in seg.sentences if s.start not in headings):
        text = seg.text[sentence.start : sentence.end]
        phrase = _phrase(text)
        count = len(phrase.split())
        if MIN_WORDS <= count <= MAX_WORDS and set(phrase.split()) - STOPWORDS and f" the {phrase} " in said:
            return sentence
    return None

"""Word-level text helpers for the locator: normalising, tokenising and light stemming.

Requests and documents are compared on stems of content words, so "installing" finds
"Installation" and tokenizer spacing (`word , word`) or curly quotes change nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_SUFFIXES = (
    "ational",
    "ations",
    "ation",
    "ingly",
    "ments",
    "ment",
    "ness",
    "ities",
    "ity",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "ly",
    "es",
    "s",
    "e",
)

STOPWORDS = frozenset(
    """
a an the and or but if then than so to of in on at by for with from into onto about as is are was were be been
being it its it's this that these those there here i me my we our us you your he she they them their his her
do does did doing have has had can could would should will shall may might must not no nor only own same too
very just also any all some each every both few more most other such what which who whom whose when where why
how up down out over under again further once please can't don't isn't wasn't bit part piece one ones thing
""".split()
)

EDIT_WORDS = frozenset(
    """
make rewrite write rephrase reword tighten shorten trim cut expand lengthen simplify clarify fix improve edit
polish punch punchier clearer clear shorter longer concise concisely formal informal casual friendlier tone
change replace remove delete drop add insert move swap reorder restructure summarize summarise condense
proofread correct typo typos grammar spelling translate turn convert say says said read reads mention
mentions mentioned talk talks discuss discusses cover covers explain explains describe describes
sentence sentences line lines paragraph paragraphs para passage section sections chapter heading part
document doc text whole entire everything bit bits can could you please would like want need let's lets
first second third fourth fifth sixth seventh eighth ninth tenth last final opening closing intro
introduction end ending beginning start conclusion top bottom little more less much better way word words
engaging readable readability flow vivid stronger strong active voice tense bullet bullets list sound
sounds version
long short dry dull boring bland wordy verbose clunky awkward confusing unclear vague abrupt technical dense
jargony flat weak dramatic punchy lively warm warmer cold stiff repetitive rambling choppy messy sloppy
accessible engaging interesting exciting persuasive neutral biased harsh soft softer softly direct
needs needed source sources citation citations link links example examples detail details latest update updated
main primary principal come comes
""".split()
)


def normalise(text: str) -> str:
    """Lower-case with straight quotes and single spaces."""
    return " ".join(text.translate(_QUOTES).lower().split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to match inflections and -ation/-ing derivations."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word[-1] == word[-2] else word


def words(text: str) -> list[str]:
    """Lower-case word tokens of `text`, possessive 's dropped ("the engineer's quote")."""
    return [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text.translate(_QUOTES).lower())]


def stems(text: str) -> list[str]:
    """Stems of the content words of `text` (stop words dropped)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def topic_stems(text: str) -> list[str]:
    """Stems of the words of a request that can name a topic (edit vocabulary dropped too).

    Numbers of two digits or more count ('the 10 percent figure', '1755'); single digits are ordinals.
    """
    return [
        stem(w) for w in words(text) if w not in STOPWORDS and w not in EDIT_WORDS and (not w.isdigit() or len(w) >= 2)
    ]

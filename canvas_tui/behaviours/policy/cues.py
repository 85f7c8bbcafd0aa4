"""Cue words that signal a targeted in-place edit or a rewrite, and the rules scorer built on them.

The cues are the readable core of the policy: the rules baseline scores with them alone, and the
trained model gets their counts as features. Each cue is a regular expression over the lowercased
request with a weight; positive weights push towards `targeted`, negative towards `rewrite`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

QUOTED = r"[\"`\u201c\u2018].+?[\"`\u201d\u2019]|(^|\s)'[^']+'"
SMALL_PART = (
    r"\b(this|that|the|one|a|first|second|third|fourth|fifth|last|final|next|opening|closing|\d+(st|nd|rd|th))"
    r" (\w+ )?(sentence|line|word|phrase|heading|header|title|bullet|item|step|link|caption|row|column|label|comment)\b"
)

TARGETED_CUES: dict[str, float] = {
    r"\btypos?\b|\bmisspell|\bspelling\b|\bspelt\b|\bspelled\b|\bspell ?check|\bproofread": 2.0,
    r"\bgrammar\b|\bgrammatical|\bsubject[- ]verb\b|\btense\b": 1.5,
    r"\bpunctuation\b|\bcommas?\b|\bperiods?\b|\bfull stops?\b|\bapostrophes?\b|\bsemicolons?\b|\bcolons?\b|\bhyphens?\b|\bdash(es)?\b|\bquotation marks?\b": 1.5,
    r"\bcapitali[sz]|\blower ?case\b|\bupper ?case\b|\ball caps\b": 1.5,
    r"\bchange\b.*\bto\b|\breplace\b|\bswap\b|\bsubstitute\b": 1.2,
    r"\brename\b": 2.0,
    r"\bspell out\b|\bnumerals?\b|\bdigits?\b|\bdates?\b|\byear\b(?![- ]old)|\bprices?\b|\bpercent": 1.2,
    r"\bbold\b|\bitalic|\bunderline|\bhyperlink|\blinks?\b|\bcode font\b|\bbackticks?\b": 1.2,
    r"\badd (a|an|one|the)\b|\binsert\b|\bappend\b": 0.8,
    r"\bremove (the|this|that|a|an|one)\b|\bdelete\b|\bdrop the\b|\bcut the\b": 0.8,
    r"\bword\b|\bterm\b|\bname\b|\btitle\b|\bheading\b": 0.6,
    r"\bdocstring\b|\btype hints?\b|\bvariable\b|\bimport\b|\boff[- ]by[- ]one\b|\bbug\b": 1.2,
    r"\bcorrect\b|\bfix\b|\bupdate\b": 0.8,
    QUOTED: 1.0,
    SMALL_PART: 1.0,
}

REWRITE_CUES: dict[str, float] = {
    r"\brewrite\b|\bre-write\b|\brephrase\b|\breword\b|\bredo\b|\bredraft\b|\bfrom scratch\b": 2.0,
    r"\bformal|\bcasual\b|\binformal\b|\btone\b|\bfriendl|\bwarm(er)?\b|\bprofessional\b|\bconfident\b|\bpolite\b": 1.8,
    r"\bpunch(ier|y)\b|\bengaging\b|\bpersuasive\b|\bexciting\b|\bvivid\b|\bcompelling\b|\bflow\b|\bcatchier\b": 1.6,
    r"\bsimplif|\bsimpler\b|\breading level\b|\bgrade\b|\bplain (english|language)\b|\beli5\b|\bjargon\b": 1.6,
    r"\bexpand\b|\belaborate\b|\blonger\b|\bmore detail|\bflesh out\b": 1.6,
    r"\bshorter\b|\bshorten\b|\bcondense\b|\btighten\b|\btrim\b|\bconcise\b|\bsummari[sz]e\b|\bcut (it|this) down\b": 1.0,
    r"\brestructure\b|\breorgani[sz]e\b|\breorder\b|\bstructure\b|\boutline\b|\bbullet(ed)? list\b|\btable\b": 1.2,
    r"\btranslate\b|\bin (french|spanish|german|italian|japanese|chinese|portuguese)\b|\bport\b|\bconvert (it|this|the) .*\bto\b": 2.0,
    r"\brefactor\b|\bidiomatic\b|\bpythonic\b|\bclean up\b|\bmodernize\b|\basync\b": 1.5,
    r"\baudience\b|\bfor (kids|children|beginners|experts|executives|a general)\b|\bnon-?technical\b|\bteenagers?\b|\byears? old\b|\byear-old\b": 1.6,
    r"\bstyle\b|\bvoice\b|\bpoem\b|\bstory\b|\bhaiku\b|\bimprove\b|\bbetter\b|\bpolish\b|\bstronger\b": 1.2,
}

SCOPE_CUES = r"\bwhole\b|\bentire\b|\beverything\b|\bthroughout\b|\beverywhere\b|\ball (the )?\w+s\b|\bevery\b"
UNIT_PRIOR: dict[str, float] = {"sentence": 0.8, "paragraph": -0.2, "section": -0.6, "document": -0.8}


@dataclass(frozen=True)
class CueCounts:
    """Summed cue weights found in one request: evidence for targeted and for rewrite."""

    targeted: float
    rewrite: float
    scope: bool


_COMPILED_TARGETED = [(re.compile(p), w) for p, w in TARGETED_CUES.items()]
_COMPILED_REWRITE = [(re.compile(p), w) for p, w in REWRITE_CUES.items()]
_COMPILED_SCOPE = re.compile(SCOPE_CUES)


def count_cues(request: str) -> CueCounts:
    """Sum the weights of the cues present in `request` (each cue counted once)."""
    text = request.lower()
    return CueCounts(
        targeted=sum(w for pattern, w in _COMPILED_TARGETED if pattern.search(text)),
        rewrite=sum(w for pattern, w in _COMPILED_REWRITE if pattern.search(text)),
        scope=bool(_COMPILED_SCOPE.search(text)),
    )


def rules_score(request: str, unit: str) -> float:
    """P(targeted) from cue words and the unit alone: a logistic of targeted minus rewrite evidence.

    With no cue at all the score leans to rewrite (Canvas's launch bias) except for single sentences.
    """
    cues = count_cues(request)
    margin = cues.targeted - cues.rewrite + UNIT_PRIOR.get(unit, 0.0) - 0.3
    return 1.0 / (1.0 + math.exp(-margin))

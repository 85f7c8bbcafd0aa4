"""What the trained models read: the instruction part of a prompt and a few hand features.

Long prompts often carry pasted material (an article, code, an essay) whose words say nothing
about where the answer belongs; the instruction sits at its start or end. `instruction_view`
keeps both ends, and the hand features say how long the prompt and its asked output are.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from canvas_tui.behaviours.trigger.explicit import explicit_route, explicit_trigger
from canvas_tui.behaviours.trigger.keyword import keyword_trigger

HEAD = 320
TAIL = 240
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "a single": 1}
_COUNT = r"(\d+|one|two|three|four|five|six|ten|a single)"
_UNIT = (r"(words?|sentences?|lines?|paragraphs?|pages?|characters?|bullet points?|bullets?|stanzas?|verses?|"
         r"tweets?|seconds?|minutes?)\b")
_LIMIT = re.compile(
    r"\b(?:in|under|within|at most|no more than|fewer than|less than|max(?:imum)?(?: of)?|exactly|about|around|"
    r"only|just|write(?: me)?|\d+\s*(?:-|to))\s*(?:exactly\s+|about\s+|around\s+|just\s+|only\s+)?" + _COUNT + r"\s+" + _UNIT
    + r"|\b" + _COUNT + r"-" + _UNIT + r"|\b(\d{3,})\s+(words?|pages?)\b",
    re.IGNORECASE,
)
_SHORT_CUE = re.compile(r"\b(?:short(?! stor| essay| play| film| novel)|brief|briefly|quick|concise|one-line|"
                        r"one line|tiny|succinct|in a nutshell|tl;?dr|a sentence|one sentence|single sentence)\b",
                        re.IGNORECASE)
_LONG_CUE = re.compile(r"\b(?:detailed|long|comprehensive|in-depth|thorough|full|complete|extensive|"
                       r"multi-page|step-by-step plan)\b", re.IGNORECASE)
_QUESTION_START = re.compile(r"^\s*(?:who|what|when|where|why|how|which|is|are|can|could|does|do|did|"
                             r"should|would|will|was|were|has|have)\b", re.IGNORECASE)
_IMPERATIVE_START = re.compile(r"^\s*(?:please\s+)?(?:write|draft|compose|create|generate|build|make|develop|"
                               r"implement|code|design|prepare|craft|produce|put together)\b", re.IGNORECASE)
_LONG_NOUN = re.compile(
    r"\b(?:essays?|stor(?:y|ies)|letters?|e-?mails?|speech|vows|eulogy|toast|articles?|blog|posts?|reports?|"
    r"proposals?|plans?|itinerary|syllabus|curriculum|outline|script|screenplay|play|monologue|dialogue|scene|"
    r"poem|sonnet|villanelle|ballad|song|lyrics|chapter|novel|resume|cv|guide|manual|tutorial|procedure|policy|"
    r"contract|newsletter|press release|review|program|app|application|website|web ?page|landing page|game|class|"
    r"functions?|api|server|bot|tests|quiz|case study|white paper|memo|brochure|faq|readme|documentation|"
    r"cover letter|personal statement|documents?|design doc|rfp|parody|handbook|fairy tale|fable|biography|study guide|playbook|macro|component|extension|schema|"
    r"ensayo|essai|aufsatz|saggio|ensaio|эссе|carta|lettre|brief|lettera|рассказ|историю|письмо|cuento|histoire|"
    r"geschichte|kurzgeschichte|storia|história|novell|verhaal|opowiadanie|discurso|discours|rede|discorso|speech|"
    r"poema|poème|gedicht|poesia|wiersz|стихотворение|artículo|artikel|articolo|artigo|programa|programme|"
    r"programm|skript|plano|plan de|business ?plan|iş planı|lettre de motivation|bewerbung|mail)\b"
    r"|文章|求职信|信|故事|演讲|诗|计划|メール|手紙|物語|記事|글|편지|이야기|भाषण|कहानी|पत्र",
    re.IGNORECASE,
)
_SHORT_NOUN = re.compile(
    r"\b(?:haikus?|limerick|couplet|tweet|slogan|tagline|motto|title|headline|caption|sentence|names?|subject line|"
    r"quote|joke|pun|riddle|epitaph|metaphor|mnemonic|acronym|titles|explanation|summary|overview|steps|"
    r"equation|password|one-liner|regex|query|command|synonyms?|words?|bio|blurb|note|"
    r"message|text message|jingle|greeting|paragraph|rhyme|acrostic|tongue twister|alt text|hashtags?|hook|"
    r"definition|(?<!hash )(?<!sortable )(?<!database )(?<!pivot )tables?|auto-reply|mission statement|adjectives|frase|haïku|phrase|satz)\b",
    re.IGNORECASE,
)
_INTENT = re.compile(
    r"(?:^|[.,:;!?]\s+)\s*(?:please\s+|now\s+|ok(?:ay)?,?\s+)?(?:write|draft|compose|create|generate|build|make|develop|implement|"
    r"code|design|prepare|craft|produce|put together|author|plan|escribe|escriba|escreva|écris|écrivez|rédige|"
    r"rédigez|schreibe|schreiben sie|scrivi|scriva|напиши|напишите|napisz|skriv|schrijf|yaz|redacta)\b"
    r"|\b(?:help me (?:write|draft|with|create|make|put together)|i need (?:a|an|my)|can you (?:write|draft|make|create|"
    r"build|do|put together)|could you (?:write|draft|make|create|build|do|put together)|tell me a (?:long )?story|"
    r"i want (?:a|an)|write me|provide (?:a|the) (?:full |complete )?(?:implementation|program|script|code)|"
    r"you (?:to )?(?:write|draft|compose|create|build|develop|implement|code|design|prepare|craft|produce))\b|写|書いて|써|लिखो|लिखें|yaz\.?$",
    re.IGNORECASE,
)
_CODE_NOUN = re.compile(
    r"\b(?:python|javascript|typescript|java|kotlin|swift|c\+\+|c#|rust|golang|go|ruby|php|sql|html|css|bash|shell|"
    r"powershell|react|vue|flask|django|fastapi|node(?:\.js)?|algorithm|data structure|activity|component|"
    r"endpoint|cli|gui|pygame|pandas|numpy|pytorch|tensorflow|implementation|engine|module|bot)\b",
    re.IGNORECASE,
)
_TRANSFORM = re.compile(r"\b(?:rewrite|improve|proofread|refactor|convert|turn|expand|edit|polish|revise|modify|"
                        r"extend|adapt|restructure|port|modernize|clean up)\b", re.IGNORECASE)
_IN_FORM = re.compile(r"\b(?:in|as|into) (?:an?|the form of an?|a well-structured|a full) (?:[\w-]+ ){0,3}?"
                      r"(?:essay|article|report|letter|blog post|story|poem|speech|script|guide|handout)\b",
                      re.IGNORECASE)
_SHORT_UNITS = {"word": 1 / 12, "character": 1 / 80, "sentence": 1 / 2, "line": 1.0, "bullet": 1.0,
                "bullet point": 1.0, "tweet": 3.0, "stanza": 4.0, "verse": 4.0, "paragraph": 4.0, "page": 40.0,
                "second": 1 / 5, "minute": 12.0}


def instruction_view(text: str) -> str:
    """The prompt with any long middle (pasted material) cut out, lower-cased."""
    text = text.lower()
    if len(text) <= HEAD + TAIL:
        return text
    return f"{text[:HEAD]} … {text[-TAIL:]}"


def requested_lines(text: str) -> float | None:
    """Roughly how many lines of output an explicit length limit allows, or None without one."""
    found = _LIMIT.search(text)
    if not found:
        return None
    count_text, unit = [group.lower() for group in found.groups() if group][:2]
    unit = unit.rstrip("s")
    count = _NUMBER_WORDS.get(count_text) or int(count_text)
    return count * _SHORT_UNITS.get(unit, 1.0)


def _object_window(head: str) -> str:
    """The few words after the first creation verb: what is asked for ("a java program that ...")."""
    found = _INTENT.search(head)
    return " ".join(head[found.end():].split()[:6]) if found else ""


def _pasted(text: str) -> bool:
    """Whether the prompt carries pasted material (a long or many-line text)."""
    return len(text) > 600 or text.count("\n") >= 5


def _object_features(window: str) -> list[float]:
    """Whether the asked-for object is a long artifact, a short piece, or code."""
    short = bool(_SHORT_NOUN.search(window))
    return [float(bool(_LONG_NOUN.search(window)) and not short), float(short),
            float(bool(_CODE_NOUN.search(window)) or "code" in window.lower().split())]


def hand_features(text: str) -> list[float]:
    """Length, shape and cue features of one prompt, each scaled to about [0, 1]."""
    lines = requested_lines(text)
    explicit = explicit_trigger(text)
    head = text[:HEAD]
    intent = bool(_INTENT.search(head))
    long_noun, short_noun = bool(_LONG_NOUN.search(head)), bool(_SHORT_NOUN.search(head))
    return [
        float(intent),
        float(long_noun),
        float(short_noun),
        float(intent and long_noun and not short_noun),
        float(intent and short_noun),
        float(intent and long_noun and (lines is None or lines >= 10)),
        float(intent and bool(_CODE_NOUN.search(head)) and not short_noun),
        *_object_features(_object_window(head)),
        float(intent and lines is not None and lines < 10),
        float(bool(_IN_FORM.search(head))),
        float(_pasted(text) and bool(_TRANSFORM.search(head))),
        min(np.log1p(len(text.split())) / 7.0, 1.0),
        min(text.count("\n") / 20.0, 1.0),
        float(_pasted(text)),
        float(lines is not None and lines < 10),
        float(lines is not None and lines >= 10),
        float(bool(_SHORT_CUE.search(text))),
        float(bool(_LONG_CUE.search(text))),
        float(bool(_QUESTION_START.search(text))),
        float(text.rstrip().endswith("?")),
        float(bool(_IMPERATIVE_START.search(text))),
        float(keyword_trigger(text) == "canvas"),
        float(explicit == "canvas"),
        float(explicit == "inline"),
    ]


_COMMENT_CUE = re.compile(
    r"\b(?:feedback|critique|review|comments?|annotate|flag|mark (?:it )?up|point out|highlight|what do you think|"
    r"thoughts|weak(?:est)?|grade|convincing|honest|notes|suggest(?:ions)?|improvements?|any (?:issues|problems)|"
    r"does (?:it|this|the \w+) (?:flow|work|land|make sense)|how could (?:it|this) be|what would you (?:cut|change)|"
    r"where would|confus\w*|logical gaps|proofread|check (?:it|this)|devil's advocate|editor would|missing|"
    r"enough|mark|tear|rate|objections?|critici[sz]e|drag|repetitive|strong|weak|too \w+ (?:anywhere|here)|"
    r"make sense|sounds?|typos?|strengths?|reader|audience think|unprofessional|errors?|mistakes?|"
    r"(?:is|does|are) (?:it|this|the \w+) (?:\w+ )?(?:strong|good|clear|balanced|right|off|working))\b",
    re.IGNORECASE,
)
_KEEP_TEXT = re.compile(r"\b(?:without (?:changing|editing|touching)|don'?t (?:edit|change|touch|rewrite)|"
                        r"do not (?:edit|change|touch|rewrite)|leave the text)\b", re.IGNORECASE)
_EDIT_START = re.compile(
    r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:make|change|rewrite|shorten|expand|fix|add|remove|delete|replace|"
    r"translate|turn|cut|rephrase|tighten|simplify|polish|update|reword|move|rename|split|merge|swap|use|convert|"
    r"put|bring|reorder|condense|insert|include|mention|introduce|start|end|drop|format|bold|capitalize|correct|"
    r"optimi[sz]e|refactor|handle|persist|write (?:a|the) (?:better|new|stronger) \w+ (?:line|sentence|paragraph))\b",
    re.IGNORECASE,
)
_NEW_CUE = re.compile(r"\b(?:new|separate|separately|another|different|also|next|from scratch|forget this|"
                      r"start over|its own|as well|to go with|based on this|goes with it)\b", re.IGNORECASE)
_CHAT_CUE = re.compile(r"^\s*(?:thanks?|thank you|ok|okay|great|cool|hello|hi|hey|lol|nice)\b|\b(?:thanks|"
                       r"thank you|love it|summari[sz]e|"
                       r"explain|how long|how many|word count|what does|who|in one sentence|tell me in chat)\b",
                       re.IGNORECASE)
_REFERS = re.compile(r"\b(?:it|this|the (?:doc|document|text|draft|essay|code|story|letter|email|intro|ending|title)|"
                     r"the (?:first|second|third|last|final|opening|closing) \w+)\b", re.IGNORECASE)


def route_features(text: str) -> list[float]:
    """Cue features of a turn with a document open, each in [0, 1]."""
    head = text[:HEAD]
    creates = bool(_INTENT.search(head)) and bool(_LONG_NOUN.search(head))
    return [
        min(np.log1p(len(text.split())) / 5.0, 1.0),
        float(bool(_COMMENT_CUE.search(head))),
        float(bool(_KEEP_TEXT.search(head))),
        float(bool(_EDIT_START.search(head))),
        float(bool(_NEW_CUE.search(head))),
        float(creates),
        float(creates and bool(_NEW_CUE.search(head))),
        float(bool(_REFERS.search(head))),
        float(bool(_QUESTION_START.search(head))),
        float(text.rstrip().endswith("?")),
        float(len(text.split()) <= 3),
        float(bool(_CHAT_CUE.search(head))),
        float(explicit_route(text) == "new_document"),
        float(explicit_route(text) == "chat"),
    ]


_KINDS = {"trigger": hand_features, "router": route_features}


class HandFeatures(BaseEstimator, TransformerMixin):
    """A scikit-learn transformer producing the hand features of `kind` (trigger or router), weighted."""

    def __init__(self, kind: str = "trigger", weight: float = 1.0) -> None:
        self.kind = kind
        self.weight = weight

    def fit(self, texts, labels=None) -> "HandFeatures":
        """Stateless: nothing to learn."""
        return self

    def row(self, text: str) -> np.ndarray:
        """The weighted features of one text."""
        return np.asarray(_KINDS[self.kind](text), dtype=np.float64) * self.weight

    def transform(self, texts) -> sparse.csr_matrix:
        """One row of hand features per text."""
        return sparse.csr_matrix(np.vstack([self.row(text) for text in texts]))

"""The vocabularies the hand features look for, as compiled patterns.

Kept apart from the feature code so the lists (what counts as a long artifact, a short piece,
a creation request, a length limit, a comment cue...) can be read and extended in one place.
Multilingual entries cover the common creation verbs and artifact nouns of a dozen languages.
"""

from __future__ import annotations

import re

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "a single": 1}
COUNT = r"(\d+|one|two|three|four|five|six|ten|a single)"
UNIT = (
    r"(words?|sentences?|lines?|paragraphs?|pages?|characters?|bullet points?|bullets?|stanzas?|verses?|"
    r"tweets?|seconds?|minutes?)\b"
)
LIMIT = re.compile(
    r"\b(?:in|under|within|at most|no more than|fewer than|less than|max(?:imum)?(?: of)?|exactly|about|around|"
    r"only|just|write(?: me)?|\d+\s*(?:-|to))\s*(?:exactly\s+|about\s+|around\s+|just\s+|only\s+)?"
    + COUNT
    + r"\s+"
    + UNIT
    + r"|\b"
    + COUNT
    + r"-"
    + UNIT
    + r"|\b(\d{3,})\s+(words?|pages?)\b"
    + r"|[,(]\s*"
    + COUNT
    + r"\s+"
    + UNIT,
    re.IGNORECASE,
)
LINES_PER_UNIT = {
    "word": 1 / 12,
    "character": 1 / 80,
    "sentence": 1 / 2,
    "line": 1.0,
    "bullet": 1.0,
    "bullet point": 1.0,
    "tweet": 3.0,
    "stanza": 4.0,
    "verse": 4.0,
    "paragraph": 4.0,
    "page": 40.0,
    "second": 1 / 5,
    "minute": 12.0,
}
SHORT_CUE = re.compile(
    r"\b(?:short(?! (?:stor|essay|play|film|novel|article|speech|report|ebook|chapter|script))|"
    r"brief(?! report)|briefly|quick|concise|one-line|"
    r"one line|tiny|succinct|in a nutshell|tl;?dr|a sentence|one sentence|single sentence|"
    r"(?:a few|a couple of|two or three|one or two|2-3|1-2) (?:lines|sentences|words))\b",
    re.IGNORECASE,
)
LONG_CUE = re.compile(
    r"\b(?:detailed|long|comprehensive|in-depth|thorough|full|complete|extensive|"
    r"multi-page|step-by-step plan)\b",
    re.IGNORECASE,
)
QUESTION_START = re.compile(
    r"^\s*(?:who|what|when|where|why|how|which|is|are|can|could|does|do|did|"
    r"should|would|will|was|were|has|have)\b",
    re.IGNORECASE,
)
IMPERATIVE_START = re.compile(
    r"^\s*(?:please\s+)?(?:write|draft|compose|create|generate|build|make|develop|"
    r"implement|code|design|prepare|craft|produce|put together)\b",
    re.IGNORECASE,
)
LONG_NOUN = re.compile(
    r"\b(?:essays?|stor(?:y|ies)|letters?|e-?mails?|speech|vows|eulogy|toast|articles?|blog|posts?|reports?|"
    r"proposals?|plans?|itinerary|syllabus|curriculum|outline|script|screenplay|play|monologue|dialogue|scene|"
    r"poem|sonnet|villanelle|ballad|song|lyrics|chapter|novel|resume|cv|guide|manual|tutorial|procedure|policy|"
    r"contract|newsletter|press release|review|program|app|application|website|web ?page|landing page|game|class|"
    r"functions?|api|server|bot|tests|quiz|case study|white paper|memo|brochure|faq|readme|documentation|"
    r"cover letter|personal statement|documents?|design doc|rfp|parody|handbook|fairy tale|fable|biography|"
    r"study guide|playbook|macro|component|extension|schema|recipes?|"
    r"ensayo|essai|aufsatz|saggio|ensaio|эссе|carta|lettre|brief|lettera|рассказ|историю|письмо|cuento|histoire|"
    r"geschichte|kurzgeschichte|storia|história|novell|verhaal|opowiadanie|discurso|discours|rede|discorso|speech|"
    r"poema|poème|gedicht|poesia|wiersz|стихотворение|artículo|artikel|articolo|artigo|programa|programme|"
    r"programm|skript|plano|plan de|business ?plan|iş planı|lettre de motivation|bewerbung|mail)\b"
    r"|文章|求职信|信|故事|演讲|诗|计划|メール|手紙|物語|記事|글|편지|이야기|भाषण|कहानी|पत्र",
    re.IGNORECASE,
)
SHORT_NOUN = re.compile(
    r"\b(?:haikus?|limerick|couplet|tweet|slogan|tagline|motto|title|headline|caption|sentence|names?|subject line|"
    r"quote|joke|pun|riddle|elevator pitch|product descriptions?|regular expressions?|epitaph|metaphor|mnemonic|acronym|titles|explanation|summary|overview|steps|"
    r"equation|password|one-liner|regex|query|synonyms?|words?|bio|blurb|note|dedication|"
    r"message|text message|jingle|greeting|paragraph|rhyme|acrostic|tongue twister|alt text|hashtags?|hook|"
    r"definition|(?<!hash )(?<!sortable )(?<!database )(?<!pivot )tables?|auto-reply|mission statement|adjectives|"
    r"frase|haïku|phrase|satz)\b",
    re.IGNORECASE,
)
INTENT = re.compile(
    r"(?:^|[.,:;!?]\s+)\s*(?:please\s+|now\s+|ok(?:ay)?,?\s+)?(?:write|draft|compose|create|generate|build|make|"
    r"develop|implement|code|design|prepare|craft|produce|put together|author|plan|outline|map out|escribe|escriba|escreva|écris|"
    r"écrivez|rédige|rédigez|schreib|schreibe|schreiben sie|scrivi|scriva|напиши|напишите|napisz|skriv|schrijf|yaz|"
    r"redacta)\b"
    r"|\bsolve (?:it|this|the problem)?\s*(?:in|using|with) (?=\w)"
    r"|\b(?:help me (?:write|draft|with|create|make|put together)|i need (?:a|an|my)|(?:can|could|would|will) "
    r"(?:you|u)(?: please| pls)? (?:write|draft|compose|make|create|build|develop|implement|code|do|put together)|"
    r"(?:pls|plz) (?:write|draft|make|create)|tell me a "
    r"(?:long )?story|i want (?:a|an)|write me|provide (?:a|the) (?:full |complete )?(?:implementation|program|"
    r"script|code)|you (?:to )?(?:write|draft|compose|create|build|develop|implement|code|design|prepare|craft|"
    r"produce))\b|写|書いて|써|लिखो|लिखें|yaz\.?$",
    re.IGNORECASE,
)
CODE_NOUN = re.compile(
    r"\b(?:python|javascript|typescript|java|kotlin|swift|c\+\+|c#|rust|golang|go|ruby|php|sql|html|css|bash|shell|"
    r"powershell|react|vue|flask|django|fastapi|node(?:\.js)?|algorithm|data structure|activity|component|"
    r"endpoint|cli|gui|pygame|pandas|numpy|pytorch|tensorflow|implementation|engine|module|bot)\b",
    re.IGNORECASE,
)
REQUEST = re.compile(
    r"\b(?:(?:give|send|show|get) me|(?:give|share|provide|suggest)(?: with)?(?: me| us)?|"
    r"i'?d like|i want|i need|i'?m looking for)\b",
    re.IGNORECASE,
)
TRANSFORM = re.compile(
    r"\b(?:rewrite|improve|proofread|refactor|convert|turn|expand|edit|polish|revise|modify|"
    r"extend|adapt|restructure|port|modernize|clean up)\b",
    re.IGNORECASE,
)
IN_FORM = re.compile(
    r"\b(?:in|as|into) (?:an?|the form of an?|a well-structured|a full) (?:[\w-]+ ){0,3}?"
    r"(?:essay|article|report|letter|blog post|story|poem|speech|script|guide|handout)\b",
    re.IGNORECASE,
)

# Router cues (a document is open).
COMMENT_CUE = re.compile(
    r"\b(?:feedback|critique|review|comments?|annotate|flag|mark (?:it )?up|point out|highlight|what do you think|"
    r"thoughts|weak(?:est)?|grade|convincing|honest|notes|suggest(?:ions)?|improvements?|any (?:issues|problems)|"
    r"does (?:it|this|the \w+) (?:flow|work|land|make sense)|how could (?:it|this) be|what would you (?:cut|change)|"
    r"where would|confus\w*|logical gaps|proofread|check (?:it|this)|devil's advocate|editor would|missing|"
    r"enough|mark|tear|rate|objections?|critici[sz]e|drag|repetitive|strong|weak|too \w+ (?:anywhere|here)|"
    r"make sense|sounds?|typos?|strengths?|reader|audience think|unprofessional|errors?|mistakes?|"
    r"(?:is|does|are) (?:it|this|the \w+) (?:\w+ )?(?:strong|good|clear|balanced|right|off|working))\b",
    re.IGNORECASE,
)
KEEP_TEXT = re.compile(
    r"\b(?:without (?:changing|editing|touching)|don'?t (?:edit|change|touch|rewrite)|"
    r"do not (?:edit|change|touch|rewrite)|leave the text)\b",
    re.IGNORECASE,
)
EDIT_START = re.compile(
    r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:make|change|rewrite|shorten|expand|fix|add|remove|delete|replace|"
    r"translate|turn|cut|rephrase|tighten|simplify|polish|update|reword|move|rename|split|merge|swap|use|convert|"
    r"put|bring|reorder|condense|insert|include|mention|introduce|start|end|drop|format|bold|capitalize|correct|"
    r"optimi[sz]e|refactor|handle|persist|write (?:a|the) (?:better|new|stronger) \w+ (?:line|sentence|paragraph))\b",
    re.IGNORECASE,
)
NEW_CUE = re.compile(
    r"\b(?:new|separate|separately|another|different|also|next|from scratch|forget this|"
    r"start over|its own|as well|to go with|based on this|goes with it)\b",
    re.IGNORECASE,
)
CHAT_CUE = re.compile(
    r"^\s*(?:thanks?|thank you|ok|okay|great|cool|hello|hi|hey|lol|nice)\b|\b(?:thanks|"
    r"thank you|love it|summari[sz]e|"
    r"explain|how long|how many|word count|what does|who|in one sentence|tell me in chat)\b",
    re.IGNORECASE,
)
REFERS = re.compile(
    r"\b(?:it|this|the (?:doc|document|text|draft|essay|code|story|letter|email|intro|ending|title)|"
    r"the (?:first|second|third|last|final|opening|closing) \w+)\b",
    re.IGNORECASE,
)

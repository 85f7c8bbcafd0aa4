"""Comment text per category, naming the cue found, and a suggested replacement where the fix is obvious.

A typo, a grammar slip, a doubled word, a wordy phrase or an inconsistent term has one obvious
fix, so the comment carries a `suggestion` (the unit with the fix applied) that "apply" turns
into an edit. Other categories ask the writer a question instead.
"""

from __future__ import annotations

import re

from canvas_tui.behaviours.comment.cues import variant_uses
from canvas_tui.behaviours.comment.lexicon import lexicon, substitute

_GENERIC = {
    "typo": "Check the spelling here.",
    "grammar": "Check the grammar of this sentence.",
    "inconsistent": "This term is written differently elsewhere in the document; use one form.",
    "wordy": "Wordy: this can be said in fewer words.",
    "long_sentence": "A long sentence: split it so each part makes one point.",
    "passive": "Passive voice hides who acts; name the actor.",
    "jargon": "Jargon: say concretely what will happen.",
    "vague": "Vague: give a specific figure, example or source.",
    "unsupported_stat": "Where does this figure come from? Cite a source.",
    "unsupported_claim": "A strong claim with no evidence; support it or soften it.",
    "transition": "The link to the surrounding sentences is missing; explain how this follows.",
    "weak_opening": "A generic opening; start with the point of the document.",
    "weak_conclusion": "A weak ending; restate the main point or the next step.",
    "code_smell": "This line is risky or unclear; consider rewriting it.",
}

_CODE = {
    "bare_except": "A bare except swallows every error; catch the specific exception.",
    "wildcard_import": "A wildcard import hides where names come from; import what you use.",
    "mutable_default": "A mutable default argument is shared between calls; default to None.",
    "none_equality": "Compare with None using 'is' / 'is not'.",
    "debug_output": "Leftover debug output; remove it or use logging.",
    "todo": "An unresolved TODO; handle it or track it in an issue.",
    "secret": "A secret in source code; read it from the environment or a secret store.",
    "unclosed_file": "The file is never closed; use a with block.",
    "loose_equality": "Loose equality with a string; compare values of the same type with ===.",
    "off_by_one": "Off by one: '<=' goes past the last element; use '<'.",
    "inner_html": "Setting innerHTML from data invites injection; use textContent.",
    "plain_http": "Plain http: use https.",
    "var_declaration": "Use let or const instead of var.",
    "promise_mix": "Mixes .then with async/await and handles no errors; await it inside try/catch.",
    "unchecked_response": "The response status is never checked before use.",
    "string_concat_url": "Building a URL by concatenation; encode the parameters.",
    "magic_number": "A magic number; name it as a constant.",
    "argv": "No check that the argument was given; validate the command line.",
    "sort_ascending": "Sorted ascending, so this takes the smallest items; is reverse=True meant?",
    "unquoted_variable": "An unquoted variable in a file command: empty or spaced values hit the wrong paths; quote it.",
    "pipe_to_shell": "Piping a download straight into a shell runs unreviewed code; download, verify, then run.",
    "unchecked_cd": "If cd fails, the next commands run in the wrong directory; add '|| exit 1' or 'set -e'.",
    "eval_exec": "Running strings as code (eval, exec, a shell) on input runs whatever it contains; avoid it.",
    "sql_formatting": "SQL built by string formatting invites injection; pass the values as query parameters.",
    "global_statement": "A global statement makes the function depend on hidden state; pass it in or keep it local.",
    "shadowed_builtin": "This name shadows a Python builtin; choose a more specific name.",
    "unguarded_division": "Divides by zero when the sequence is empty; handle that case.",
    "swallowed_error": "The error is swallowed silently; handle it or let it propagate.",
}


_NAMED: dict[str, tuple[str, str]] = {
    "typo": ("misspelling", "'{}' looks misspelled."),
    "grammar": ("grammar", "Check '{}'."),
    "wordy": ("wordy", "Wordy: '{}' can be shorter."),
    "jargon": ("jargon", "Jargon: '{}' says little; be concrete."),
    "vague": ("weasel", "'{}' is vague: give a figure, example or source."),
    "unsupported_stat": ("number", "Where does '{}' come from? Cite a source."),
    "unsupported_claim": ("absolute", "'{}' overstates; support it or soften it."),
    "inconsistent": ("inconsistent", "'{}' is written differently elsewhere; use one form."),
    "passive": ("passive", "Passive '{}': who did it?"),
}
"""Categories whose comment names the cue found: (cue, comment with the cue's text)."""


def comment_text(category: str, cues: dict[str, list[str]]) -> str:
    """A short comment for a unit chosen for `category`, naming what was found."""
    if category == "code_smell":
        smell = next((name for name in _CODE if cues.get(name)), None)
        return _CODE[smell] if smell else _GENERIC[category]
    if category == "typo" and not cues.get("misspelling") and cues.get("doubled"):
        return f"Repeated word: '{cues['doubled'][0]}'."
    cue, text = _NAMED.get(category, ("", ""))
    found = cues.get(cue)
    return text.format(found[0].strip()) if found else _GENERIC[category]


def suggestion(text: str, document: str) -> str | None:
    """The unit with its obvious fixes applied (spelling, grammar slips, doubled words, wordy phrases,
    inconsistent terms), or None when there is nothing obvious to fix."""
    lex = lexicon()
    variants = {used: first for used, first in variant_uses(document).items() if used != first}
    fixed = substitute(text, {**lex.misspellings, **lex.grammar, **lex.wordy, **variants})
    fixed = re.sub(
        r"\b(\w+)(\s+)\1\b", lambda m: m.group(1) if not m.group(1).isdigit() else m.group(), fixed, flags=re.I
    )
    fixed = re.sub(r"  +", " ", fixed)
    return fixed if fixed != text else None

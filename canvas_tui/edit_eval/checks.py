"""The deterministic checks of an edit's result: each says pass or fail, and why in a few words."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable

from pydantic import BaseModel

from canvas_tui.edit_eval import structure
from canvas_tui.edit_eval.cases import Check, EditCase


class CheckResult(BaseModel):
    """One check's verdict on one result."""

    kind: str
    passed: bool
    detail: str = ""


class Edit(BaseModel):
    """The text before and after the turn, and the part allowed to change."""

    before: str
    after: str
    start: int
    end: int

    @property
    def new_target_length(self) -> int:
        """The length the target now has, if everything else is as it was."""
        return len(self.after) - (len(self.before) - (self.end - self.start))


def _changed(_check: Check, edit: Edit) -> tuple[bool, str]:
    return edit.after != edit.before, "the document is unchanged"


def _unchanged_outside(_check: Check, edit: Edit) -> tuple[bool, str]:
    prefix, suffix = edit.before[: edit.start], edit.before[edit.end :]
    if not edit.after.startswith(prefix):
        at = next(i for i, (a, b) in enumerate(zip(prefix + "\0", edit.after + "\1")) if a != b)
        return False, f"text before the target changed at offset {at}"
    if not edit.after.endswith(suffix) or len(edit.after) < len(prefix) + len(suffix):
        return False, "text after the target changed"
    return True, ""


def _present(check: Check, edit: Edit) -> tuple[bool, str]:
    return check.text in edit.after, f"missing: {check.text[:40]!r}"


def _absent(check: Check, edit: Edit) -> tuple[bool, str]:
    return check.text not in edit.after, f"still there: {check.text[:40]!r}"


def _order(check: Check, edit: Edit) -> tuple[bool, str]:
    first, second = edit.after.find(check.text), edit.after.find(check.after)
    return 0 <= first < second, f"{check.text[:30]!r} is not before {check.after[:30]!r}"


def _length_ratio(check: Check, edit: Edit) -> tuple[bool, str]:
    ratio = edit.new_target_length / max(1, edit.end - edit.start)
    low, high = check.low if check.low is not None else 0.0, check.high if check.high is not None else float("inf")
    return low <= ratio <= high, f"length ratio {ratio:.2f} outside [{low}, {high}]"


def _count(check: Check, edit: Edit) -> tuple[bool, str]:
    old, new = structure.count(edit.before, check.unit), structure.count(edit.after, check.unit)
    if check.delta is not None:
        passed = new - old == check.delta
    else:
        passed = {"fewer": new < old, "more": new > old, "same": new == old}[check.compare or "same"]
    return passed, f"{check.unit}: {old} -> {new}"


def _structure_kept(_check: Check, edit: Edit) -> tuple[bool, str]:
    for name, measure in (
        ("headings", structure.headings),
        ("code fences", lambda t: len(structure.fences(t))),
        ("table rows", structure.table_rows),
    ):
        if measure(edit.before) != measure(edit.after):
            return False, f"{name} changed"
    return True, ""


def _parses(language: str, body: str) -> bool:
    try:
        if language in ("python", "py", "python3"):
            ast.parse(body)
        elif language == "json":
            json.loads(body)
    except (SyntaxError, ValueError, RecursionError):
        return False
    return True


def _code_parses(_check: Check, edit: Edit) -> tuple[bool, str]:
    parsed_before = {body for language, body in structure.fences(edit.before) if _parses(language, body)}
    if not parsed_before:
        return True, ""
    broken = [language for language, body in structure.fences(edit.after) if not _parses(language, body)]
    return not broken, f"{len(broken)} code block(s) no longer parse ({', '.join(broken)})"


def _no_repeats(_check: Check, edit: Edit) -> tuple[bool, str]:
    before, after = structure.repeated(edit.before), structure.repeated(edit.after)
    grown = [piece for (kind, piece), n in after.items() if n > 1 and n > before[(kind, piece)]]
    return not grown, f"repeated: {grown[0][:50]!r}" if grown else ""


CHECKS: dict[str, Callable[[Check, Edit], tuple[bool, str]]] = {
    "changed": _changed,
    "unchanged_outside": _unchanged_outside,
    "present": _present,
    "absent": _absent,
    "order": _order,
    "length_ratio": _length_ratio,
    "count": _count,
    "structure_kept": _structure_kept,
    "code_parses": _code_parses,
    "no_repeats": _no_repeats,
}


def run_checks(case: EditCase, before: str, after: str) -> list[CheckResult]:
    """Every check of `case` on the turn's result `after` (the document was `before`)."""
    start, end = case.target_span(before)
    edit = Edit(before=before, after=after, start=start, end=end)
    results = []
    for check in case.checks:
        passed, detail = CHECKS[check.kind](check, edit)
        results.append(CheckResult(kind=check.kind, passed=passed, detail="" if passed else detail))
    return results

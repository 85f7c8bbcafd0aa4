"""Short human labels for decisions, as shown in the status line (`locate=§2 "Installation"`)."""

from __future__ import annotations

from canvas_tui.behaviours.base import LocateDecision
from canvas_tui.document.units import segment
from canvas_tui.text import one_line

SNIPPET = 28


def locate_label(document: str, decision: LocateDecision) -> str:
    """`§2 "Title"` for a section, `§2 "Title" heading` for (words of) its heading line, `¶3 "Its first words…"` for a
    paragraph, `sentence in ¶3 "Its words…"`, or `whole document`."""
    if decision.span is None:
        return "none"
    if decision.unit == "document":
        return "whole document"
    segmentation = segment(document)
    start, end = decision.span.start, decision.span.end
    prefix = "selection " if decision.from_selection else ""
    for section in segmentation.sections:
        if (section.start, section.end) == (start, end) and decision.unit == "section":
            return f'{prefix}§{section.index + 1} "{one_line(section.title, SNIPPET)}"'
        if section.start <= start and "\n" not in document[section.start : end]:
            return f'{prefix}§{section.index + 1} "{one_line(section.title, SNIPPET)}" heading'
    paragraph = segmentation.paragraph_at(start)
    if paragraph is not None:
        where = f"¶{paragraph.index + 1}"
        if decision.unit == "paragraph" and (paragraph.start, paragraph.end) == (start, end):
            return f'{prefix}{where} "{one_line(document[start:end], SNIPPET)}"'
        return f'{prefix}{decision.unit or "span"} in {where} "{one_line(document[start:end], SNIPPET)}"'
    return f'{prefix}{decision.unit or "span"} "{one_line(document[start:end], SNIPPET)}"'

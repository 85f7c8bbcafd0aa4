"""Text operations that need no model: cutting a passage out, moving it, swapping two, splicing new text in.

Each keeps every byte outside the passages it touches, and keeps the separation between the
neighbours as the document had it (a blank line between blocks, a space between sentences).
"""

from __future__ import annotations

import re
from typing import Literal

Where = Literal["before", "after"]
BLOCK_GAP = "\n\n"


def _line_end(text: str, end: int) -> int:
    """`end` moved past spaces and tabs that end its line."""
    after = end + len(text[end:]) - len(text[end:].lstrip(" \t"))
    return after if after == len(text) or text[after] in "\r\n" else end


def is_block(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is whole lines (a paragraph, section, list item), not a piece of a line."""
    end = _line_end(text, end)
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] in "\r\n")


def deletion(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to remove to delete [start, end): with the gap before it (a block, with any spaces ending its
    last line), or the spaces after it."""
    if is_block(text, start, end):
        end, gap_start = _line_end(text, end), len(text[:start].rstrip())
        if _opens_a_run(text, gap_start, start, end):
            return start, end + 1
        if gap_start > 0:
            return gap_start, end
        return start, end + len(text[end:]) - len(text[end:].lstrip())
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after > end:
        return start, after
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return before, end


def _opens_a_run(text: str, gap_start: int, start: int, end: int) -> bool:
    """The block opens a run of lines (the first item of a list): a blank line before it, the next line right
    after it. Its own line break goes, so the blank line stays between the run and what comes before."""
    before, after = text[gap_start:start], text[end:]
    return gap_start > 0 and before.count("\n") >= 2 and after[:1] == "\n" and bool(after[1:2].strip())


def _joiner(text: str, start: int, end: int) -> str:
    """What separates this passage from its neighbours: the document's own gap for a block, else a space."""
    if not is_block(text, start, end):
        return " "
    gap = text[len(text[:start].rstrip()) : start]
    return gap if gap.count("\n") >= 1 and not gap.strip() and start > 0 else BLOCK_GAP


def insert(text: str, position: int, new: str, joiner: str, where: Where) -> str:
    """`new` spliced in at `position`, separated by `joiner` from the text it goes before or after."""
    piece = joiner + new if where == "after" else new + joiner
    return text[:position] + piece + text[position:]


def move(text: str, start: int, end: int, position: int, where: Where) -> str:
    """[start, end) taken out and put before or after `position` (an offset in the original text)."""
    passage, joiner = text[start:end], _joiner(text, start, end)
    low, high = deletion(text, start, end)
    if low <= position <= high:
        raise ValueError("the passage cannot be moved next to itself")
    rest = text[:low] + text[high:]
    return insert(rest, position - (high - low) if position > high else position, passage, joiner, where)


def swap(text: str, first: tuple[int, int], second: tuple[int, int]) -> str:
    """Two passages exchanged (first must come before second, without overlapping)."""
    (a, b), (c, d) = first, second
    if not a < b <= c < d:
        raise ValueError("the passages overlap or are out of order")
    return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]


_NUMBERED = re.compile(r"^([ \t]*)(\d{1,3})([.)])[ \t]")


def renumbered(text: str, at: int, removed: str) -> str:
    """After numbered list items were cut out at `at` ("Remove point 3"), the items after them in the same list
    count on from where the cut began (1, 2, 4, 5 -> 1, 2, 3, 4), and so does a list further on that visibly continues
    that numbering (a paragraph, then 6, 7 -> 5, 6). Only those numbers change; a cut that held no numbered item, or
    a list whose next item does not follow on, is left as it is."""
    first, following = _NUMBERED.match(removed.lstrip("\n")), _next_item(text[at:])
    if not _same_list(first, following):
        return text
    shift = int(following.group(2)) - int(first.group(2))
    return text[:at] + _shifted(text[at:], first.group(1), first.group(3), shift) if shift > 0 else text


def counted_on(text: str, at: int, item: str) -> str:
    """After a numbered `item` was put in at `at` (its end), the items after it in the same list count on from its
    number (a new point 3 makes the old 3, 4 into 4, 5). Only when the next item repeats the new number: a list that
    follows with numbers of its own (another list after a blank line) is left as it is."""
    new, following = _NUMBERED.match(item.lstrip("\n")), _next_item(text[at:])
    if not _same_list(new, following) or following.group(2) != new.group(2):
        return text
    return text[:at] + _shifted(text[at:], new.group(1), new.group(3), -1)


def _next_item(rest: str) -> re.Match[str] | None:
    """The numbered item on the first line of `rest` with text, if that line is one."""
    return next((_NUMBERED.match(line) for line in rest.split("\n") if line.strip()), None)


def _same_list(item: re.Match[str] | None, other: re.Match[str] | None) -> bool:
    """Both are numbered items, with the same indent and the same delimiter."""
    return item is not None and other is not None and (item.group(1), item.group(3)) == (other.group(1), other.group(3))


def _shifted(rest: str, indent: str, delimiter: str, shift: int) -> str:
    """`rest` with the numbers of its leading list's items at `indent` lowered by `shift`, up to the list's end, and
    of a list after it that visibly continues its numbering (its first number follows the last one's: "4." after
    "3." and a paragraph); a list that counts afresh ("1.") or from numbers of its own ("7.") is left as it is, and
    ends the renumbering."""
    lines, last, apart, blank = rest.split("\n"), None, False, False
    for number, line in enumerate(lines):
        item = _NUMBERED.match(line)
        if item and (item.group(1), item.group(3)) == (indent, delimiter):
            value = int(item.group(2))
            if last is not None and (apart or blank) and value != last + 1:
                break
            lines[number] = f"{indent}{value - shift}{delimiter}{line[item.end(3) :]}"
            last, apart = value, False
        elif line.strip() and (blank or not line.startswith((indent + " ", indent + "\t"))) and number > 0:
            apart = True
        blank = not line.strip()
    return "\n".join(lines)

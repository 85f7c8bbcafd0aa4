"""Text operations that need no model: cutting a passage out, moving it, swapping two, splicing new text in.

Each keeps every byte outside the passages it touches, and keeps the separation between the
neighbours as the document had it (a blank line between blocks, a space between sentences).
"""

from __future__ import annotations

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

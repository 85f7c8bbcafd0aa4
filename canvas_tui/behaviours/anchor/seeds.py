"""Best-distance alignments of a query in a long text, found from exact seeds first.

A semi-global edit-distance scan (edlib, mode "HW") reads the whole text at a cost that grows with
the query's length. Most quotes are near-exact, and a quote cut into `p` pieces with at most `p - 1`
errors has at least one piece intact (pigeonhole). So: find every exact occurrence of every piece
(`bytes.find`, fast), align the query in a window around each, and if the best distance found is
below `p`, those windows hold every alignment at that distance, and the result is the full scan's
(and when the limit itself is below `p`, no piece found means no alignment at all). Otherwise, or
when a piece is too common to be a seed, the full scan runs.
"""

from __future__ import annotations

import edlib

PIECE = 16  # the shortest piece worth searching for (shorter ones occur everywhere)
MAX_PIECES = 8
MIN_TEXT = 20_000  # below this, the full scan is as fast
MAX_SEEDS = 64  # a piece found more often is not a seed (a repeated phrase)


def _windows(query: bytes, text: bytes, pieces: int, margin: int) -> list[tuple[int, int]] | None:
    """Merged windows around the exact occurrences of the query's pieces; None if a piece repeats too often."""
    size = len(query) // pieces
    spans = []
    for index in range(pieces):
        offset = index * size
        piece = query[offset : offset + size]
        at = text.find(piece)
        found = 0
        while at >= 0:
            found += 1
            if found > MAX_SEEDS:
                return None
            spans.append((max(0, at - offset - margin), min(len(text), at - offset + len(query) + margin)))
            at = text.find(piece, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _in_windows(
    query: bytes, text: bytes, windows: list[tuple[int, int]], limit: int
) -> tuple[int, list[tuple[int, int]]]:
    """The best distance (<= limit, else -1) of the query within the windows, and its locations in `text`."""
    best, locations = -1, []
    for start, end in windows:
        result = edlib.align(query, text[start:end], mode="HW", task="locations", k=limit)
        distance = result["editDistance"]
        if distance < 0 or (best >= 0 and distance > best):
            continue
        if distance < best or best < 0:
            best, locations = distance, []
        locations += [(first + start, last + start) for first, last in result["locations"]]
    return best, sorted(set(locations))


def best_alignments(query: bytes, text: bytes, limit: int) -> tuple[int, list[tuple[int, int]]]:
    """(best edit distance of `query` against any substring of `text`, within `limit`, else -1; the
    inclusive `(first, last)` locations at that distance), as edlib's full HW scan gives them."""
    pieces = min(MAX_PIECES, len(query) // PIECE)
    if len(text) >= MIN_TEXT and pieces >= 2:
        windows = _windows(query, text, pieces, 2 * limit)
        if windows is not None:
            best, locations = _in_windows(query, text, windows, min(limit, pieces - 1))
            if best >= 0 or limit < pieces:  # nothing within `limit` < pieces outside the windows
                return best, locations
    result = edlib.align(query, text, mode="HW", task="locations", k=limit)
    return result["editDistance"], result["locations"]

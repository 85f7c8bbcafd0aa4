"""The base label row: what every behaviour's row model shares (a free-text note a labeller leaves)."""

from __future__ import annotations

from pydantic import BaseModel


class BaseLabelRow(BaseModel):
    """One hand-written or labelled row of a labels CSV; each behaviour's row model extends it with its columns."""

    note: str = ""

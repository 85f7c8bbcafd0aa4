"""Placeholder module, filled in by the core work."""

import click


def register(group: click.Group) -> None:
    """Add this module's commands to the top-level group."""

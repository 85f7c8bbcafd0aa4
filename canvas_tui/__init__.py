"""canvas-tui: a terminal Canvas-style collaborative editor whose AI decisions are logged behaviours."""

__version__ = "0.1.0"

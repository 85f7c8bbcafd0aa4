"""The Textual app: a thin layer over the headless session (it never calls the model client itself)."""

from canvas_tui.app.factory import build_app

__all__ = ["build_app"]

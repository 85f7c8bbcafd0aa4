"""The router: with a document open, whether a turn edits it, comments on it, chats, or starts a new document.

It shares the trigger's model recipe and explicit rules (canvas_tui.behaviours.trigger); its declaration,
data rules and data folder (behaviours/router/) are its own.
"""

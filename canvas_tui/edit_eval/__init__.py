"""The edit-outcome eval: what an edit turn finally does to a document, checked deterministically.

Cases (document, request, checks) live in `behaviours/edits/cases.jsonl`; each runs in a fresh
headless session, through the same orchestrator as the app, on one or more model backends.
"""

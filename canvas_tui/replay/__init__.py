"""The runtime replay: a recorded session re-run offline, in the app (`canvas-tui replay REC`) or as text
(`--headless`), with the recorded model replies and decisions, comparing every document version byte for byte.

Apart from the data loop (`canvas_tui.data`: `eval replay`, exports, win rates), which builds on it.
"""

"""Behaviours: each AI decision is a small interface with swappable implementations.

`base` holds the records every behaviour returns; one module (or package) per behaviour holds
its interface and implementations. Data (specs, labels, artifacts) lives in the top-level
`behaviours/<name>/` folders, not here.
"""

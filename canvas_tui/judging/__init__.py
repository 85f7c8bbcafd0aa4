"""Blind pairwise judging and win rates: two versions' outputs for the same prompts, judged by a person or a judge
model, and the win rate with its confidence interval. Used by `canvas-tui winrate` and by `iterate`'s win-rate gate.
"""

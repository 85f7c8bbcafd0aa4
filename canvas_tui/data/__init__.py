"""The data loop: replay recorded sessions, evaluate behaviours on them, export labels and fine-tuning
data from real use, summarise real use against the training labels, and compare versions (win rate)."""

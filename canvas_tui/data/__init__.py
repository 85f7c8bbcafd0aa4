"""The data loop: evaluate behaviours on recorded sessions (`eval replay`, built on the runtime replay in
canvas_tui.replay), export labels and fine-tuning data from real use, summarise real use against the training labels,
run real traffic through the behaviours, and pair versions' outputs for win rates (judged in canvas_tui.judging)."""

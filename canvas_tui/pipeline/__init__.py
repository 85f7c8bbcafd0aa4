"""The behaviour pipeline shared by every behaviour: batch prediction, evals, synthesis, training."""

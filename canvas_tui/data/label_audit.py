"""Which training labels deserve more labellers: the real-traffic rows a model fitted without them disputes.

Each training row is predicted by a model trained on the other four fifths (out of fold); a row whose label the
model disputes is either a label mistake or a case the model gets wrong. Only more independent labels tell which:
the rows are exported blind (no current label, no model guess) for labellers, and `traffic vote` settles them by
majority with the current label as one vote. The most confident disputes come first: they are the likeliest
mistakes.
"""

from __future__ import annotations

from canvas_tui.behaviours.trigger.model import Task
from canvas_tui.behaviours.trigger.training import out_of_fold, row_weights
from canvas_tui.behaviours.trigger.workflow import datasets, model_inputs
from canvas_tui.data.selection import Selected

REASON = "disputed out of fold"


def disputed_rows(task: Task, count: int, seed: int = 0) -> list[Selected]:
    """Up to `count` real-traffic training rows (with an id) whose out-of-fold likeliest label differs from
    their label, the model's most confident disputes first; `label`/`confidence` hold the model's guess."""
    train, _, _ = datasets(task)
    labels = [row.label for row in train]
    probabilities = out_of_fold(task, model_inputs(task, train), labels, seed, row_weights([r.origin for r in train]))
    classes = sorted(set(labels))
    disputes = []
    for row, row_probabilities in zip(train, probabilities):
        guess = int(row_probabilities.argmax())
        if row.origin == "real-traffic" and row.id and classes[guess] != row.label:
            disputes.append(
                Selected(
                    id=row.id,
                    message=row.prompt,
                    document=row.document or None,
                    label=classes[guess],
                    confidence=float(row_probabilities[guess]),
                    reason=REASON,
                )
            )
    return sorted(disputes, key=lambda item: -item.confidence)[:count]

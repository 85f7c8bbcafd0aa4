"""Which module carries each behaviour's pipeline entry points.

A behaviour module may expose any of:
- `PREDICTOR`: a `canvas_tui.pipeline.batch.BatchPredictor` (for `canvas-tui predict NAME`);
- `evaluate(request: EvalRequest) -> EvalResult` (for `canvas-tui eval NAME`);
- `train(request: TrainRequest) -> TrainResult` (for `canvas-tui train NAME`).
Modules are imported only when their command runs, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from types import ModuleType

PIPELINE_MODULES: dict[str, str] = {
    "trigger": "canvas_tui.behaviours.trigger.pipeline",
    "router": "canvas_tui.behaviours.trigger.router_pipeline",
    "locate": "canvas_tui.behaviours.locate.pipeline",
    "policy": "canvas_tui.behaviours.policy.pipeline",
    "anchor": "canvas_tui.behaviours.anchor.pipeline",
    "comment": "canvas_tui.behaviours.comment.pipeline",
}


class UnknownBehaviour(LookupError):
    """Raised for a behaviour name with no pipeline module, or one lacking the asked entry point."""


def pipeline_module(name: str) -> ModuleType:
    """Import the pipeline module of behaviour `name`."""
    if name not in PIPELINE_MODULES:
        raise UnknownBehaviour(f"unknown behaviour {name!r}; known: {', '.join(sorted(PIPELINE_MODULES))}")
    return importlib.import_module(PIPELINE_MODULES[name])


def entry_point(name: str, attribute: str):
    """One entry point (`PREDICTOR`, `evaluate`, `train`) of behaviour `name`."""
    module = pipeline_module(name)
    if not hasattr(module, attribute):
        raise UnknownBehaviour(f"behaviour {name!r} has no {attribute!r} step")
    return getattr(module, attribute)

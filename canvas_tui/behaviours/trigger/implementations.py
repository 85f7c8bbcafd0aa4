"""Trigger implementations: explicit rules first, then the trained model or the keyword baseline.

Each satisfies `canvas_tui.behaviours.interfaces.Trigger` and also decides whole batches at once
(`decide_many`), which is what the batch predictor and the evals call.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from canvas_tui.behaviours.base import Provenance, TriggerDecision
from canvas_tui.behaviours.trigger.explicit import explicit_route, explicit_trigger
from canvas_tui.behaviours.trigger.keyword import keyword_route, keyword_trigger
from canvas_tui.behaviours.trigger.message import with_document
from canvas_tui.behaviours.trigger.model import TASKS, TrainedModel
from canvas_tui.behaviours.trigger.slow_path import SlowPath

_FALLBACK_ROUTE = {"canvas": "new_document", "inline": "chat"}


class BatchTrigger:
    """Shared shape: decide one turn by deciding a batch of one."""

    name = "abstract"
    version = "0"
    note = ""
    """Why the implementation runs degraded (e.g. a missing artifact); empty when it runs as designed."""

    async def decide(self, message: str, *, document: str | None) -> TriggerDecision:
        """canvas|inline without a document; edit|comment|chat|new_document with one."""
        return self.decide_many([message], [document])[0]

    def decide_many(self, messages: list[str], documents: list[str | None]) -> list[TriggerDecision]:
        """Decide every (message, document) pair; documents[i] None means no document is open."""
        decisions: list[TriggerDecision | None] = [self._explicit(m, d) for m, d in zip(messages, documents)]
        for kind in ("trigger", "router"):
            todo = [i for i, d in enumerate(decisions) if d is None and (documents[i] is None) == (kind == "trigger")]
            for i, decision in zip(todo, self._decide(kind, [messages[i] for i in todo], [documents[i] for i in todo])):
                decisions[i] = decision
        return decisions  # type: ignore[return-value]

    def _explicit(self, message: str, document: str | None) -> TriggerDecision | None:
        label = explicit_trigger(message) if document is None else explicit_route(message)
        if label is None:
            return None
        return TriggerDecision(label=label, confidence=1.0, explicit=True, provenance=self._provenance("explicit"))

    def _provenance(self, detail: str = "") -> Provenance:
        return Provenance(implementation=f"{self.name}:{detail}" if detail else self.name, version=self.version)

    def _decide(self, kind: str, messages: list[str], documents: list[str | None]) -> list[TriggerDecision]:
        """Non-explicit decisions of one kind ("trigger" or "router"); each implementation supplies it."""
        raise NotImplementedError


class KeywordTrigger(BatchTrigger):
    """The baseline: creation verb + artifact noun opens the canvas; cue words route."""

    name = "keyword"
    version = "1"

    def _decide(self, kind: str, messages: list[str], documents: list[str | None]) -> list[TriggerDecision]:
        rule: Callable[[str], str] = keyword_trigger if kind == "trigger" else keyword_route
        return [TriggerDecision(label=rule(m), confidence=1.0, provenance=self._provenance()) for m in messages]


class TrainedTrigger(BatchTrigger):
    """The trained target: a linear model over n-grams and hand features, loaded lazily per task."""

    name = "trained"

    def __init__(self, trigger: TrainedModel | None = None, router: TrainedModel | None = None) -> None:
        self._models = {"trigger": trigger, "router": router}

    @property
    def version(self) -> str:  # type: ignore[override]
        """The trigger model's version (its training data hash prefix)."""
        return self._model("trigger").version

    def _model(self, kind: str) -> TrainedModel:
        if self._models[kind] is None:
            self._models[kind] = TrainedModel.load(TASKS[kind])
        return self._models[kind]  # type: ignore[return-value]

    def _decide(self, kind: str, messages: list[str], documents: list[str | None]) -> list[TriggerDecision]:
        return self._fast(kind, self._probabilities(kind, messages, documents)) if messages else []

    def _fast(self, kind: str, fast: list[dict[str, float]]) -> list[TriggerDecision]:
        """The fast model's decisions from its probabilities."""
        model = self._model(kind)
        provenance = Provenance(implementation=f"trained:{kind}", version=model.version)
        decisions = []
        for probabilities in fast:
            label = _label(probabilities, kind, model.threshold)
            decisions.append(TriggerDecision(label=label, confidence=probabilities[label], provenance=provenance))
        return decisions

    def _probabilities(self, kind: str, messages: list[str], documents: list[str | None]) -> list[dict[str, float]]:
        """The fast model's probability of each class for each turn (the router reads the open document too)."""
        if kind == "router":
            messages = [with_document(message, document) for message, document in zip(messages, documents)]
        return self._model(kind).probabilities(messages)


class CascadeTrigger(TrainedTrigger):
    """The default: the fast linear model decides when it is sure; in its uncertain band the task's slow path (a
    fine-tuned MiniLM) decides, its probabilities blended with the fast model's by the spec's `blend`. Without a
    task's slow path (artifact or encoder package missing) that task is the fast model alone, and `note` says why."""

    name = "cascade"

    def __init__(
        self,
        trigger: TrainedModel | None = None,
        router: TrainedModel | None = None,
        folders: dict[str, Path] | None = None,
        slow: dict[str, SlowPath] | None = None,
    ) -> None:
        super().__init__(trigger, router)
        self._folders, self._slow = folders or {}, dict(slow or {})
        self._tried: set[str] = set(self._slow)

    def slow_path(self, kind: str = "trigger") -> SlowPath | None:
        """The task's slow path (given, or loaded on first use from its folder, default the task's data folder);
        None, and a line in `note`, when it is unavailable."""
        if kind not in self._tried:
            self._tried.add(kind)
            try:
                self._slow[kind] = SlowPath.load(self._folders.get(kind) or TASKS[kind].folder, kind)
            except (FileNotFoundError, ValueError) as exc:
                line = f"slow path unavailable, fast model alone ({kind}): {exc}"
                self.note = f"{self.note}; {line}" if self.note else line
        return self._slow.get(kind)

    def _decide(self, kind: str, messages: list[str], documents: list[str | None]) -> list[TriggerDecision]:
        if not messages:
            return []
        fast = self._probabilities(kind, messages, documents)
        decisions, slow = self._fast(kind, fast), self.slow_path(kind)
        if slow is None:
            return decisions
        unsure = [i for i in range(len(messages)) if slow.spec.in_band(slow.spec.band_score(fast[i]))]
        if not unsure:
            return decisions
        provenance = Provenance(implementation="cascade:slow", version=slow.spec.training.data_hash[:12])
        slow_probabilities = slow.probabilities([messages[i] for i in unsure], [documents[i] for i in unsure])
        for i, probabilities in zip(unsure, slow_probabilities):
            label, confidence = slow.spec.label(fast[i], probabilities)
            decisions[i] = TriggerDecision(label=label, confidence=confidence, provenance=provenance)
        return decisions


def _label(probabilities: dict[str, float], kind: str, threshold: float) -> str:
    """The trigger opens the canvas at P(canvas) >= its tuned threshold; the router takes the likeliest route."""
    if kind == "trigger":
        return "canvas" if probabilities["canvas"] >= threshold else "inline"
    return max(probabilities, key=probabilities.get)


def canvas_score(decision: TriggerDecision) -> float:
    """Probability of `canvas` behind a trigger decision (1 or 0 for rules, which are certain)."""
    return decision.confidence if decision.label == "canvas" else 1.0 - decision.confidence


def as_route(decision: TriggerDecision) -> TriggerDecision:
    """A trigger decision seen by the router (no document): inline -> chat, canvas -> new_document."""
    label = _FALLBACK_ROUTE.get(decision.label, decision.label)
    return decision.model_copy(update={"label": label})

"""The router's own data rules, declared to the shared pipeline: its explicit-request check, and the
cross-behaviour check that every edit request in another behaviour's labels routes to `edit`."""

from __future__ import annotations

from typing import Any

from canvas_tui.behaviours.trigger.explicit import explicit_route
from canvas_tui.pipeline.config import BehaviourConfig, described, load_config
from canvas_tui.pipeline.dataset import Dataset, load_dataset
from canvas_tui.pipeline.dedupe import normal
from canvas_tui.pipeline.lint import Finding

NAME = "router"


def explicit_route_check(config: Any, row: dict[str, Any], document: str | None) -> str | None:
    """With a document open, a prompt asking for a new document or a chat answer carries that label."""
    said = explicit_route(str(row.get("prompt") or ""))
    return None if said in (None, row.get("label")) else f"explicit request for {said} labelled {row.get('label')}"


def _edit_datasets(config: BehaviourConfig, dataset: Dataset) -> list[Dataset]:
    """The label rows of every behaviour whose rows are edit requests (kind `edit`)."""
    if config.kind == "edit":
        return [dataset]
    return [load_dataset(load_config(name)) for name in described() if load_config(name).kind == "edit"]


def edit_requests_route_to_edit(config: BehaviourConfig, dataset: Dataset) -> list[Finding]:
    """Edit requests (the labels of every edit behaviour) that the router's rows label as something other than edit."""
    if config.name != NAME and NAME not in described():
        return []
    router = dataset if config.name == NAME else load_dataset(load_config(NAME))
    requests = {
        normal(str(row.fields.get("request") or "")): row
        for data in _edit_datasets(config, dataset)
        for row in data.rows
    }
    return [
        Finding(
            level="error",
            rule="cross-behaviour",
            where=[row.origin, requests[key].origin],
            message=f"router labels an edit request {row.fields.get('label')}: {row.fields.get('prompt', '')[:60]!r}",
        )
        for row in router.rows
        if (key := normal(str(row.fields.get("prompt") or ""))) in requests and row.fields.get("label") != "edit"
    ]


CROSS_CHECKS = {"edit_requests_route_to_edit": edit_requests_route_to_edit}
"""Declared by the router and by every edit behaviour that lists the check in its pipeline.toml."""

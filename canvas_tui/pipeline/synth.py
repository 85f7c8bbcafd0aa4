"""`canvas-tui synth BEHAVIOUR`: ask a teacher model for new examples, keep the ones code can vouch for.

Each request shows the teacher the spec, a seeded few-shot sample of training rows and (for edits
and comments) a document, and asks for a batch in the behaviour's schema. Every example is then
completed by code (spans from quotes), checked by the behaviour's deterministic checks, and
dropped if it near-duplicates a label row or an earlier teacher row. Requests run concurrently
under a bound; each finished request is written durably, so a killed run resumes (same command)
without repeating or losing one. A run stops once `n` rows are accepted or its requests run out.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from rich.console import Console
from rich.progress import Progress

from canvas_tui.llm.client import ModelClient
from canvas_tui.llm.errors import ModelError
from canvas_tui.llm.types import ModelRequest
from canvas_tui.paths import portable_path
from canvas_tui.pipeline import teacher
from canvas_tui.pipeline.checks import Rejected, derive, problems
from canvas_tui.pipeline.config import BehaviourConfig
from canvas_tui.pipeline.dataset import load_dataset
from canvas_tui.pipeline.dedupe import NearDuplicateIndex
from canvas_tui.pipeline.documents import DocumentStore, read_text
from canvas_tui.pipeline.runstore import RunStore

REJECTED_SHOWN = 20


class SynthOptions(BaseModel):
    """Arguments of one synth run."""

    n: int = Field(ge=1, description="rows to accept")
    concurrency: int = Field(4, ge=1)
    seed: int = 0
    show_progress: bool = False
    documents: list[Path] = Field(default_factory=list, description="extra document folders")


class SynthReport(BaseModel):
    """How a run went: accepted rows (in total and new this time), requests, and why rows were dropped."""

    behaviour: str
    run_key: str
    path: Path
    accepted: int
    new: int
    requests_done: int
    requests_total: int
    reasons: dict[str, int]
    rejected_examples: list[str]
    failures: list[str]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-")[:40] or "model"


def run_key(config: BehaviourConfig, client: ModelClient, options: SynthOptions) -> str:
    """The run's name: behaviour, teacher, prompt version, seed and size. The same command resumes it."""
    return (
        f"{config.name}-{client.backend}-{_slug(client.model)}-p{config.teacher.prompt_version}"
        f"-s{options.seed}-n{options.n}"
    )


def _reason(problem: str) -> str:
    """A problem with its quoted values blanked, so equal kinds of problem count together."""
    return re.sub(r"'[^']*'|\"[^\"]*\"", "…", problem)


class _Run:
    """The state of one run: the store, what was seen, and the counts."""

    def __init__(self, config: BehaviourConfig, client: ModelClient, options: SynthOptions) -> None:
        self.config, self.client, self.options = config, client, options
        self.key = run_key(config, client, options)
        self.store = RunStore(config.synthetic_dir, self.key)
        dataset = load_dataset(config)
        self.shots = [row for row in dataset.training() if row.source == "hand-written"]
        self.seen = NearDuplicateIndex(config.dedupe, [config.dedupe_text(row.fields) for row in dataset.rows])
        self.accepted = len(self.store.rows())
        self.resumed = self.accepted
        self.documents = DocumentStore(config.documents, options.documents)
        held_out_docs = {row.fields.get("doc") for row in dataset.rows if row.held_out}
        self.candidates = [path for path in self.documents.candidates() if path.name not in held_out_docs]
        self.schema = teacher.batch_model(config)
        self.prompt_sha = teacher.prompt_sha(config)
        self.lock = asyncio.Lock()
        self.reasons: Counter[str] = Counter()
        self.rejected: list[str] = []
        self.failures: list[str] = []

    @property
    def total_requests(self) -> int:
        return self.config.teacher.attempts * math.ceil(self.options.n / self.config.teacher.per_request)

    def _request(self, index: int) -> tuple[ModelRequest, Path | None]:
        rng = teacher.request_rng(self.options.seed, index)
        document = teacher.pick_document(self.candidates, rng)
        count = min(self.config.teacher.per_request, self.options.n)
        prompt = teacher.build_prompt(
            self.config,
            teacher.few_shot(self.config, self.shots, rng),
            count,
            teacher.focus_label(self.config, index),
            read_text(document) if document else None,
        )
        request = ModelRequest(
            purpose=f"synth-{self.config.name}",
            messages=[{"role": "user", "content": prompt}],
            max_tokens=self.config.teacher.max_tokens,
            temperature=self.config.teacher.temperature,
        )
        return request, document

    def _provenance(self, index: int, document: Path | None) -> dict[str, Any]:
        return {
            "teacher_backend": self.client.backend,
            "teacher_model": self.client.model,
            "prompt_version": self.config.teacher.prompt_version,
            "prompt_sha": self.prompt_sha,
            "seed": self.options.seed,
            "request_index": index,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "document": portable_path(document) if document else None,
        }

    def _vet(self, example: dict[str, Any], document: Path | None) -> dict[str, Any]:
        """The example completed and checked; raises Rejected with the reason."""
        text = read_text(document) if document else None
        row = derive(self.config, example, text)
        found = problems(self.config, row, text)
        if found:
            raise Rejected(found[0])
        duplicate = self.seen.match(self.config.dedupe_text(row))
        if duplicate is not None:
            raise Rejected("near-duplicate of an existing row")
        return row

    def _accept(self, index: int, examples: list[BaseModel], document: Path | None) -> tuple[list[dict], Counter[str]]:
        accepted, reasons = [], Counter()
        context = self.config.teacher.fixed | ({"doc": document.name} if document else {})
        for example in examples:
            if self.accepted + len(accepted) >= self.options.n:
                break
            offered = example.model_dump() | context
            try:
                row = self._vet(offered, document)
            except Rejected as exc:
                reasons[_reason(str(exc))] += 1
                if len(self.rejected) < REJECTED_SHOWN:
                    self.rejected.append(f"{_reason(str(exc))}: {self.config.dedupe_text(offered)[:120]}")
                continue
            self.seen.add(self.config.dedupe_text(row))
            accepted.append(
                row | {"usable": True, "source": "teacher", "provenance": self._provenance(index, document)}
            )
        return accepted, reasons

    async def one(self, index: int, progress: Progress, task: Any) -> None:
        """Ask for request `index` (unless enough rows are in) and durably record what was accepted."""
        request, document = self._request(index)
        fallback = self.schema.model_construct(examples=[])
        try:
            reply = await self.client.structured(request, self.schema, fallback)
        except ModelError as exc:
            self.failures.append(f"request {index}: {exc}")
            return
        async with self.lock:
            if self.accepted >= self.options.n:
                return
            rows, reasons = self._accept(index, list(reply.value.examples), document)
            if reply.fallback:
                reasons[f"reply not valid: {_reason(reply.problem or 'unknown')}"] += 1
            self.store.finish(
                rows,
                {
                    "request_index": index,
                    "accepted": len(rows),
                    "offered": len(reply.value.examples),
                    "reasons": dict(reasons),
                    "document": portable_path(document) if document else None,
                },
            )
            self.accepted += len(rows)
            self.reasons.update(reasons)
            progress.advance(task, len(rows))


async def synthesize(config: BehaviourConfig, client: ModelClient, options: SynthOptions) -> SynthReport:
    """Run (or resume) synth for one behaviour with one teacher; returns the run's report."""
    run = _Run(config, client, options)
    done = run.store.done()
    pending = [i for i in range(run.total_requests) if i not in done]
    semaphore = asyncio.Semaphore(options.concurrency)

    async def bounded(index: int) -> None:
        async with semaphore:
            if run.accepted < options.n:
                await run.one(index, progress, task)

    with Progress(console=Console(stderr=True), disable=not options.show_progress, transient=True) as progress:
        task = progress.add_task(f"synth {config.name}", total=options.n, completed=run.accepted)
        await asyncio.gather(*(bounded(index) for index in pending))
    return SynthReport(
        behaviour=config.name,
        run_key=run.key,
        path=run.store.rows_path,
        accepted=run.accepted,
        new=run.accepted - run.resumed,
        requests_done=len(run.store.done()),
        requests_total=run.total_requests,
        reasons=dict(run.reasons),
        rejected_examples=run.rejected,
        failures=run.failures,
    )

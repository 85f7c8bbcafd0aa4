"""The comment behaviour's pipeline entry points: `train`, `evaluate` and the batch `PREDICTOR`.

`train` fits the span scorer on the training documents, plus the accepted teacher rows of
behaviours/comment/synthetic/ (none on a held-out document), and writes behaviours/comment/scorer.json;
`evaluate` compares the implementations on the held-out documents: by default the offline ones (scorer, rules);
the model-based ones (asked for by name: `--impl prompted --impl few-shot --impl hybrid`) start the
embedded model and run on the first MODEL_CASES cases only, since they take seconds per case;
`predict` places comments with the loaded trained scorer: {id, document, request, max_comments} ->
{id, kind, comments: [{quote, start, end, category, score, comment, suggestion}]}.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from canvas_tui.behaviours.comment.candidates import is_program
from canvas_tui.behaviours.comment.evaluation import render, run
from canvas_tui.behaviours.comment.judged import JUDGED
from canvas_tui.behaviours.comment.labels import LabelRow, cases, held_out_documents, labels_path, read_rows, split
from canvas_tui.behaviours.comment.model import ARTIFACT_NAME, artifact_path, load_model
from canvas_tui.behaviours.comment.proposers import IMPLEMENTATIONS, ScorerProposer
from canvas_tui.behaviours.comment.requests import request_kind
from canvas_tui.behaviours.comment.rules import RuledModel
from canvas_tui.behaviours.comment.spans import quote_row_span
from canvas_tui.behaviours.comment.training import fit, placement_f1
from canvas_tui.config import Settings
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.paths import recorded_path
from canvas_tui.pipeline.config import load_config
from canvas_tui.pipeline.contract import Behaviour, LabelFile, RequestText
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult
from canvas_tui.pipeline.dataset import Row, read_teacher_rows
from canvas_tui.pipeline.documents import DocumentStore, read_text
from canvas_tui.pipeline.evalkit.reports import write_report

MODEL_CASES = 12
OFFLINE = ("scorer", "rules")


class CommentInput(BaseModel):
    """One batch line: a document and a comment request."""

    id: str | int | None = None
    document: str
    request: RequestText
    max_comments: int = Field(5, ge=1, le=10)


class PlacedComment(BaseModel):
    """One comment of `predict comment` output: the quoted span, its category and score, and what is said."""

    quote: str
    start: int
    end: int
    category: str
    score: float
    comment: str
    suggestion: str | None


class CommentOutput(BaseModel):
    """One line of `predict comment` output: the request's kind and the placed comments."""

    id: str | int | None
    kind: str
    comments: list[PlacedComment]


def _predict_one(proposer: ScorerProposer, item: CommentInput) -> CommentOutput:
    placements = proposer.placements(item.request, item.document, item.max_comments)
    comments = []
    for placement in placements:
        comment = proposer.comment(placement, item.document)
        comments.append(
            PlacedComment(
                quote=placement.unit.text,
                start=placement.unit.candidate.start,
                end=placement.unit.candidate.end,
                category=placement.category,
                score=round(placement.score, 4),
                comment=comment.comment,
                suggestion=comment.suggestion,
            )
        )
    return CommentOutput(
        id=item.id, kind=request_kind(item.request, program=is_program(item.document)), comments=comments
    )


def load(folder: Path) -> ScorerProposer:
    """The trained scorer's proposer from the data folder: the one place its artifact is read."""
    return ScorerProposer(RuledModel(load_model(folder / ARTIFACT_NAME)))


def predict(proposer: ScorerProposer, items: list[CommentInput]) -> list[CommentOutput]:
    """Place comments on each document with the given proposer."""
    return [_predict_one(proposer, item) for item in items]


class TeacherData(BaseModel):
    """The teacher rows training may use, the texts of their documents by name, and rows left out for lack of one."""

    rows: list[LabelRow]
    texts: dict[str, str]
    missing_document: int


def _document_path(row: Row, store: DocumentStore) -> Path | None:
    """Where the row's document is: the file its synth run read (provenance), else the behaviour's folder by name."""
    provenance = row.fields.get("provenance")
    recorded = (
        recorded_path(provenance["document"]) if isinstance(provenance, dict) and provenance.get("document") else None
    )
    if recorded is not None and recorded.is_file():
        return recorded
    return store.find(str(row.fields.get("doc") or ""))


def _teacher_data() -> TeacherData:
    """Usable teacher rows (synthetic/comment*, through the shared loader), none on a held-out document."""
    held = held_out_documents()
    store = DocumentStore(load_config("comment").documents)
    rows, texts, missing = [], {}, 0
    for row in read_teacher_rows(labels_path().parent / "synthetic", "comment"):
        label = LabelRow.model_validate(row.fields)
        if label.doc in held:
            continue
        path = _document_path(row, store)
        if path is None:
            missing += 1
            continue
        rows.append(label)
        texts[label.doc] = read_text(path)
    return TeacherData(rows=rows, texts=texts, missing_document=missing)


def train(request: TrainRequest) -> TrainResult:
    """Fit the scorer on the training documents and the usable teacher rows, and write scorer.json."""
    train_rows, held_out = split(read_rows())
    teacher = _teacher_data()
    train_rows += teacher.rows
    fitted = fit(train_rows, request.seed, teacher.texts)
    fitted.model.save(artifact_path())
    threshold = fitted.model.threshold
    figures = {
        "version": fitted.model.version,
        "threshold": threshold,
        "n_train_rows": len(train_rows),
        "n_teacher_rows": len(teacher.rows),
        "teacher_rows_without_document": teacher.missing_document,
        "train_f1": placement_f1(fitted.model, train_rows, threshold, teacher.texts),
        "held_out_f1": placement_f1(fitted.model, held_out, threshold),
        "cv_f1": fitted.cv_f1,
    }
    text = f"comment scorer {fitted.model.version}: held-out placement F1 {figures['held_out_f1']:.3f}"
    return TrainResult(behaviour="comment", artifact=artifact_path(), figures=figures, text=text)


async def _evaluate(names: list[str], announce: Callable[[str], None]) -> list:
    """Each implementation's run on the held-out cases (model-based ones on the first MODEL_CASES), each announced to
    `announce` for a progress display."""
    held = cases(split(read_rows())[1])
    offline = ScriptedClient()
    results = []
    for name in [name for name in names if name in OFFLINE]:
        announce(f"{name} on the held-out documents")
        results.append(await run(name, IMPLEMENTATIONS[name](), offline, held))
    online = [name for name in names if name not in OFFLINE]
    if online:
        from canvas_tui.llm.backends import make_client

        client = make_client(Settings())
        try:
            for name in online:
                announce(f"{name} on the first {MODEL_CASES} held-out cases (the model)")
                results.append(await run(name, IMPLEMENTATIONS[name](), client, held[:MODEL_CASES]))
        finally:
            await client.close()
    return results


def evaluate(request: EvalRequest) -> EvalResult:
    """Compare implementations on the held-out cases and write reports/comment_eval.md."""
    names = request.implementations or list(OFFLINE)
    unknown = set(names) - set(IMPLEMENTATIONS)
    if unknown:
        raise ValueError(f"unknown implementation(s) {sorted(unknown)}; known: {sorted(IMPLEMENTATIONS)}")
    results = asyncio.run(_evaluate(names, request.step))
    note = (
        f"Held-out documents only (behaviours/comment/split.json); model-based implementations on the first "
        f"{MODEL_CASES} cases. A reply holds at most 5 comments; F1 uses recall capped at 5 per case."
    )
    text = render(results, note)
    path = write_report(request.report_dir, "comment", text)
    return EvalResult(
        behaviour="comment",
        figures={
            r.name: {**r.figures, "ms_per_case": r.mean_latency_ms, "invented_rate": r.invented_rate} for r in results
        },
        text=text,
        files=[path],
    )


def _held_out_documents(rows: list[dict]) -> list[bool]:
    """The comment split: whole documents are held out (behaviours/comment/split.json)."""
    held = held_out_documents()
    return [str(row.get("doc") or "") in held for row in rows]


BEHAVIOUR = Behaviour(
    name="comment",
    summary="comment (which spans)",
    folder="comment",
    input_model=CommentInput,
    output_model=CommentOutput,
    load=load,
    predict=predict,
    label_files=[LabelFile(pattern="labels.csv", split="train+held-out")],
    implementations=tuple(IMPLEMENTATIONS),
    default="scorer",
    train=train,
    evaluate=evaluate,
    splits={"held_out_documents": _held_out_documents},
    span_of=quote_row_span,
    judged=JUDGED,
    chunk_size=16,
    method="trained sentence scorer + templates",
    headline={"held-out placement F1": "scorer.f1", "quotes anchored": "scorer.anchor_rate"},
    baseline={"cue rules, F1": "rules.f1"},
)

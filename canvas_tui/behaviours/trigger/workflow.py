"""Train and evaluate a task (trigger or router): the steps behind `canvas-tui train|eval`.

Both tasks share this: lint the labels, split them (fixed, stratified), train on the train split
plus usable synthetic rows, score every implementation on the held-out split, write the report.
"""

from __future__ import annotations

from collections.abc import Callable

from canvas_tui.behaviours.trigger.data import (
    LabelRow,
    bucket,
    data_hash,
    label_counts,
    lint,
    normal_prompt,
    read_labels,
    read_synthetic,
    split,
)
from canvas_tui.behaviours.trigger.implementations import BatchTrigger, CascadeTrigger, KeywordTrigger, TrainedTrigger
from canvas_tui.behaviours.trigger.message import with_document
from canvas_tui.behaviours.trigger.model import FEATURES, Task, TrainedModel
from canvas_tui.behaviours.trigger.slow_path import SPEC, SlowPathSpec
from canvas_tui.learn.artifact import Training, read_artifact
from canvas_tui.llm.errors import ModelError
from canvas_tui.pipeline.contracts import EvalRequest, EvalResult, TrainRequest, TrainResult
from canvas_tui.pipeline.evalkit.render import categories_table, details, headline_table, plot
from canvas_tui.pipeline.evalkit.reports import report_path, write_report
from canvas_tui.pipeline.evalkit.scores import Scored, Scores, headline
from canvas_tui.pipeline.evalkit.scores import score as score_rows

DEFAULT_IMPLEMENTATIONS = {"trigger": ("cascade", "trained", "keyword"), "router": ("cascade", "trained", "keyword")}
"""What `eval` scores by default, per task: the cascade beside its fast model alone (`trained`)."""
IMPLEMENTATIONS = {task: (*names, "prompted") for task, names in DEFAULT_IMPLEMENTATIONS.items()}


def datasets(task: Task) -> tuple[list[LabelRow], list[LabelRow], list[str]]:
    """(train rows incl. usable synthetic ones, held-out test rows, lint problems)."""
    labels = read_labels(task.folder / task.labels_file)
    synthetic = read_synthetic(task.folder / "synthetic", task.name)
    train, test = split(labels)
    held_out = {normal_prompt(row.prompt) for row in test}
    train += [row for row in synthetic if normal_prompt(row.prompt) not in held_out]
    return train, test, lint(labels + synthetic, task.classes)


def documents(task: Task, rows: list[LabelRow]) -> list[str | None]:
    """What stands for the open document of each row: none for the trigger; for the router its own document, or,
    for a hand-written row (which names its document only in `context`), one of the real documents among `rows`.

    In the app a document is always open. Hand-written rows without one taught the router that a real document's
    presence means "not a comment" (real follow-ups are almost never comments): a stand-in real document, chosen
    by the prompt's hash, leaves the request's words to decide, as the spec says they do."""
    if task.name == "trigger":
        return [None] * len(rows)
    pool = sorted({row.document for row in rows if row.document})
    return [row.document or _stand_in(row, pool) for row in rows]


def _stand_in(row: LabelRow, pool: list[str]) -> str:
    """A real document for a row that has none (its context when there is no real one to lend)."""
    if not pool:
        return row.context or "(open document)"
    return pool[bucket(normal_prompt(row.prompt), len(pool))]


def model_inputs(task: Task, rows: list[LabelRow]) -> list[str]:
    """What the task's model reads for each row: the prompt, and for the router the open document joined to it."""
    if task.name == "trigger":
        return [row.prompt for row in rows]
    return [with_document(row.prompt, document) for row, document in zip(rows, documents(task, rows))]


def predict_labels(task: Task, implementation: BatchTrigger, rows: list[LabelRow]) -> list[str]:
    """The implementation's label for each row."""
    decisions = implementation.decide_many([row.prompt for row in rows], documents(task, rows))
    return [decision.label for decision in decisions]


def score(implementation: str, rows: list[LabelRow], predicted: list[str], classes: tuple[str, ...]) -> Scores:
    """The kit's scores of `predicted` against the rows' gold labels."""
    return score_rows(
        implementation,
        [
            Scored(text=row.prompt, gold=row.label, predicted=label, category=row.category)
            for row, label in zip(rows, predicted)
        ],
        classes,
    )


def markdown(title: str, scores: list[Scores], notes: list[str], whole: bool = True) -> str:
    """One eval section: notes, the headline table, and when `whole`, accuracy per category (hundreds of one-row
    categories), each implementation's confusion and misses."""
    lines = [f"# {title}", "", *[f"- {note}" for note in notes], "", *headline_table(scores)]
    if whole:
        lines += ["", "Accuracy per category:", "", *categories_table(scores), *details(scores)]
    return "\n".join(lines) + "\n"


def train_task(task: Task, request: TrainRequest) -> TrainResult:
    """Train the task's model, score it on the held-out split, write the artifact (weights + training metadata)."""
    from canvas_tui.behaviours.trigger.training import SPECS, row_weights, tune_threshold  # scikit-learn: training only
    from canvas_tui.learn.trainer import export, fit

    train, test, problems = datasets(task)
    if problems and not request.allow_lint_errors:
        raise ValueError(f"{len(problems)} label problem(s), e.g. {problems[0]} (use --allow-lint-errors)")
    texts, labels = model_inputs(task, train), [row.label for row in train]
    weights = row_weights([row.origin for row in train])
    request.step(f"fitting the fast model on {len(train)} rows")
    pipeline = fit(SPECS[task.name], FEATURES[task.name], texts, labels, weights, random_state=request.seed)
    digest = data_hash(train)
    real = [row.origin == "real-traffic" for row in train]
    if task.positive:
        request.step("choosing its cut-off on 5 cross-validation folds")
    threshold = tune_threshold(task, texts, labels, request.seed, focus=real, weights=weights) if task.positive else 0.5
    training = Training(
        data_hash=digest,
        seed=request.seed,
        rows=len(train),
        details={"test_rows": len(test), "label_counts": label_counts(train)},
    )
    artifact = export(pipeline, FEATURES[task.name], task.name, training, threshold=threshold, version=digest[:12])
    implementation = TrainedTrigger(**{task.name: TrainedModel(artifact)})
    request.step(f"scoring the fast model on the held-out split ({len(test)} rows)")
    figures = headline(score("trained", test, predict_labels(task, implementation, test), task.classes))
    artifact.training.figures = figures
    artifact.save(task.artifact)
    text = (
        f"trained {task.name}'s fast model (`trained`) on {len(train)} rows ({len(problems)} lint problems); "
        f"threshold {threshold:.2f}; fast model alone, held-out {len(test)} rows: "
        + ", ".join(f"{k} {v:.3f}" for k, v in figures.items())
        + f"\nwrote {task.artifact}"
    )
    summary = {
        "task": task.name,
        "version": artifact.version,
        "data_hash": digest,
        "seed": request.seed,
        "train_rows": len(train),
        "test_rows": len(test),
        "label_counts": label_counts(train),
        "figures": figures,
        "sklearn": artifact.training.sklearn,
        "threshold": threshold,
    }
    return TrainResult(behaviour=task.name, artifact=task.artifact, figures=summary, text=text)


def _implementation(name: str) -> BatchTrigger:
    if name == "cascade":
        return CascadeTrigger()
    if name == "trained":
        return TrainedTrigger()
    if name == "keyword":
        return KeywordTrigger()
    if name == "prompted":
        return _prompted()
    raise LookupError(f"unknown implementation {name!r}; known: cascade, trained, keyword, prompted")


def _prompted() -> BatchTrigger:
    """The prompted model on the configured backend (imported here: only `--impl prompted` needs it)."""
    from canvas_tui.behaviours.trigger.prompted import PromptedTrigger
    from canvas_tui.config import Settings
    from canvas_tui.llm.backends import make_client

    try:
        return PromptedTrigger(make_client(Settings()))
    except ModelError as exc:
        raise LookupError(f"no model client: {exc}") from exc


def held_out_by_origin(test: list[LabelRow]) -> dict[str, list[LabelRow]]:
    """The held-out split cut by where its rows came from: hand-written prompts and labelled real messages."""
    real = [row for row in test if row.origin == "real-traffic"]
    hand = [row for row in test if row.origin != "real-traffic"]
    return {"held_out_hand_written": hand, "held_out_real_traffic": real} if real else {}


def blind_sets(task: Task) -> dict[str, list[LabelRow]]:
    """The task's eval-only splits (hand-written blind sets, the real-traffic test split), by file stem."""
    paths = [path for pattern in task.eval_files for path in sorted(task.folder.glob(pattern))]
    return {path.stem: read_labels(path) for path in paths}


def _score_split(
    task: Task,
    rows: list[LabelRow],
    names: list[str],
    notes: list[str],
    built: dict[str, BatchTrigger],
    step: tuple[Callable[[str], None], str],
) -> list[Scores]:
    """Each named implementation's scores on `rows` (built once per evaluation, in `built`: the cascade's slow path
    is a 90 MB encoder), each announced by `step` (what to call, and the split's name); an unavailable one is noted,
    not fatal."""
    scores: list[Scores] = []
    announce, split = step
    for name in names:
        announce(f"{name} on {split}")
        try:
            if name not in built:
                built[name] = _implementation(name)
            implementation = built[name]
            scores.append(score(name, rows, predict_labels(task, implementation, rows), task.classes))
            notes += [f"{name}: {implementation.note}"] if implementation.note else []
        except (LookupError, FileNotFoundError, ModelError) as exc:
            notes.append(f"{name}: not run ({exc})")
    return scores


def evaluate_task(task: Task, request: EvalRequest) -> EvalResult:
    """Score each asked implementation on the held-out split and on each blind set; write a markdown report and a PNG."""
    train, test, _ = datasets(task)
    names = list(request.implementations or DEFAULT_IMPLEMENTATIONS[task.name])
    notes = [f"held-out split of {task.labels_file}: {len(test)} rows {label_counts(test)}; never trained on"]
    built: dict[str, BatchTrigger] = {}
    scores = _score_split(task, test, names, notes, built, (request.step, "the held-out split"))
    notes += _freshness(task, train) + _slow_freshness(task, train)
    figures = {s.implementation: headline(s) for s in scores} | {"test_rows": len(test), "notes": notes}
    title = f"{task.name} eval"
    text, summary = markdown(title, scores, notes), markdown(title, scores, notes, whole=False)
    splits = {}
    for split_name, rows in (held_out_by_origin(test) | blind_sets(task)).items():
        blind = _score_split(task, rows, names, [], built, (request.step, split_name))
        splits[split_name] = {s.implementation: headline(s) for s in blind} | {"rows": len(rows)}
        section = (
            f"{task.name} eval: {split_name}",
            blind,
            [f"{split_name}: {len(rows)} rows {label_counts(rows)}; never trained on"],
        )
        text += "\n" + markdown(*section)
        summary += "\n" + markdown(*section, whole=False)
    if splits:
        figures["splits"] = splits
    report = write_report(request.report_dir, task.name, text)
    files = [report] + ([plot(report_path(request.report_dir, task.name, ".png"), title, scores)] if scores else [])
    summary += f"\nAccuracy per category, confusions and misses of every split: {report}\n"
    return EvalResult(behaviour=task.name, figures=figures, text=text, files=files, summary=summary)


def _slow_freshness(task: Task, train: list[LabelRow]) -> list[str]:
    """Whether the task's slow path was trained on today's train split, and its settings."""
    path = task.folder / SPEC
    if not path.exists():
        return []
    spec = SlowPathSpec.model_validate_json(path.read_text(encoding="utf-8"))
    cut = f"blend {spec.blend}, cut {spec.threshold}" if len(spec.classes) == 2 else f"blend {spec.blend}"
    settings = f"band {list(spec.band)}, {cut}, epoch {spec.training.epoch + 1} of {spec.training.epochs}"
    if spec.training.data_hash == data_hash(train):
        return [f"slow path ({settings}) matches the current training data"]
    return [
        f"WARNING: the slow path ({settings}) was fine-tuned on other training data (`train {task.name}` re-chooses "
        f"its band; `train {task.name} --slow-path` fine-tunes it again)"
    ]


def _freshness(task: Task, train: list[LabelRow]) -> list[str]:
    if not task.artifact.exists():
        return []
    artifact = read_artifact(task.artifact)
    if artifact.training.data_hash == data_hash(train):
        return [f"trained artifact {artifact.version} matches the current training data"]
    return [f"WARNING: trained artifact {artifact.version} is stale; run `canvas-tui train {task.name}`"]

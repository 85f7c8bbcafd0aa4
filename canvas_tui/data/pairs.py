"""What two versions produced for the same prompts: from two recordings, or by running prompts on two clients."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from canvas_tui.behaviours.defaults import Behaviours
from canvas_tui.bootstrap import open_session
from canvas_tui.config import Settings, load_settings
from canvas_tui.judging.blind import Pair
from canvas_tui.llm.backends import make_client
from canvas_tui.llm.client import ModelClient
from canvas_tui.log.recording import ActionEntry, ExchangeEntry, Recording, load_recording

BACKENDS = ("local", "openai", "url", "replay")


class Output(BaseModel):
    """What a version produced for one prompt."""

    prompt: str
    text: str


def recording_outputs(recording: Recording) -> list[Output]:
    """For each message of a recording, the model's replies in that turn (joined); turns with no reply are left out."""
    outputs: list[Output] = []
    prompt, texts = None, []
    for entry in [*recording.entries, ActionEntry(kind="message", payload={"text": None})]:
        if isinstance(entry, ActionEntry):
            if prompt is not None and texts:
                outputs.append(Output(prompt=prompt, text="\n\n".join(texts)))
            prompt, texts = (entry.payload.get("text") if entry.kind == "message" else None), []
        elif isinstance(entry, ExchangeEntry) and prompt is not None:
            texts.append(entry.exchange.reply)
    return outputs


def paired(a: list[Output], b: list[Output]) -> list[Pair]:
    """Pair outputs by prompt, each prompt of B used once, in A's order."""
    remaining: dict[str, list[str]] = {}
    for output in b:
        remaining.setdefault(output.prompt, []).append(output.text)
    pairs = []
    for output in a:
        if remaining.get(output.prompt):
            pairs.append(Pair(prompt=output.prompt, a=output.text, b=remaining[output.prompt].pop(0)))
    return pairs


def read_prompts(path: Path) -> list[str]:
    """One prompt per non-empty line."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


async def session_outputs(
    prompts: list[str], settings: Settings, client: ModelClient, behaviours: Behaviours
) -> list[Output]:
    """Run each prompt as the first turn of a fresh session (nothing logged); the new document or the reply."""
    quiet = settings.model_copy(update={"log_path": Path(":memory:")})
    outputs = []
    for prompt in prompts:
        session = open_session(quiet, client=client, behaviours=behaviours)
        result = await session.turn(prompt)
        text = session.document.text if result.kind == "new_document" and session.document else result.reply
        outputs.append(Output(prompt=prompt, text=text))
        session.log.close()
    return outputs


def open_version(spec: str, base_url: str | None = None) -> Recording | ModelClient:
    """A recording (a .jsonl file), or a client for a backend spec: local, openai[:MODEL], url[:MODEL], replay:FILE.

    Raises ValueError for a spec that is neither, RecordingError / ModelError when it cannot be opened.
    """
    path = Path(spec)
    if path.suffix == ".jsonl" and path.is_file():
        return load_recording(path)
    backend, _, detail = spec.partition(":")
    if backend not in BACKENDS:
        raise ValueError(
            f"{spec!r} is neither a recording (.jsonl) nor a backend (local, openai[:MODEL], url[:MODEL], replay:FILE)"
        )
    flags = {"backend": backend, "base_url": base_url} | (
        {"replay_file": Path(detail)} if backend == "replay" else {"model": detail or None}
    )
    return make_client(load_settings(**flags))


async def outputs_of(
    version: Recording | ModelClient, prompts: list[str], settings: Settings, behaviours: Behaviours
) -> list[Output]:
    """A recording's outputs, or what a client produces for the prompts."""
    if isinstance(version, Recording):
        return recording_outputs(version)
    return await session_outputs(prompts, settings, version, behaviours)

"""Generation that does not loop: penalties are sent where the server takes them, repeats are cut as they
stream, and the length asked for sets the token budget."""

from __future__ import annotations

from canvas_tui.llm.local import LocalModelClient
from canvas_tui.llm.openai_compatible import OpenAICompatibleClient
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.llm.types import ModelRequest
from canvas_tui.log.store import DecisionLog
from canvas_tui.session import Session
from canvas_tui.session.lengths import edit_budget, write_budget
from canvas_tui.session.prompts import chat_request, edit_request, write_request
from canvas_tui.session.repetition import RepetitionGuard, guarded
from tests.fakes import fake_behaviours

PARAGRAPH = "Trees cool the streets in summer and give shade to everyone who walks below them."
ESSAY = f"# Trees\n\n{PARAGRAPH}\n\nThey also clean the air we breathe every day.\n\n"


async def _stream(text: str, chunk: int = 7):
    for start in range(0, len(text), chunk):
        yield text[start : start + chunk]


async def test_a_stream_that_repeats_a_paragraph_is_stopped_and_trimmed_before_the_repeat():
    guard = RepetitionGuard()
    kept = await guarded(_stream(ESSAY + (PARAGRAPH + "\n\n") * 5), guard)
    assert kept == ESSAY.rstrip()
    assert len(guard.text) < len(ESSAY) + 2 * len(PARAGRAPH)


async def test_a_sentence_that_repeats_inside_a_paragraph_is_cut_too():
    looping = "Bees pollinate most of the crops that people eat each year. " * 4
    kept = await guarded(_stream("Bees matter. " + looping), RepetitionGuard())
    assert kept == "Bees matter. Bees pollinate most of the crops that people eat each year."


async def test_text_that_does_not_repeat_is_kept_whole_even_with_short_repeated_lines():
    text = "# Steps\n\n- Stir.\n- Stir.\n\nThank you.\n\nThank you.\n\nA last, different, rather long closing sentence here."
    guard = RepetitionGuard()
    assert await guarded(_stream(text), guard) == text and guard.cut is None


async def test_a_stopped_stream_is_still_reported_as_an_exchange_up_to_where_it_stopped():
    client, seen = ScriptedClient([ESSAY + (PARAGRAPH + "\n\n") * 20], chunk=5), []
    client.observers.append(seen.append)
    await guarded(client.stream(write_request("Write an essay", 100)), RepetitionGuard())
    assert len(seen) == 1 and seen[0].reply.startswith(ESSAY) and len(seen[0].reply) < len(ESSAY) * 3


async def test_a_new_document_that_loops_keeps_one_copy_and_says_why(settings, decision_log):
    session = Session(
        ScriptedClient([ESSAY + (PARAGRAPH + "\n\n") * 4]), fake_behaviours(trigger=["canvas"]), decision_log, settings
    )
    result = await session.turn("Write a short essay about trees")
    assert session.document.text == ESSAY.rstrip()
    assert session.document.text.count(PARAGRAPH) == 1
    assert any("repeating" in notice.message for notice in result.notices)


async def test_a_looping_chat_answer_is_cut(settings):
    session = Session(
        ScriptedClient([(PARAGRAPH + "\n\n") * 3]),
        fake_behaviours(trigger=["inline"]),
        DecisionLog(":memory:"),
        settings,
    )
    result = await session.turn("Why plant trees?")
    assert result.reply == PARAGRAPH


def test_free_writing_asks_for_penalties_and_targeted_edits_do_not():
    for request in (write_request("x", 10), chat_request("x", [], None, 10), edit_request("x", "ab", 0, 1, False, 10)):
        assert request.frequency_penalty > 0 and request.repeat_penalty > 1
    targeted = edit_request("x", "ab", 0, 1, True, 10)
    assert targeted.frequency_penalty == 0 and targeted.repeat_penalty is None


def test_the_local_server_gets_llama_cpps_repeat_penalty_and_other_servers_only_the_openai_ones():
    request = write_request("x", 10)
    other = OpenAICompatibleClient(backend="url", model="m", base_url="http://127.0.0.1:9/v1", api_key="k", timeout=1)
    local = LocalModelClient.__new__(LocalModelClient)
    assert other._penalties(request) == {"frequency_penalty": 0.3, "presence_penalty": 0.1}
    assert local._penalties(request)["extra_body"] == {"repeat_penalty": 1.12}
    assert other._penalties(ModelRequest(purpose="x", messages=[])) == {}


def test_requests_without_penalties_keep_the_fingerprints_recordings_were_made_with():
    plain = ModelRequest(purpose="trigger", messages=[{"role": "user", "content": "hi"}])
    assert plain.fingerprint() == _old_fingerprint(plain)
    assert (
        write_request("x", 10).fingerprint()
        != write_request("x", 10)
        .model_copy(update={"repeat_penalty": None, "frequency_penalty": 0.0, "presence_penalty": 0.0})
        .fingerprint()
    )


def _old_fingerprint(request: ModelRequest) -> str:
    import hashlib
    import json

    body = request.model_dump(exclude={"max_tokens", "frequency_penalty", "presence_penalty", "repeat_penalty"})
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]


def test_the_token_budget_follows_the_length_asked_for():
    assert write_budget("Write a short essay about tea", 1024) == 360
    assert write_budget("Write a 200-word story", 1024) == 340
    assert write_budget("Write a haiku about rain", 1024) == 80
    assert write_budget("Write a detailed guide to git", 1024) == 1024
    assert write_budget("Write an essay about tea", 1024) == 1024
    sentence = "x" * 200
    assert edit_budget("make this friendlier", sentence, 1024) == 116
    assert edit_budget("shorten this", sentence, 1024) < edit_budget("expand this", sentence, 1024) <= 1024
    assert edit_budget("fix it", "ok", 1024) == 48

"""The model client: structured replies are validated, retried once, then a logged fallback; exchanges are observed."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from canvas_tui.llm.errors import ModelTimeout
from canvas_tui.llm.scripted import ReplayClient, ScriptedClient
from canvas_tui.llm.types import ModelExchange, ModelRequest


class Verdict(BaseModel):
    label: str
    confidence: float


FALLBACK = Verdict(label="inline", confidence=0.0)
REQUEST = ModelRequest(purpose="test", messages=[{"role": "user", "content": "decide"}])


async def test_a_valid_structured_reply_is_used_on_the_first_attempt():
    reply = await ScriptedClient(['{"label": "canvas", "confidence": 0.9}']).structured(REQUEST, Verdict, FALLBACK)
    assert reply.value == Verdict(label="canvas", confidence=0.9) and reply.attempts == 1 and not reply.fallback


async def test_an_invalid_reply_is_retried_once_with_the_problem_explained():
    client = ScriptedClient(["{oops", '{"label": "canvas", "confidence": 1}'])
    reply = await client.structured(REQUEST, Verdict, FALLBACK)
    assert reply.value.label == "canvas" and reply.attempts == 2
    assert "not valid" in client.requests[1].messages[-1]["content"]


@pytest.mark.parametrize("replies", [["", ""], ["[]", '{"label": 3}'], ["{", "null"]])
async def test_two_unusable_replies_give_the_fallback_with_the_raw_reply_kept(replies):
    reply = await ScriptedClient(replies).structured(REQUEST, Verdict, FALLBACK)
    assert reply.fallback and reply.value == FALLBACK and reply.raw == replies[-1] and reply.problem


async def test_the_schema_sent_is_the_pydantic_json_schema():
    client = ScriptedClient(['{"label": "x", "confidence": 0}'])
    await client.structured(REQUEST, Verdict, FALLBACK)
    assert client.requests[0].json_schema == Verdict.model_json_schema()
    assert client.requests[0].schema_name == "Verdict"


async def test_every_exchange_is_reported_to_observers_as_sent_and_received():
    client, seen = ScriptedClient(["Hello there"]), []
    client.observers.append(seen.append)
    assert await client.complete(REQUEST) == "Hello there"
    [exchange] = seen
    assert exchange.request == REQUEST and exchange.reply == "Hello there" and exchange.error is None


async def test_a_failing_stream_is_reported_with_its_error_and_raised():
    client, seen = ScriptedClient([ModelTimeout("The local model did not answer in time.")]), []
    client.observers.append(seen.append)
    with pytest.raises(ModelTimeout):
        await client.complete(REQUEST)
    assert seen[0].error == "The local model did not answer in time."


async def test_replay_serves_recorded_replies_by_request_even_out_of_order():
    other = ModelRequest(purpose="other", messages=[{"role": "user", "content": "x"}])
    exchanges = [
        ModelExchange(request=REQUEST, reply="first", backend="local", model="m", latency_ms=1),
        ModelExchange(request=other, reply="second", backend="local", model="m", latency_ms=1),
    ]
    client = ReplayClient(exchanges)
    assert await client.complete(other) == "second"
    assert await client.complete(REQUEST) == "first"

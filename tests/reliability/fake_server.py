"""A tiny OpenAI-compatible chat server on loopback that misbehaves on request.

Modes: `ok` (streams or returns a reply), `drop` (streams a little, then cuts the connection
mid-body), `unfinished` (a stream that ends cleanly but before the model finished), `hang` (never
answers), `slow` (answers, one chunk at a time, slowly), `status` (answers with an HTTP error such
as 401 or 500), `garbage` (a 200 whose body is not JSON). Streams are chunked HTTP/1.1, like
llama.cpp's and OpenAI's. Every request's headers
are kept (names lower-cased), so tests can check what a client sent (an API key, say).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Behaviour:
    """What the server does with the next requests."""

    mode: str = "ok"
    reply: str = "Hello from the fake server."
    status: int = 500
    delay: float = 0.2
    headers: list[dict[str, str]] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)


def _event(text: str, finish_reason: str | None = None) -> bytes:
    body = {
        "id": "x",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish_reason}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


def _completion(request: dict, reply: str) -> dict:
    message: dict = {"role": "assistant", "content": reply}
    if request.get("tool_choice"):
        name = request["tool_choice"]["function"]["name"]
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call", "type": "function", "function": {"name": name, "arguments": reply}}],
        }
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "fake",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        return None

    def do_GET(self) -> None:
        self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

    def do_POST(self) -> None:
        behaviour = self.server.behaviour
        behaviour.headers.append({name.lower(): value for name, value in self.headers.items()})
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if behaviour.mode == "hang":
            behaviour.released.wait(60)
            return
        if behaviour.mode == "status":
            self._json(
                behaviour.status,
                {"error": {"message": "refused", "type": "invalid_request_error", "code": behaviour.status}},
            )
            return
        if behaviour.mode == "garbage":
            self._raw(200, b"<html>not json", "text/html")
            return
        if request.get("stream"):
            self._stream(behaviour)
        else:
            if behaviour.mode == "drop":
                self.connection.shutdown(2)
                return
            self._json(200, _completion(request, behaviour.reply))

    def _stream(self, behaviour: Behaviour) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        words = behaviour.reply.split(" ")
        for index, word in enumerate(words):
            if behaviour.mode == "drop" and index == 2:
                self.connection.shutdown(2)
                return
            self._chunk(_event(word + (" " if index < len(words) - 1 else "")))
            if behaviour.mode == "slow":
                time.sleep(behaviour.delay)
        if behaviour.mode != "unfinished":
            self._chunk(_event("", "stop") + b"data: [DONE]\n\n")
        self._chunk(b"")

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _json(self, status: int, body: dict) -> None:
        self._raw(status, json.dumps(body).encode(), "application/json")

    def _raw(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FakeServer:
    """Run the fake server on a free loopback port in a background thread (a context manager)."""

    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.behaviour = self.behaviour
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.behaviour.released.set()
        self._server.shutdown()
        self._server.server_close()

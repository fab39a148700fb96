"""One `varsam serve` (embedded, real models, loaded once) shared by the API and browser tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api_server import ApiServer, clean_env, start_api_server
from workers.api.tokens import ROLES


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    """`varsam serve` in embedded mode on a loopback port, with a token per role."""
    workdir = tmp_path_factory.mktemp("serve")
    env = clean_env(VARSAM_DATA_DIR=str(workdir / "data"), VARSAM_API__POLL_S="0.2")
    server = start_api_server(workdir, env, ROLES)
    yield server
    server.stop()

"""The in-memory and local-folder object stores hold to the one ObjectStore contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.storage import InMemoryObjectStore, ObjectStore
from tests.object_store_contract import CONTRACT, CONTRACT_IDS, Check, check_object_store_contract
from workers.adapters.local_store import LocalFolderStore


@pytest.fixture(params=["in_memory", "local_folder"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path):
    """A factory of fresh, empty stores of one implementation."""
    if request.param == "in_memory":
        return InMemoryObjectStore
    roots = iter(range(1_000))
    return lambda: LocalFolderStore(tmp_path / f"store-{next(roots)}")


@pytest.mark.parametrize("check", CONTRACT, ids=CONTRACT_IDS)
def test_store_meets_the_contract(make_store, check: Check, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    store: ObjectStore = make_store()
    check(store, work)


def test_contract_runner_runs_every_check(tmp_path: Path) -> None:
    check_object_store_contract(InMemoryObjectStore, tmp_path)

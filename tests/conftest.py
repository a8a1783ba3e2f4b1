"""Shared fixtures: one detector (the spaCy model loads once per test session)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from clearpost.app import create_app
from clearpost.config import Config
from clearpost.engine import Detector
from servers import REPO, clearpost_serve, free_port, wait_for_health  # noqa: F401 (shared with other test modules)

HOST_HEADER = {"Host": "127.0.0.1:8741"}


@dataclass
class Span:
    """A finding as the learned models read it (start, end, entity, score), for their tests."""
    start: int
    end: int
    entity: str
    score: float = 0.8


class LocalClient(FlaskClient):
    """Sends requests to http://127.0.0.1:8741, as the extension and local tools do."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("base_url", f"http://{HOST_HEADER['Host']}")
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(Config())


@pytest.fixture(scope="session")
def rules_detector() -> Detector:
    """The rules alone, without the learned second opinion: what the recognizer tests test."""
    return Detector(Config(), second_opinion=False)


@pytest.fixture(scope="session")
def app(detector: Detector):
    return create_app(Config(), detector=detector)


@pytest.fixture()
def client(app):
    """A test client that sends the Host header a real local caller sends."""
    app.test_client_class = LocalClient
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """A real `clearpost serve` process on a free loopback port; yields its base URL. Its log
    goes to a file: a pipe nobody reads would fill up and stall the server."""
    with clearpost_serve(tmp_path_factory.mktemp("live-server") / "serve.log") as server:
        yield server.base_url

"""Shared fixtures: one detector (the spaCy model loads once per test session)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from flask.testing import FlaskClient

from clearpost.app import create_app
from clearpost.config import Config
from clearpost.engine import Detector

REPO = Path(__file__).resolve().parent.parent
HOST_HEADER = {"Host": "127.0.0.1:8741"}


class LocalClient(FlaskClient):
    """Sends requests to http://127.0.0.1:8741, as the extension and local tools do."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("base_url", f"http://{HOST_HEADER['Host']}")
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(Config())


@pytest.fixture(scope="session")
def app(detector: Detector):
    return create_app(Config(), detector=detector)


@pytest.fixture()
def client(app):
    """A test client that sends the Host header a real local caller sends."""
    app.test_client_class = LocalClient
    return app.test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(base_url: str, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clearpost serve exited with {process.returncode}")
        try:
            if requests.get(f"{base_url}/v1/health", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise RuntimeError("clearpost serve did not become healthy in time")


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """A real `clearpost serve` process on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "CLEARPOST_CONFIG": ""}
    process = subprocess.Popen([sys.executable, "-m", "clearpost.cli", "serve", "--port", str(port)],
                               cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base_url, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)

"""A real `clearpost serve` process whose log goes to a file (the tests read it)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent


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


@dataclass(frozen=True)
class Server:
    base_url: str
    port: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def clearpost_serve(log: Path, *args: str) -> Iterator[Server]:
    port = free_port()
    env = {**os.environ, "CLEARPOST_CONFIG": ""}
    with log.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "clearpost.cli", "serve", "--port", str(port), *args],
                                   cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        server = Server(f"http://127.0.0.1:{port}", port, log)
        try:
            wait_for_health(server.base_url, process)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=30)

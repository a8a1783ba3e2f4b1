"""A real `clearpost serve` process whose log goes to a file (the tests read it)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import REPO, free_port, wait_for_health


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

"""A bounded load test: 8 concurrent clients for 20 s against a real `clearpost serve` on
127.0.0.1, typing-like traffic (edits of the same posts, new posts, health checks). Every
answer must be a correct 200: no errors, no timeouts, no dropped connections. Speed is printed
for the record, never asserted."""

from __future__ import annotations

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import REPO
from servers import clearpost_serve

CLIENTS = 8
DURATION_SECONDS = 20.0
POSTS = [json.loads(line)["text"] for line in (REPO / "tests/data/posts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
MARKER = "Saw Jane Doe, MRN 4482913."


def client_session(base_url: str, client: int, deadline: float) -> tuple[int, list[str], list[float]]:
    session = requests.Session()
    done, errors, latencies = 0, [], []
    step = 0
    while time.monotonic() < deadline:
        post = POSTS[(client * 7 + step) % len(POSTS)]
        # As the physician types, the same post comes back with one more character.
        text = f"{MARKER} {post[: 20 + (step * 13) % max(1, len(post))]}"
        started = time.perf_counter()
        try:
            if step % 10 == 9:
                response = session.get(f"{base_url}/v1/health", timeout=60)
                ok = response.status_code == 200 and response.json()["status"] == "ok"
            else:
                response = session.post(f"{base_url}/v1/analyze", json={"text": text, "platform": "x"}, timeout=60)
                body = response.json() if response.status_code == 200 else {}
                entities = {f["entity"] for f in body.get("findings", [])}
                ok = response.status_code == 200 and {"PERSON", "MRN"} <= entities
            if not ok:
                errors.append(f"client {client}: {response.status_code}")
        except requests.RequestException as error:
            errors.append(f"client {client}: {type(error).__name__}")
        latencies.append(time.perf_counter() - started)
        done += 1
        step += 1
    return done, errors, latencies


def test_eight_clients_for_twenty_seconds_get_no_errors(tmp_path):
    with clearpost_serve(tmp_path / "serve.log") as server:
        deadline = time.monotonic() + DURATION_SECONDS
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda client: client_session(server.base_url, client, deadline), range(CLIENTS)))
        health_after = requests.get(f"{server.base_url}/v1/health", timeout=10).status_code
    total = sum(done for done, _, _ in results)
    errors = [error for _, client_errors, _ in results for error in client_errors]
    latencies = sorted(latency for _, _, client_latencies in results for latency in client_latencies)
    print(f"\nload: {CLIENTS} clients, {DURATION_SECONDS:.0f} s, {total} requests ({total / DURATION_SECONDS:.1f}/s), "
          f"{len(errors)} errors, median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    assert errors == []
    assert all(done > 0 for done, _, _ in results)  # every client was served, none starved
    assert health_after == 200
    assert "Traceback" not in server.log_text() and " 500 " not in server.log_text()

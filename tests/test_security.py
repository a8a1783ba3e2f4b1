"""Who may talk to the service (issue: security and reliability). Every web page the physician
opens can reach 127.0.0.1: a hostile Host, Origin, preflight or content type is refused with no
analysis and no CORS grant, in-process and against a real `clearpost serve`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import requests

from conftest import REPO

EXTENSION = "chrome-extension://jmafjpkaipljhgipdihligccpgkdegnp"
PHI_TEXT = "Saw Jane Doe (94 yo, MRN 4482913) in room 412 yesterday"
BODY = '{"text": "%s"}' % PHI_TEXT
JSON = "application/json"
PORT = "{port}"  # filled with the server's port


def shape(name, method="POST", path="/v1/analyze", host=f"127.0.0.1:{PORT}", headers=None, content_type=JSON, status=403):
    return pytest.param(method, path, host, headers or {}, content_type, status, id=name)


HOSTILE = [
    # DNS rebinding: the page's own name resolves to 127.0.0.1, the Host header still says it.
    shape("rebound-name-with-port", host=f"evil.example:{PORT}"),
    shape("rebound-name", host="evil.example"),
    shape("loopback-without-port", host="127.0.0.1"),
    shape("localhost-without-port", host="localhost"),
    shape("wrong-port", host="127.0.0.1:1"),
    shape("loopback-prefix", host=f"127.0.0.1.evil.example:{PORT}"),
    shape("localhost-prefix", host=f"localhost.evil.example:{PORT}"),
    shape("localhost-trailing-dot", host=f"localhost.:{PORT}"),
    shape("any-address", host=f"0.0.0.0:{PORT}"),
    shape("other-loopback", host=f"127.0.0.2:{PORT}"),
    shape("mapped-ipv6", host=f"[::ffff:127.0.0.1]:{PORT}"),
    shape("decimal-ip", host=f"2130706433:{PORT}"),
    shape("userinfo", host=f"localhost:{PORT}@evil.example"),
    shape("rebound-get-health", method="GET", path="/v1/health", host=f"evil.example:{PORT}", content_type=None),
    shape("rebound-with-extension-origin", host=f"evil.example:{PORT}", headers={"Origin": EXTENSION}),
    # Web pages, other extensions, opaque origins, look-alikes.
    shape("web-page", headers={"Origin": "https://evil.example"}),
    shape("social-site-page", headers={"Origin": "https://x.com"}),
    shape("look-alike-host", headers={"Origin": "https://x.com.evil.example"}),
    shape("local-dev-page", headers={"Origin": "http://localhost:3000"}),
    shape("own-origin", headers={"Origin": f"http://127.0.0.1:{PORT}"}),
    shape("null-origin", headers={"Origin": "null"}),
    shape("file-origin", headers={"Origin": "file://"}),
    shape("empty-origin", headers={"Origin": ""}),
    shape("other-extension", headers={"Origin": "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}),
    shape("extension-id-as-subdomain", headers={"Origin": EXTENSION + ".evil.example"}),
    shape("extension-with-path", headers={"Origin": EXTENSION + "/"}),
    shape("extension-upper-case", headers={"Origin": EXTENSION.upper()}),
    shape("extension-other-scheme", headers={"Origin": "https://jmafjpkaipljhgipdihligccpgkdegnp"}),
    shape("firefox-extension", headers={"Origin": "moz-extension://0b6d7b38-6a4b-4ad4-9d3c-0e3c1d2a9f11"}),
    shape("origin-list", headers={"Origin": f"{EXTENSION} https://evil.example"}),
    shape("web-page-get-entities", method="GET", path="/v1/entities", content_type=None,
          headers={"Origin": "https://evil.example"}),
    # A page's <img>/link/no-cors GET carries no Origin, but the browser says it is cross-site.
    shape("cross-site-no-cors-get", method="GET", path="/v1/health", content_type=None,
          headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}),
    shape("same-site-navigation", method="GET", path="/v1/openapi.json", content_type=None,
          headers={"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "navigate"}),
    shape("cross-site-post-without-origin", headers={"Sec-Fetch-Site": "cross-site"}),
    # Preflights, including Private Network Access, from anything but the extension.
    shape("preflight-web-page", method="OPTIONS", content_type=None,
          headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Headers": "content-type"}),
    shape("preflight-private-network", method="OPTIONS", content_type=None,
          headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Private-Network": "true"}),
    shape("preflight-null-private-network", method="OPTIONS", content_type=None,
          headers={"Origin": "null", "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Private-Network": "true"}),
    shape("preflight-other-extension", method="OPTIONS", content_type=None,
          headers={"Origin": "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Access-Control-Request-Method": "POST"}),
    shape("preflight-rebound", method="OPTIONS", host=f"evil.example:{PORT}", content_type=None,
          headers={"Origin": EXTENSION, "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Private-Network": "true"}),
    # Cross-site "simple requests" (no preflight) never reach the analyzer.
    shape("simple-text-plain-from-page", content_type="text/plain", headers={"Origin": "https://evil.example"}),
    shape("simple-form-from-page", content_type="application/x-www-form-urlencoded", headers={"Origin": "https://evil.example"}),
    shape("text-plain", content_type="text/plain", status=415),
    shape("form-urlencoded", content_type="application/x-www-form-urlencoded", status=415),
    shape("multipart", content_type="multipart/form-data; boundary=x", status=415),
    shape("no-content-type", content_type=None, status=415),
    shape("json-in-a-parameter", content_type="text/plain; application/json", status=415),
    shape("json-suffix-type", content_type="application/json-patch+json", status=415),
    shape("redact-as-text-plain", path="/v1/redact", content_type="text/plain", status=415),
]


def assert_refused(status: int, expected: int, headers, body: bytes) -> None:
    assert status == expected
    assert not [name for name in headers.keys() if name.lower().startswith("access-control-allow")]
    text = body.decode("utf-8")
    for phi in ("Jane", "4482913", "findings", "redacted", "my patient"):
        assert phi not in text
    if body:
        assert set(json.loads(text)) == {"error", "message"}


class CountingDetector:
    """Wraps the shared detector to count analyses, so a refused request provably ran none."""

    def __init__(self, detector) -> None:
        self.detector, self.calls = detector, 0

    def analyze(self, text: str, use_cache: bool = True):
        self.calls += 1
        return self.detector.analyze(text, use_cache)

    def __getattr__(self, name: str):
        return getattr(self.detector, name)


@pytest.mark.parametrize("method, path, host, headers, content_type, status", HOSTILE)
def test_hostile_request_is_refused_in_process(app, method, path, host, headers, content_type, status):
    counting = CountingDetector(app.extensions["clearpost.detector"])
    app.extensions["clearpost.detector"] = counting
    try:
        host = host.replace(PORT, "8741")
        headers = {name: value.replace(PORT, "8741") for name, value in headers.items()}
        if content_type:
            headers["Content-Type"] = content_type
        client = app.test_client()
        response = client.open(path, method=method, base_url=f"http://{host}", headers=headers,
                               data=BODY if method == "POST" else None)
        assert_refused(response.status_code, status, response.headers, response.get_data())
        assert counting.calls == 0
    finally:
        app.extensions["clearpost.detector"] = counting.detector


@pytest.mark.parametrize("method, path, host, headers, content_type, status", HOSTILE)
def test_hostile_request_is_refused_by_the_real_server(live_server, method, path, host, headers, content_type, status):
    port = live_server.rsplit(":", 1)[1]
    headers = {name: value.replace(PORT, port) for name, value in headers.items()}
    headers["Host"] = host.replace(PORT, port)
    if content_type:
        headers["Content-Type"] = content_type
    response = requests.request(method, live_server + path, headers=headers, data=BODY if method == "POST" else None,
                                timeout=30)
    assert_refused(response.status_code, status, response.headers, response.content)


def test_the_table_covers_at_least_thirty_shapes():
    assert len(HOSTILE) >= 30


def test_the_extension_gets_cors_for_exactly_its_origin(client):
    response = client.post("/v1/analyze", json={"text": PHI_TEXT}, headers={"Origin": EXTENSION})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert response.get_json()["findings"]
    preflight = client.options("/v1/analyze", headers={"Origin": EXTENSION, "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "content-type",
                                                       "Access-Control-Request-Private-Network": "true"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert preflight.headers["Access-Control-Allow-Private-Network"] == "true"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("host", ["127.0.0.1:8741", "localhost:8741", "[::1]:8741", "LOCALHOST:8741"])
def test_local_tools_without_origin_are_served_on_every_loopback_name(app, host):
    client = app.test_client()
    response = client.post("/v1/analyze", base_url=f"http://{host}", json={"text": PHI_TEXT})
    assert response.status_code == 200
    assert response.get_json()["findings"]
    assert "Access-Control-Allow-Origin" not in response.headers


def test_hospital_listed_extension_origins_are_served(detector):
    from clearpost.app import create_app
    from clearpost.config import Config

    firefox = "moz-extension://0b6d7b38-6a4b-4ad4-9d3c-0e3c1d2a9f11"
    edge_id = "abcdefghijklmnopabcdefghijklmnop"
    app = create_app(Config(extension_ids=(edge_id, firefox)), detector=detector)
    client = app.test_client()
    for origin in (f"chrome-extension://{edge_id}", firefox, EXTENSION):
        response = client.get("/v1/health", base_url="http://127.0.0.1:8741", headers={"Origin": origin})
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == origin


def serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clearpost.cli", "serve", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=60, env={"CLEARPOST_CONFIG": "", "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "localhost.evil.example"])
def test_serve_refuses_to_bind_anything_but_loopback(host):
    result = serve("--host", host, "--port", "1")
    assert result.returncode != 0
    assert "loopback" in result.stderr
    assert "Traceback" not in result.stderr

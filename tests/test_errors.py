"""Bad input gets a JSON {"error", "message"} with the right 4xx status: never a traceback,
never a 5xx, never the input echoed back."""

from __future__ import annotations

import io
import json
import socket

import pytest
import requests

from clearpost.app import SERVER_BODY_LIMIT, server_options

PHI = "Jane Doe"
LIMIT = 64 * 1024


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "message"}
    if code:
        assert body["error"] == code
    raw = response.get_data(as_text=True)
    assert "Traceback" not in raw and PHI not in raw and "4482913" not in raw
    return body


def post(client, path: str, data: bytes | str, content_type: str = "application/json"):
    return client.post(path, data=data, content_type=content_type)


@pytest.mark.parametrize("path", ["/v1/analyze", "/v1/redact"])
@pytest.mark.parametrize("name, body", [
    ("not-json", "{text: Jane Doe}"),
    ("truncated", '{"text": "Jane Doe'),
    ("invalid-utf8", b'{"text": "Jane Doe \xff\xfe"}'),
    ("utf16-body", '{"text": "Jane Doe"}'.encode("utf-16")),
    ("nan", '{"text": "Jane Doe", "platform": NaN}'),
    ("array", '["Jane Doe"]'),
    ("string", '"Jane Doe"'),
    ("null", "null"),
    ("empty", ""),
    ("deeply-nested", '{"text": "Jane Doe", "x": ' + "[" * 20000 + "]" * 20000 + "}"),
    ("deeply-nested-unclosed", "[" * 30000),
    ("missing-text", '{"platform": "x", "note": "Jane Doe"}'),
    ("text-number", '{"text": 4482913}'),
    ("text-null", '{"text": null}'),
    ("text-list", '{"text": ["Jane Doe"]}'),
    ("text-object", '{"text": {"name": "Jane Doe"}}'),
])
def test_malformed_bodies_are_400(client, path, name, body):
    assert_error(post(client, path, body), 400)


@pytest.mark.parametrize("body", [
    {"text": PHI, "platform": 7},
    {"text": PHI, "platform": ["x"]},
])
def test_wrong_platform_type_is_400(client, body):
    assert_error(client.post("/v1/analyze", json=body), 400, "invalid_platform")


@pytest.mark.parametrize("findings", [
    "all", 3, [1, 2], [{"start": "0", "end": 4}], [{"start": 0}], [{"start": True, "end": 4}],
    [{"start": -1, "end": 4}], [{"start": 4, "end": 4}], [{"start": 0, "end": 999}],
    [{"start": 0, "end": 4, "suggestion": 5}], [{"start": 0, "end": 6}, {"start": 4, "end": 8}],
])
def test_bad_findings_to_redact_are_400(client, findings):
    assert_error(client.post("/v1/redact", json={"text": PHI, "findings": findings}), 400)


def test_body_over_the_limit_is_413(client):
    text = "Jane Doe " * (LIMIT // 9 + 10)
    body = assert_error(client.post("/v1/analyze", json={"text": text}), 413, "body_too_large")
    assert "64 KiB" in body["message"]


def test_chunked_body_without_content_length_is_limited_too(client):
    oversized = json.dumps({"text": "Jane Doe " * (LIMIT // 9 + 10)}).encode()
    assert_error(client.post("/v1/analyze", input_stream=io.BytesIO(oversized), content_type="application/json"), 413)
    small = json.dumps({"text": "Saw Jane Doe, MRN 4482913"}).encode()
    response = client.post("/v1/analyze", input_stream=io.BytesIO(small), content_type="application/json")
    assert response.status_code == 200 and response.get_json()["findings"]


def test_body_just_under_the_limit_is_analysed(client):
    text = "Great grand rounds today.\n" * ((LIMIT - 100) // 27)  # one paragraph, repeated: analysed once
    response = client.post("/v1/analyze", json={"text": text})
    assert response.status_code == 200
    assert response.get_json()["redacted"] == text


def test_unknown_path_404_and_wrong_method_405_with_allow(client):
    assert_error(client.get("/v1/Jane-Doe-4482913"), 404, "not_found")
    assert_error(client.post("/v1/nothing", json={"text": PHI}), 404, "not_found")
    assert_error(client.get("/"), 404)
    for method in ("GET", "PUT", "DELETE", "PATCH"):
        response = client.open("/v1/analyze", method=method)
        assert_error(response, 405, "method_not_allowed")
        assert "POST" in response.headers["Allow"]
    assert_error(client.post("/v1/health", json={"text": PHI}), 405)


@pytest.mark.parametrize("text", [
    "Jane\x00 Doe, MRN 4482913",
    "\u202eJane Doe\u202c 94 yo \u200f",
    "😷🩺👩🏽‍⚕️ Jane Doe 🎉🇺🇸, MRN 4482913",
    "Jose\u0301 Nu\u0301n\u0303ez, 94 yo, Z\u0336\u0335a\u0334l\u0337g\u0338o\u0335",
    "\ud83d Jane Doe \ude37 half an emoji from JavaScript",
    "\x00" * 100,
    "\r\n\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    "",
    " " * 1000,
])
def test_unusual_text_is_analysed(client, text):
    response = client.post("/v1/analyze", json={"text": text})
    assert response.status_code == 200
    body = response.get_json()
    for finding in body["findings"]:
        assert 0 <= finding["start"] < finding["end"] <= len(text)
    redacted = client.post("/v1/redact", json={"text": text})
    assert redacted.status_code == 200


def test_answers_are_valid_utf8_even_for_lone_surrogates(client):
    response = client.post("/v1/analyze", data='{"text": "Jane Doe \\ud800 MRN 4482913"}', content_type="application/json")
    assert response.status_code == 200
    raw = response.get_data()
    raw.decode("utf-8")  # strict: raises on anything that is not UTF-8
    body = json.loads(raw)
    assert "\ud800" in body["redacted"] and "Jane" not in body["redacted"]
    assert {f["entity"] for f in body["findings"]} >= {"PERSON", "MRN"}


def test_waitress_keeps_bodies_in_memory_and_refuses_huge_ones(live_server):
    options = server_options("127.0.0.1", 8741)
    # Waitress writes a body to a temporary file past inbuf_overflow and a response past
    # outbuf_overflow: both above anything it accepts or ClearPost returns keeps posts off the disk.
    assert options["inbuf_overflow"] > options["max_request_body_size"] == SERVER_BODY_LIMIT
    assert options["outbuf_overflow"] > 100 * LIMIT
    huge = b'{"text": "' + b"Jane Doe " * (2 * SERVER_BODY_LIMIT // 9) + b'"}'
    try:
        response = requests.post(f"{live_server}/v1/analyze", data=huge, headers={"Content-Type": "application/json"}, timeout=30)
        assert response.status_code == 413
        assert b"Jane" not in response.content
    except requests.ConnectionError:
        pass  # waitress may close the connection while the client is still sending: also a refusal
    assert requests.get(f"{live_server}/v1/health", timeout=10).status_code == 200


def test_real_server_limits_chunked_bodies(live_server):
    oversized = json.dumps({"text": "Jane Doe " * (LIMIT // 9 + 10)}).encode()

    def chunks():
        for start in range(0, len(oversized), 4096):
            yield oversized[start:start + 4096]

    response = requests.post(f"{live_server}/v1/analyze", data=chunks(), headers={"Content-Type": "application/json"}, timeout=30)
    assert "Content-Length" not in response.request.headers
    assert response.status_code == 413 and response.json()["error"] == "body_too_large"


def test_a_request_without_host_header_is_not_served(live_server):
    """HTTP/1.0 allows leaving Host out; every browser sends one, so a request without is refused."""
    port = int(live_server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b'POST /v1/analyze HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"text": "Jane Doe"}')
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.0 403")
    assert json.loads(reply.split(b"\r\n\r\n", 1)[1])["error"] == "forbidden_host"

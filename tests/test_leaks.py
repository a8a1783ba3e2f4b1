"""Nothing leaks: the text being checked and its findings never reach a log, an error message or
another request's answer, with every logger at DEBUG (ClearPost, Flask, Werkzeug, waitress,
Presidio, spaCy), in-process and from a real `clearpost serve --log-level DEBUG`."""

from __future__ import annotations

import json
import logging

import pytest
import requests

from clearpost.app import create_app
from clearpost.config import Config
from conftest import HOST_HEADER
from servers import clearpost_serve

# Synthetic, and distinctive enough that no other text in a log could contain it.
SECRETS = ["Zebulon", "Quackenbush", "8675309412", "617-555-0199", "zq1957@example.com", "Vandalia"]
POST = ("Saw Zebulon Quackenbush today, 94 yo, MRN 8675309412 from Vandalia, "
        "call 617-555-0199 or zq1957@example.com")
EXTENSION = "chrome-extension://jmafjpkaipljhgipdihligccpgkdegnp"


def requests_carrying_phi() -> list[dict]:
    """Every endpoint and every error path, each with the post somewhere in it."""
    body = json.dumps({"text": POST, "platform": "x"})
    json_type = {"Content-Type": "application/json"}
    return [
        {"method": "POST", "path": "/v1/analyze", "data": body, "headers": json_type},
        {"method": "POST", "path": "/v1/analyze", "data": body, "headers": {**json_type, "Origin": EXTENSION}},
        {"method": "POST", "path": "/v1/redact", "data": body, "headers": json_type},
        {"method": "POST", "path": "/v1/redact", "data": json.dumps({"text": POST, "findings": [{"start": 4, "end": 23, "suggestion": "Zebulon"}]}),
         "headers": json_type},
        {"method": "GET", "path": "/v1/health?text=" + POST.replace(" ", "+"), "headers": {}},
        {"method": "GET", "path": "/v1/entities", "headers": {"X-Note": "Zebulon Quackenbush"}},
        {"method": "GET", "path": "/v1/openapi.json", "headers": {}},
        # 400s
        {"method": "POST", "path": "/v1/analyze", "data": "{" + POST, "headers": json_type},
        {"method": "POST", "path": "/v1/analyze", "data": json.dumps({"text": [POST]}), "headers": json_type},
        {"method": "POST", "path": "/v1/analyze", "data": json.dumps({"text": POST, "platform": [POST]}), "headers": json_type},
        {"method": "POST", "path": "/v1/analyze", "data": (POST + "\udcff").encode("utf-8", "surrogateescape"), "headers": json_type},
        {"method": "POST", "path": "/v1/redact", "data": json.dumps({"text": POST, "findings": [{"start": 0, "end": 9999, "suggestion": POST}]}),
         "headers": json_type},
        # 403, 404, 405, 413, 415
        {"method": "POST", "path": "/v1/analyze", "data": body, "headers": {**json_type, "Origin": "https://zebulon-quackenbush.example"}},
        {"method": "POST", "path": "/v1/analyze", "data": body, "headers": {**json_type, "Host": "quackenbush.example:8741"}},
        {"method": "POST", "path": "/v1/Zebulon-Quackenbush-8675309412", "data": body, "headers": json_type},
        {"method": "ZEBULON", "path": "/v1/analyze", "data": body, "headers": json_type},
        {"method": "PUT", "path": "/v1/analyze", "data": body, "headers": json_type},
        {"method": "POST", "path": "/v1/analyze", "data": json.dumps({"text": POST * 1000}), "headers": json_type},
        {"method": "POST", "path": "/v1/analyze", "data": body, "headers": {"Content-Type": "text/plain"}},
    ]


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into {where}"


@pytest.fixture()
def everything_at_debug():
    """Every logger that exists (and any created later, through the root) at DEBUG."""
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    for name in ("presidio-analyzer", "decision_process", "waitress", "werkzeug", "flask", "spacy", "clearpost"):
        loggers.append(logging.getLogger(name))
    saved = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield
    for logger, level in saved:
        logger.setLevel(level)


def test_nothing_from_the_post_reaches_logs_or_other_answers(detector, everything_at_debug, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    app = create_app(Config(), detector=detector)
    client = app.test_client()
    if detector.cache:
        detector.cache.clear()  # the post must be analysed here, not answered from an earlier test's cache
    answers = []
    for request in requests_carrying_phi():
        headers = {**request["headers"]}
        host = headers.pop("Host", HOST_HEADER["Host"])
        response = client.open(request["path"], method=request["method"], base_url=f"http://{host}",
                               headers=headers, data=request.get("data"))
        assert response.status_code < 500
        answers.append(response)
    statuses = {r.status_code for r in answers}
    assert statuses >= {200, 400, 403, 404, 405, 413, 415}
    # Error answers never echo the input.
    for response in answers:
        if response.status_code >= 400:
            assert_clean(response.get_data(as_text=True), f"a {response.status_code} answer")
    # Other requests' answers hold nothing of it (no cache or state crosses requests).
    for other in (client.post("/v1/analyze", base_url=f"http://{HOST_HEADER['Host']}", json={"text": "Saw a patient today in clinic"}),
                  client.post("/v1/redact", base_url=f"http://{HOST_HEADER['Host']}", json={"text": "Flu shots today"}),
                  client.get("/v1/health", base_url=f"http://{HOST_HEADER['Host']}")):
        assert other.status_code == 200
        assert_clean(other.get_data(as_text=True), "another request's answer")
    records = "\n".join(f"{record.name} {record.getMessage()} {record.exc_text or ''}" for record in caplog.records)
    assert "/v1/analyze" in records and "findings=" in records  # the access log ran at all
    assert_clean(records, "the logs")
    captured = capfd.readouterr()
    assert_clean(captured.out + captured.err, "stdout/stderr")


def test_presidio_decision_trace_stays_off(detector):
    assert detector.analyzer.log_decision_process is False
    create_app(Config(), detector=detector)
    assert logging.getLogger("decision_process").disabled


class ExplodingDetector:
    """An engine failure whose exception message quotes the post (as a library's might)."""

    def __init__(self, detector) -> None:
        self._detector = detector

    def analyze(self, text: str, use_cache: bool = True):
        raise ValueError(f"could not tokenise {text!r}")

    def __getattr__(self, name: str):
        return getattr(self._detector, name)


def test_an_internal_error_logs_only_its_type(detector, everything_at_debug, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    app = create_app(Config(), detector=ExplodingDetector(detector))
    response = app.test_client().post("/v1/analyze", base_url=f"http://{HOST_HEADER['Host']}", json={"text": POST})
    assert response.status_code == 500
    assert response.get_json()["error"] == "internal_error"
    assert_clean(response.get_data(as_text=True), "the 500 answer")
    records = "\n".join(f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records)
    assert "ValueError" in records
    assert_clean(records, "the logs")
    captured = capfd.readouterr()
    assert_clean(captured.out + captured.err, "stdout/stderr")


def test_real_server_at_debug_logs_nothing_of_the_post(tmp_path):
    with clearpost_serve(tmp_path / "serve.log", "--log-level", "DEBUG") as server:
        for request in requests_carrying_phi():
            headers = dict(request["headers"])
            if "Host" in headers:
                headers["Host"] = headers["Host"].replace("8741", str(server.port))
            response = requests.request(request["method"], server.base_url + request["path"], data=request.get("data"),
                                        headers=headers, timeout=60)
            assert response.status_code < 500
            if response.status_code >= 400:
                assert_clean(response.text, f"a {response.status_code} answer")
    log = server.log_text()
    assert "POST /v1/analyze 200" in log and "POST /v1/analyze 413" in log  # the access log ran
    assert_clean(log, "the server's log")

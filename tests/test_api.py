"""The HTTP contract the extension relies on (issue: service core)."""

from __future__ import annotations

import requests

EXAMPLE = "Saw Jane Doe (94 yo, MRN 4482913) in room 412 yesterday, call 617-555-0142"
FINDING_FIELDS = {"start", "end", "start_utf16", "end_utf16", "entity", "category", "score", "suggestion", "explanation"}


def covered(text: str, findings: list[dict], needle: str) -> dict | None:
    start = text.index(needle)
    end = start + len(needle)
    return next((f for f in findings if f["start"] <= start and end <= f["end"]), None)


def test_health(client):
    body = client.get("/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["version"]
    assert "core_web_sm" in body["model"]
    assert body["mode"] == "warn"


def test_analyze_finds_the_readme_example(client):
    response = client.post("/v1/analyze", json={"text": EXAMPLE, "platform": "x"})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"findings", "risk", "redacted"}
    for needle, entity in (("Jane Doe", "PERSON"), ("94", "AGE_OVER_89"), ("4482913", "MRN"), ("617-555-0142", "PHONE")):
        finding = covered(EXAMPLE, body["findings"], needle)
        assert finding is not None, needle
        assert finding["entity"] == entity
        assert finding["category"] == "direct"
    for finding in body["findings"]:
        assert set(finding) == FINDING_FIELDS
        assert 0 <= finding["score"] <= 1
        assert finding["explanation"].endswith(".")
    assert body["risk"]["level"] == "high"
    assert body["risk"]["reasons"]
    for phi in ("Jane Doe", "4482913", "617-555-0142", "94 yo"):
        assert phi not in body["redacted"]
    assert body["redacted"].startswith("Saw my patient (over 90")


def test_suggestions_are_readable(client):
    text = "A 67-year-old retired firefighter from Duluth, MN came in last Tuesday; her mom is 94 yo."
    findings = client.post("/v1/analyze", json={"text": text}).get_json()["findings"]
    by_text = {text[f["start"]:f["end"]]: f for f in findings}
    assert by_text["67-year-old"]["suggestion"] == "60-something"
    assert by_text["67-year-old"]["category"] == "quasi"
    assert by_text["94 yo"]["suggestion"] == "over 90"
    assert by_text["last Tuesday"]["suggestion"] == "recently"
    assert by_text["Duluth, MN"]["suggestion"] == "a nearby town"


def test_clean_post_has_no_findings(client):
    body = client.post("/v1/analyze", json={"text": "Great grand rounds on CHF today #MedTwitter. Get your flu shot!"}).get_json()
    assert body == {"findings": [], "risk": {"level": "none", "reasons": []},
                    "redacted": "Great grand rounds on CHF today #MedTwitter. Get your flu shot!"}


def test_utf16_offsets_with_emoji_and_accents(client):
    text = "😷🩺 Discharged José Núñez, 94 yo 🎉, MRN 4482913"
    findings = client.post("/v1/analyze", json={"text": text}).get_json()["findings"]
    utf16 = text.encode("utf-16-le")
    mrn = covered(text, findings, "4482913")
    assert mrn is not None
    for finding in findings:
        code_points = text[finding["start"]:finding["end"]]
        code_units = utf16[finding["start_utf16"] * 2:finding["end_utf16"] * 2].decode("utf-16-le")
        assert code_points == code_units
    assert mrn["start_utf16"] == mrn["start"] + 3  # three astral emoji before it
    assert covered(text, findings, "José Núñez") is not None


def test_redact_applies_all_or_a_subset(client):
    all_applied = client.post("/v1/redact", json={"text": EXAMPLE}).get_json()["text"]
    assert "Jane Doe" not in all_applied and "4482913" not in all_applied
    findings = client.post("/v1/analyze", json={"text": EXAMPLE}).get_json()["findings"]
    name_only = [f for f in findings if f["entity"] == "PERSON"]
    partial = client.post("/v1/redact", json={"text": EXAMPLE, "findings": name_only}).get_json()["text"]
    assert partial == EXAMPLE.replace("Jane Doe", "my patient")


def test_redacted_text_has_no_direct_findings_left(client):
    redacted = client.post("/v1/analyze", json={"text": EXAMPLE}).get_json()["redacted"]
    again = client.post("/v1/analyze", json={"text": redacted}).get_json()["findings"]
    assert [f for f in again if f["category"] == "direct"] == []


def test_entities_lists_every_type_with_category(client):
    entities = client.get("/v1/entities").get_json()["entities"]
    names = {e["entity"]: e for e in entities}
    assert names["PERSON"]["category"] == "direct"
    assert names["AGE"]["category"] == "quasi"
    assert all(e["description"] for e in entities)


def test_openapi_document_describes_every_route(client):
    document = client.get("/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/v1/health", "/v1/analyze", "/v1/redact", "/v1/entities", "/v1/openapi.json"}


def test_errors_are_json_without_traceback(client):
    cases = [
        client.post("/v1/analyze", data="{not json", content_type="application/json"),
        client.post("/v1/analyze", json={"platform": "x"}),
        client.post("/v1/analyze", json={"text": 42}),
        client.post("/v1/analyze", json=["text"]),
        client.post("/v1/redact", json={"text": "abc", "findings": [{"start": 2, "end": 99}]}),
        client.get("/v1/nothing-here"),
        client.get("/v1/analyze"),
    ]
    statuses = [r.status_code for r in cases]
    assert statuses == [400, 400, 400, 400, 400, 404, 405]
    for response in cases:
        body = response.get_json()
        assert set(body) == {"error", "message"}
        assert "Traceback" not in response.get_data(as_text=True)


def test_real_server_over_a_socket(live_server):
    response = requests.post(f"{live_server}/v1/analyze", json={"text": EXAMPLE}, timeout=30)
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert covered(EXAMPLE, findings, "Jane Doe") and covered(EXAMPLE, findings, "617-555-0142")
    assert requests.get(f"{live_server}/v1/health", timeout=10).json()["status"] == "ok"

"""The /v1 HTTP API the extension calls (JSON in, JSON out)."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, current_app, jsonify, request

from . import __version__
from .engine import Detector
from .entities import ENTITIES
from .errors import ApiError
from .openapi import openapi_document
from .suggest import Edit, apply_edits

api = Blueprint("api", __name__, url_prefix="/v1")


def detector() -> Detector:
    return current_app.extensions["clearpost.detector"]


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _json_object() -> dict[str, Any]:
    """The body as a JSON object: strict UTF-8 and strict JSON (no NaN), any nesting depth
    refused cleanly. The limit on its size (413) applies while it is read."""
    raw = request.get_data(cache=False)
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "invalid_json", "The body must be a JSON object, encoded in UTF-8.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "The body must be a JSON object, encoded in UTF-8.")
    return body


def _text_field(body: dict[str, Any]) -> str:
    text = body.get("text")
    if not isinstance(text, str):
        raise ApiError(400, "invalid_text", "'text' is required and must be a string.")
    return text


@api.get("/health")
def health():
    engine = detector()
    return jsonify(status="ok", version=__version__, model=engine.model_name, mode=engine.config.mode)


@api.post("/analyze")
def analyze():
    body = _json_object()
    text = _text_field(body)
    platform = body.get("platform")
    if platform is not None and not isinstance(platform, str):
        raise ApiError(400, "invalid_platform", "'platform' must be a string when given.")
    analysis = detector().analyze(text)
    request.environ["clearpost.finding_count"] = len(analysis.findings)
    return jsonify(analysis.to_json())


def _edits_from(body: dict[str, Any], text: str) -> list[Edit]:
    findings = body.get("findings")
    if findings is None:
        return [Edit(f.start, f.end, f.suggestion) for f in detector().analyze(text).findings]
    if not isinstance(findings, list):
        raise ApiError(400, "invalid_findings", "'findings' must be a list of findings from /v1/analyze.")
    edits: list[Edit] = []
    for item in findings:
        if not (isinstance(item, dict) and isinstance(item.get("start"), int) and isinstance(item.get("end"), int)
                and not isinstance(item.get("start"), bool) and not isinstance(item.get("end"), bool)
                and 0 <= item["start"] < item["end"] <= len(text) and isinstance(item.get("suggestion", ""), str)):
            raise ApiError(400, "invalid_findings", "Each finding needs integer 'start' < 'end' within the text and a string 'suggestion'.")
        edits.append(Edit(item["start"], item["end"], item.get("suggestion", "")))
    edits.sort(key=lambda e: e.start)
    if any(a.end > b.start for a, b in zip(edits, edits[1:])):
        raise ApiError(400, "overlapping_findings", "Findings to apply must not overlap.")
    return edits


@api.post("/redact")
def redact():
    body = _json_object()
    text = _text_field(body)
    return jsonify(text=apply_edits(text, _edits_from(body, text)))


@api.get("/entities")
def entities():
    return jsonify(entities=[
        {"entity": e.name, "category": e.category, "description": e.description} for e in ENTITIES.values()
    ])


@api.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())

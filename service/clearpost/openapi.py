"""The OpenAPI 3.1 description of the API (data/openapi.yaml)."""

from __future__ import annotations

import copy

from . import __version__
from .lexicon import load_yaml


def openapi_document() -> dict:
    document = copy.deepcopy(load_yaml("openapi.yaml"))
    document["info"]["version"] = __version__
    return document

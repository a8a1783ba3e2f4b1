"""The OpenAPI 3.1 description of the API (data/openapi.yaml), completed with what the code
knows: the version and the entity types a finding can have."""

from __future__ import annotations

import copy

from . import __version__
from .entities import ENTITIES
from .lexicon import load_yaml


def openapi_document() -> dict:
    document = copy.deepcopy(load_yaml("openapi.yaml"))
    document["info"]["version"] = __version__
    document["components"]["schemas"]["Finding"]["properties"]["entity"]["enum"] = sorted(ENTITIES)
    return document

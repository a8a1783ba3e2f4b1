"""Generated requests against every operation of /v1/openapi.json: never a server error, and
every answer (errors included) matches the documented schema, status and content type."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from clearpost.openapi import openapi_document
from conftest import HOST_HEADER

BASE_URL = f"http://{HOST_HEADER['Host']}"
EXAMPLES_PER_OPERATION = 200

schema = schemathesis.openapi.from_dict(openapi_document())


def test_the_served_document_is_the_one_tested(client):
    assert client.get("/v1/openapi.json").get_json() == openapi_document()


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_schema(case, app):
    # OpenAPI cannot say that a finding to apply must lie inside the text ("start < end <=
    # len(text)"), so a schema-valid list of findings may rightly get 400.
    names_findings = isinstance(case.body, dict) and bool(case.body.get("findings"))
    excluded = [positive_data_acceptance] if case.operation.path == "/v1/redact" and names_findings else []
    case.call_and_validate(base_url=BASE_URL, app=app, excluded_checks=excluded)

"""schemathesis against the server's own OpenAPI document, bounded to a few seconds: no
operation answers 5xx, or a status code its documentation does not list, for the requests
schemathesis makes of it (valid ones, and invalid ones it derives from the schema)."""
from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from flashpoint.api import create_app
from tests.robustness.test_server import AUTH, TOKEN, Counting

#: Cases per operation: enough to reach every parameter's edges, bounded for CI.
EXAMPLES = 40


def test_no_5xx_and_only_documented_status_codes(db: Path) -> None:
    app = create_app(db, token=TOKEN, extractor=Counting())
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, suppress_health_check=list(HealthCheck), database=None)
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=AUTH, checks=[not_a_server_error, status_code_conformance])

        conforms()
    app.state.store.close()

"""The API against its own OpenAPI document (schemathesis, property-based, in-process).

Every operation of the generated schema — those added by other domains too, without a line
here — is called with generated valid and invalid inputs through the WSGI application and a
staff token; no answer may be a 500, and every answer must match the schema (status code,
content type, headers, body). Few examples per operation and Hypothesis's derandomized
"ci" profile: quick and the same on every run.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ouverture.accounts.enums import Role
from ouverture.api.services import create_token
from tests.organisations.factories import OrganisationFactory

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def staff_key(make_user, actor):
    user = make_user(Role.NETWORK_STAFF)
    for name in ("Alpha", "Bêta", "Gamma"):
        OrganisationFactory(name=name)
    return create_token(user, name="schemathesis", actor=actor)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_the_api_keeps_to_its_schema(case, staff_key):
    headers = {"Authorization": f"Bearer {staff_key}"}
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)

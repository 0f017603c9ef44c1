import json

import pytest
from django.test import Client

from ouverture.api.services import create_token


class ApiClient:
    """A client carrying `Authorization: Bearer KEY` (or nothing), JSON in and out."""

    def __init__(self, key=None):
        self.client = Client(raise_request_exception=False)
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}

    def get(self, url, params=None, **extra):
        return self.client.get(url, params or {}, **self.headers, **extra)

    def send(self, method, url, body=None, *, raw=None, content_type="application/json", **extra):
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return getattr(self.client, method)(
            url, data, content_type=content_type, **self.headers, **extra
        )


@pytest.fixture
def api_for(actor):
    """api_for(user, read_only=..., app_scope=..., days=...) -> an ApiClient with a new token."""

    def make(user=None, **options):
        if user is None:
            return ApiClient()
        _token, key = create_token(user, name=options.pop("name", "tests"), actor=actor, **options)
        return ApiClient(key)

    return make

"""Every API endpoint × every token scope and every refused token (see api_table.py)."""

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from ouverture.api.enums import AppScope
from ouverture.api.models import ApiToken
from ouverture.api.services import create_token, revoke_token
from ouverture.api.views import PublicMixin
from tests.access import table
from tests.access.api_table import API
from tests.access.walk import routes, url_for
from tests.access.world import build_world

API_ROUTES = [r for r in routes() if r.pattern.startswith("api/")]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _public(route, world):
    url = url_for(route, world.objects, table.params_for(route.name))
    view = resolve(url).func
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    return url, cls is not None and issubclass(cls, PublicMixin)


def test_every_api_endpoint_has_a_token_line(world):
    endpoints = {r.name for r in API_ROUTES if not _public(r, world)[1]}
    assert not sorted(endpoints - set(API)), (
        "Point d'accès sans ligne dans tests/access/api_table.py : "
        + ", ".join(sorted(endpoints - set(API)))
    )
    assert not sorted(set(API) - endpoints), "Lignes sans point d'accès : " + ", ".join(
        sorted(set(API) - endpoints)
    )


def _fingerprint():
    """Row counts of every table, and every token's name and state: what a refused write
    must leave as it was (the last use is not a write of the request)."""
    counts = tuple(m._base_manager.count() for m in apps.get_models() if m._meta.managed)
    tokens = tuple(ApiToken.objects.order_by("pk").values_list("name", "revoked_at", "read_only"))
    return counts, tokens


def _call(key, method, url, *, rollback=True):
    """One request; an allowed one runs in a savepoint rolled back, a refused one does not
    (so that the fingerprint after it sees whatever it wrote)."""
    client = Client(raise_request_exception=False)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}

    def send():
        if method == "GET":
            return client.get(url, **headers)
        return getattr(client, method.lower())(
            url, json.dumps({}), content_type="application/json", **headers
        )

    if not rollback:
        return send()
    with transaction.atomic():
        response = send()
        transaction.set_rollback(True)
    return response


def _other_app(app):
    return next(code for code in AppScope.values if code != app)


@pytest.mark.parametrize("name", sorted(API))
def test_token_scopes(name, world, db):
    line = API[name]
    route = next(r for r in API_ROUTES if r.name == name)
    url, _ = _public(route, world)
    user = world.users[line.identity]
    actor = world.users["administrator"]

    def key(**options):
        return create_token(user, name="portée", actor=actor, **options)[1]

    expired_token, expired = create_token(user, name="périmé", actor=actor, days=1)
    ApiToken.objects.filter(pk=expired_token.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    revoked_token, revoked = create_token(user, name="révoqué", actor=actor)
    revoke_token(revoked_token, actor=actor)
    refused = {
        "sans jeton": (None, 401, "Authentification requise"),
        "jeton inconnu": ("ouv_" + "x" * 43, 401, "Jeton inconnu"),
        "jeton expiré": (expired, 401, "expiré le"),
        "jeton révoqué": (revoked, 401, "révoqué le"),
    }
    read_only = key(read_only=True)
    refused_writes = {"jeton en lecture seule": (read_only, 403, "lecture seule")}
    if line.app != "*":
        refused["jeton d'un autre domaine"] = (
            key(app_scope=_other_app(line.app)), 403, "limité à"
        )  # fmt: skip
    allowed_reads = {"jeton complet": key(), "jeton en lecture seule": read_only}
    if line.app != "*":
        allowed_reads["jeton de ce domaine"] = key(app_scope=line.app)

    problems = []
    for method in line.methods:
        cases = dict(refused)
        view = resolve(urlsplit(url).path).func.cls
        if method != "GET" and method not in getattr(view, "read_only_may", ()):
            cases.update(refused_writes)
        for label, (token_key, status, words) in cases.items():
            before = _fingerprint()
            response = _call(token_key, method, url, rollback=False)
            body = (
                response.json()
                if response.headers.get("Content-Type", "").startswith("application/json")
                else {}
            )
            if response.status_code != status or words not in body.get("message", ""):
                problems.append(
                    f"{method} {url}, {label}: {response.status_code} {body}, attendu {status} "
                    f"« {words} »"
                )
            if _fingerprint() != before:
                problems.append(f"{method} {url}, {label}: refusé mais a écrit")
        if method == "GET":
            for label, token_key in allowed_reads.items():
                response = _call(token_key, method, url)
                if response.status_code != 200:
                    problems.append(f"GET {url}, {label}: {response.status_code}, attendu 200")
    assert not problems, "\n".join(problems)

"""Access as a tested property: every URL of the resolver × every identity × GET and POST.

Each URL name has one line in `tests/access/table.py` saying what each identity gets;
a URL without a line fails, so does a line without a URL. A holder's response never
contains the other holder organisation's name; no request answers 500.
"""

import os
import re

import pytest
from django.db import transaction
from django.test import Client

from tests.access import table
from tests.access.walk import outcome, readable_text, routes, url_for
from tests.access.world import IDENTITIES, build_world

ROUTES = routes()
DISCOVER = os.environ.get("ACCESS_DISCOVER")  # prints observed lines instead of asserting


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction rolled back at the end; each test runs in
    a savepoint of it, and each request in a savepoint of the test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _clients(world, route=None):
    """A client per identity: logged in for the screens; for /api/, carrying its token."""
    api = route is not None and route.pattern.startswith("api/")
    clients = {}
    for identity in IDENTITIES:
        client = Client(raise_request_exception=False)
        user = world.users[identity]
        if user is not None and api:
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[identity]}"
        elif user is not None:
            client.force_login(user)
        clients[identity] = client
    return clients


def _request(client, method, url):
    with transaction.atomic():
        response = getattr(client, method)(url, {})
        text = readable_text(response)
        transaction.set_rollback(True)
    return response, text


def test_every_url_is_declared_and_every_declaration_is_a_url():
    names = {r.name for r in ROUTES}
    undeclared = sorted(names - set(table.ACCESS))
    assert not undeclared, (
        "URL sans déclaration d'accès — ajoutez une ligne à tests/access/table.py : "
        + ", ".join(undeclared)
    )
    stale = sorted(set(table.ACCESS) - names)
    assert not stale, "Déclarations sans URL (à retirer de tests/access/table.py) : " + ", ".join(
        stale
    )


def test_the_walk_covers_every_url(capsys):
    covered = [r for r in ROUTES if r.name in table.ACCESS]
    assert len(covered) == len(ROUTES) == len(table.ACCESS)
    with capsys.disabled():
        print(
            f"\naccès : {len(covered)} URL × {len(IDENTITIES)} identités × GET et POST "
            f"= {len(covered) * len(IDENTITIES) * 2} requêtes"
        )


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_access(route, world, db):
    declared = table.ACCESS.get(route.name)
    if declared is None and DISCOVER:
        declared = table.Access(("?",) * len(IDENTITIES), ("?",) * len(IDENTITIES))
    if declared is None:
        pytest.fail(f"{route.name} ({route.pattern}) n'a pas de ligne dans tests/access/table.py")
    url = url_for(route, world.objects, table.params_for(route.name))
    url += table.QUERY.get(route.name, "")
    clients = _clients(world, route)
    observed = {}
    problems = []
    for method, expected in (("get", declared.get), ("post", declared.post)):
        row = []
        for identity, want in zip(IDENTITIES, expected, strict=True):
            response, text = _request(clients[identity], method, url)
            got = outcome(response)
            row.append(got)
            if got == "500" or (got != want and not DISCOVER):
                problems.append(f"{method.upper()} {url} as {identity}: {got}, declared {want}")
            other = world.names.get(identity)
            if other and other in text and route.name not in table.LINK_PAGES:
                problems.append(f"{method.upper()} {url} as {identity} shows {other!r}")
        observed[method] = row
    if DISCOVER:
        print(table.line(route.name, observed["get"], observed["post"]))
    assert not problems, "\n".join(problems)


# The records of the world's agreement and its funder's money: what an officer of another
# funder must not reach.
FUNDER_RECORDS = {"agreement", "line", "revenue", "commitment", "expense", "payment",
                  "operation", "credit", "deliverable", "generation"}  # fmt: skip


def _records_named(route):
    """The world's records the route's path names (its parameters, as the table fills them)."""
    names = re.findall(r"<(?:\w+:)?(\w+)>", route.pattern)
    params = table.params_for(route.name)
    return {params[name] for name in names if name in params}


FUNDER_ROUTES = [
    r for r in ROUTES
    if r.name in table.ACCESS and _records_named(r) & FUNDER_RECORDS
    and r.name.split(":")[0] in {"agreements", "documents", "api"}
]  # fmt: skip


def test_the_funder_routes_are_found():
    names = {r.name for r in FUNDER_ROUTES}
    assert {"agreements:detail", "agreements:export", "agreements:operation",
            "documents:detail", "documents:generate", "api:agreements-detail",
            "api:documents-detail"} <= names  # fmt: skip


@pytest.mark.parametrize("route", FUNDER_ROUTES, ids=[r.name for r in FUNDER_ROUTES])
def test_a_funder_officer_of_another_funder_gets_404(route, world, db):
    """Where the default funder's officer is let in (ok), or refused by a rule only (403),
    another funder's officer is not even told the record exists: 404, page, documents, API."""
    declared = table.ACCESS[route.name]
    column = IDENTITIES.index("funder_officer")
    url = url_for(route, world.objects, table.params_for(route.name))
    url += table.QUERY.get(route.name, "")
    client = Client(raise_request_exception=False)
    if route.pattern.startswith("api/"):
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.objects['other_funder_token']}"
    else:
        client.force_login(world.objects["other_funder_officer"])
    problems = []
    for method, expected in (("get", declared.get), ("post", declared.post)):
        if expected[column] == "405":
            continue
        response, _ = _request(client, method, url)
        if outcome(response) != "404":
            problems.append(f"{method.upper()} {url}: {outcome(response)}, 404 attendu")
    assert not problems, "\n".join(problems)

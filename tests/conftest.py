"""Shared fixtures: one user per role, logged-in clients, the source data, the acceptance figures."""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, settings

from ouverture.accounts.enums import Role
from ouverture.accounts.services import create_user, system_user
from tests.organisations.factories import OrganisationFactory

ACCEPTANCE = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "acceptance" / "seed-figures.json"
)
SHIPPED_FIGURES = Path(__file__).resolve().parent / "data" / "seed-figures.json"

# Hypothesis never judges the machine's speed: no deadline, no health check about slow
# generation, and the same examples on every run (derandomised), so a loaded machine or a
# lucky seed cannot fail the suite. Loaded for every run; HYPOTHESIS_PROFILE=dev draws anew.
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev", parent=settings.get_profile("ci"), derandomize=False, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(config, items):
    """Race tests need two real PostgreSQL connections: on SQLite they are deselected, and
    `make test` runs them in its PostgreSQL phase (never skipped)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def pytest_report_header(config):
    current = settings()
    return (
        f"hypothesis profile: {os.environ.get('HYPOTHESIS_PROFILE', 'ci')} "
        f"(deadline={current.deadline}, derandomize={current.derandomize}, "
        f"seed={'fixed by derandomize' if current.derandomize else 'random, printed on failure'})"
    )


@pytest.fixture(scope="session", autouse=True)
def _no_session_left_on_the_test_database(django_db_setup, django_db_blocker):
    """Torn down just before the test databases are dropped: a connection a thread left open
    (live server, in-process WSGI run, race tests) would make PostgreSQL refuse DROP DATABASE
    ("being accessed by other users") and fail a green run at its very end."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache: each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def seed_figures():
    """The source document's figures (../shared/acceptance when present, else the copy in tests/data)."""
    path = ACCEPTANCE if ACCEPTANCE.exists() else SHIPPED_FIGURES
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def actor(db):
    return system_user()


@pytest.fixture
def make_user(db):
    counter = iter(range(1, 10_000))

    def make(role, organisation=None, **extra):
        n = next(counter)
        user = create_user(
            username=extra.pop("username", f"{role}-{n}"),
            role=role,
            password="secret-pass-123",
            first_name=extra.pop("first_name", role.label.split(" ")[0]),
            last_name=extra.pop("last_name", str(n)),
            email=extra.pop("email", f"{role}-{n}@example.org"),
        )
        if organisation is not None:
            from ouverture.organisations.services import add_member

            add_member(organisation, user, actor=system_user())
        return user

    return make


@pytest.fixture
def staff(make_user):
    return make_user(Role.NETWORK_STAFF)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def finance_manager(make_user):
    return make_user(Role.FINANCE_MANAGER)


@pytest.fixture
def funder_officer(make_user):
    return make_user(Role.FUNDER_OFFICER)


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def holder_organisation(db):
    return OrganisationFactory(name="Association du porteur")


@pytest.fixture
def holder(make_user, holder_organisation):
    return make_user(Role.PROJECT_HOLDER, organisation=holder_organisation)


@pytest.fixture
def users_by_role(staff, coordinator, finance_manager, funder_officer, administrator, holder):
    return {
        Role.NETWORK_STAFF: staff,
        Role.COORDINATOR: coordinator,
        Role.FINANCE_MANAGER: finance_manager,
        Role.FUNDER_OFFICER: funder_officer,
        Role.ADMINISTRATOR: administrator,
        Role.PROJECT_HOLDER: holder,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def source_data(db):
    call_command("load_source_data", stdout=io.StringIO())

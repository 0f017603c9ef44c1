"""The recap page reads its totals by one aggregate and only its own rows (LIMIT/OFFSET in
SQL): the same rows, order and totals as the full recap, whatever the number of rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ouverture.coaching import recap_views
from ouverture.coaching.recap import CoachingRecap
from ouverture.organisations.models import Organisation
from tests.coaching.factories import contact, follow_up_for
from tests.coaching.test_recap_views import _create_many
from tests.organisations.factories import OrganisationFactory

# Names whose French order differs from a byte order or from the stored search_name:
# accents, case, ligatures, punctuation, usual names that sort elsewhere than the legal name.
NAMES = [
    ("Éperlecques Solidarité", ""),
    ("eperlecques solidarite", ""),
    ("Association Tantely Soa Madagascar", "Tantely Soa"),
    ("Zèbre", "Amis du zèbre"),
    ("Œuvre commune", ""),
    ("Oeuvre commune", ""),
    ("CMJE", ""),
    ("Campus", ""),
    ("Saint-Étienne Monde", ""),
    ("Saint Etienne Monde", ""),
    ("l'Île aux liens", ""),
    ("Lianes", ""),
]


@pytest.fixture
def varied(db):
    for i, (name, usual_name) in enumerate(NAMES):
        organisation = OrganisationFactory(name=name, usual_name=usual_name)
        kind = ["cooperation", "twinning", "youth_mobility"][i % 3]
        follow_up = follow_up_for(organisation, project_types=[kind])
        for k, channel in enumerate(["phone", "email", "video", "in_person"][: 1 + i % 4]):
            contact(
                follow_up, date=dt.date(2023, 2 + k, 1 + i), channel=channel, minutes=15 * (i + 1)
            )
    # Outside the period: not a row.
    contact(follow_up_for(OrganisationFactory(name="Hors période")), date=dt.date(2022, 5, 1))


def _page_rows(client, monkeypatch, size, params):
    monkeypatch.setattr(recap_views, "PAGE_SIZE", size)
    rows, number = [], 1
    while True:
        response = client.get(reverse("coaching:recap"), {**params, "page": number})
        page = response.context["page"]
        rows.extend(page.object_list)
        if not page.has_next():
            return rows, response.context["recap"]
        number += 1


@pytest.mark.parametrize("params", [{"year": 2023}, {"year": 2023, "project_type": "twinning"}])
def test_the_page_shows_the_full_recap_rows_in_the_same_order(
    client_for, staff, varied, monkeypatch, params
):
    builder = CoachingRecap.for_year(2023, project_type=params.get("project_type", ""))
    full = builder.build()
    assert len(full.rows) > 3
    rows, totals = _page_rows(client_for(staff), monkeypatch, 3, params)
    assert rows == full.rows
    assert (totals.organisations, totals.sessions, totals.minutes, totals.review_minutes) == (
        full.organisations,
        full.sessions,
        full.minutes,
        full.review_minutes,
    )


def test_rows_slice_is_the_full_recap_sliced(varied):
    builder = CoachingRecap.for_year(2023)
    rows = builder.build().rows
    for offset, limit in ((0, 5), (4, 3), (10, 100), (50, 5), (0, 0)):
        assert builder.rows_slice(offset, limit) == rows[offset : offset + limit]


def test_sort_name_is_the_display_name_key(db):
    organisation = OrganisationFactory(name="Association Tantely Soa", usual_name="Éléphant Œil")
    assert Organisation.objects.get(pk=organisation.pk).sort_name == "elephant oeil"


def test_the_page_reads_only_its_rows_whatever_the_size(client_for, staff, monkeypatch):
    fetched = []
    read = CoachingRecap._rows

    def counting(query):
        result = read(query)
        fetched.append(len(result))
        return result

    monkeypatch.setattr(CoachingRecap, "_rows", staticmethod(counting))
    client = client_for(staff)
    counts = []
    for n, start in ((10, 0), (400, 10)):
        _create_many(n, start)
        for params in ({"year": 2023}, {"year": 2023, "page": 3}, {"year": 2023, "kind": "advice"}):
            fetched.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("coaching:recap"), params)
            assert response.status_code == 200
            counts.append(len(queries))
            # Rows read per query: one page of organisations, their project types (one type
            # each here), never the whole period's.
            assert max(fetched, default=0) <= recap_views.PAGE_SIZE, fetched
            # The page's organisations are chosen in SQL with LIMIT; the group-by reads them only.
            paged = [
                q["sql"]
                for q in queries.captured_queries
                if 'FROM "organisations_organisation" WHERE EXISTS' in q["sql"]
            ]
            assert all("LIMIT" in sql for sql in paged), paged
            assert len(paged) == (1 if response.context["recap"].organisations else 0)
    assert response.context["recap"].organisations == 0  # no advice follow-up
    big = client.get(reverse("coaching:recap"), {"year": 2023, "page": 2}).context
    assert big["recap"].organisations == 410
    assert len(big["page"].object_list) == recap_views.PAGE_SIZE
    assert counts[:3] == counts[3:], counts


def test_the_migration_fills_sort_name_for_existing_organisations(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "ouverture.organisations.migrations.0003_organisation_sort_name"
    )
    first = OrganisationFactory(name="Zèbre", usual_name="Amis du zèbre")
    second = OrganisationFactory(name="Œuvre commune")
    Organisation.objects.update(sort_name="")
    migration.fill_sort_names(apps, None)
    assert dict(Organisation.objects.values_list("pk", "sort_name")) == {
        first.pk: "amis du zebre",
        second.pk: "oeuvre commune",
    }


def _page_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("coaching:recap"), params)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if "coaching_interaction" in q["sql"]]


def _plan(sql):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(row[-1] for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("params", [{"year": 2023}, {"year": 2023, "kind": "coaching"}])
def test_the_page_never_joins_every_contact_of_the_period(client_for, staff, varied, params):
    """Query shape (the national-scale page took 0.9 s on SQLite): the totals count the
    organisations over follow-ups with a contact (EXISTS), not a COUNT(DISTINCT) over every
    contact joined to its follow-up, and the project types are found by EXISTS per
    follow-up, not by IN (every follow-up id of every contact of the period)."""
    queries = _page_queries(client_for(staff), params)
    assert queries
    for sql in queries:
        assert "COUNT(DISTINCT" not in sql or 'FROM "coaching_followup" WHERE EXISTS' in sql, sql
        assert '"follow_up_id" IN (SELECT' not in sql, sql
        assert '"followup_id" IN (SELECT' not in sql, sql
        # Unfiltered, every query over the period's contacts either has no join (the sums,
        # read from the covering index alone) or is bounded by the page's organisations.
        # (A filter on the follow-up, such as its kind, needs the follow-up: joined then.)
        if "kind" not in params and 'FROM "coaching_interaction" INNER JOIN' in sql:
            assert '"organisation_id" IN (' in sql, sql


def test_the_period_is_read_from_the_covering_index(client_for, staff, varied):
    """Each query over the whole period's contacts reads them from an index holding every
    column it needs (SQLite: COVERING INDEX; no row of the contacts table is read). The
    page's own group-by (bounded by its organisations, a few hundred contacts) may read rows."""
    from ouverture.coaching.models import Interaction

    names = {index.name for index in Interaction._meta.indexes}
    assert {"coaching_contact_period_idx", "coaching_contact_follow_up_idx"} <= names
    queries = _page_queries(client_for(staff), {"year": 2023})
    plans = [_plan(sql) for sql in queries]
    if connection.vendor == "sqlite":
        for sql, plan in zip(queries, plans, strict=True):
            if '"organisation_id" IN (' in sql:
                continue  # the page's 100 organisations
            contact_lines = [
                line
                for line in plan.splitlines()
                if "coaching_interaction" in line or " U0 " in line
            ]
            assert contact_lines and all("COVERING INDEX" in line for line in contact_lines), (
                sql,
                plan,
            )
    else:
        # PostgreSQL plans tiny tables by sequential scan: check the index holds the columns.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'coaching_contact_period_idx'"
            )
            (definition,) = cursor.fetchone()
        for column in ("date", "follow_up_id", "channel", "duration_minutes", "staff_id"):
            assert column in definition


def test_the_page_walks_organisations_in_the_sort_name_index_order(client_for, staff, varied):
    """The page's organisations come from the (sort_name, id) index in its order, never a
    sort of every organisation with contacts: on PostgreSQL the index is COLLATE "C", the
    order the query asks for (Python's)."""
    queries = _page_queries(client_for(staff), {"year": 2023})
    (page_query,) = [q for q in queries if 'FROM "organisations_organisation" WHERE EXISTS' in q]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Make every other plan dear: a sort would still show if no index matched.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
        try:
            plan = _plan(page_query)
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("RESET enable_seqscan")
                cursor.execute("RESET enable_sort")
    assert "organisation_sort_name_idx" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort Key" not in plan, plan

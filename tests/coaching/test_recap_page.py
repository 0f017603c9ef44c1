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
            paged = [q["sql"] for q in queries.captured_queries if "EXISTS" in q["sql"]]
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

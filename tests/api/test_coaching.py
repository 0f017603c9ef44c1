"""Coaching through the API: follow-ups, contacts (the screen's scope and rules) and the
recap of a period (the screen's and the command's CoachingRecap, never recomputed)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ouverture.accounts.enums import Role
from ouverture.coaching.recap import CoachingRecap
from ouverture.core.formats import hours_decimal, parse_duration
from tests.coaching.factories import contact, follow_up_for
from tests.organisations.factories import OrganisationFactory

FOLLOW_UPS = "/api/v1/accompagnements/suivis/"
CONTACTS = "/api/v1/accompagnements/contacts/"
RECAP = "/api/v1/accompagnements/bilan/"


def query_counts(api, url, sizes=(2, 10), **params):
    """The SQL queries of one page at each size (after a warm-up request)."""
    api.get(url, params)
    counts = []
    for size in sizes:
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url, {**params, "page_size": size})
        assert response.status_code == 200, response.content
        assert len(response.json()["resultats"]) == size
        counts.append(len(queries))
    return counts


@pytest.fixture
def two_holders(make_user, db):
    a = OrganisationFactory(name="Alpha Échanges")
    b = OrganisationFactory(name="Bêta Solidarité", twinning=True)
    fa, fb = follow_up_for(a), follow_up_for(b)
    contact(fa, date=dt.date(2023, 3, 1), channel="phone", minutes=60)
    contact(fa, date=dt.date(2023, 4, 1), channel="email", minutes=None)
    contact(fb, date=dt.date(2023, 5, 1), channel="video", minutes=90)
    return a, b, fa, fb, make_user(Role.PROJECT_HOLDER, organisation=a)


def test_a_holder_sees_its_own_follow_ups_and_contacts_only(api_for, two_holders):
    a, b, fa, fb, holder = two_holders
    api = api_for(holder)
    rows = api.get(FOLLOW_UPS).json()["resultats"]
    assert [r["id"] for r in rows] == [fa.pk]
    assert rows[0]["meeting_count"] == 1 and rows[0]["total_minutes"] == 60
    assert api.get(f"{FOLLOW_UPS}{fa.pk}/").status_code == 200
    other = api.get(f"{FOLLOW_UPS}{fb.pk}/")
    assert other.status_code == 404 and "Bêta" not in other.content.decode()
    contacts = api.get(CONTACTS).json()["resultats"]
    assert {c["follow_up"] for c in contacts} == {fa.pk} and len(contacts) == 2
    foreign = fb.interactions.get()
    assert api.get(f"{CONTACTS}{foreign.pk}/").status_code == 404
    # The recap is the network's: a holder's token is refused, as on the screen.
    assert api.get(RECAP, {"year": 2023}).status_code == 403


def test_follow_up_and_contact_filters(api_for, two_holders, staff):
    a, b, fa, fb, _holder = two_holders
    api = api_for(staff)
    ids = lambda url, params: [r["id"] for r in api.get(url, params).json()["resultats"]]  # noqa: E731
    assert ids(FOLLOW_UPS, {"organisation": b.pk}) == [fb.pk]
    assert ids(FOLLOW_UPS, {"project_type": "twinning"}) == [fb.pk]
    assert ids(FOLLOW_UPS, {"status": "closed"}) == []
    assert len(ids(CONTACTS, {"channel": "email"})) == 1
    assert len(ids(CONTACTS, {"start": "2023-03-15", "end": "2023-12-31"})) == 2
    assert ids(CONTACTS, {"follow_up": fb.pk}) == [fb.interactions.get().pk]
    bad = api.get(CONTACTS, {"start": "2023-06-01", "end": "2023-01-01"})
    assert bad.status_code == 400 and "début est après" in bad.json()["erreurs"]["start"][0]
    assert api.get(FOLLOW_UPS, {"canal": "x"}).status_code == 400


def test_lists_same_query_count_whatever_the_page_size(api_for, staff, db):
    for n in range(10):
        follow_up = follow_up_for(OrganisationFactory(name=f"Structure {n}", twinning=n % 2 == 0))
        contact(follow_up, date=dt.date(2023, 1, 1 + n))
    api = api_for(staff)
    for url in (FOLLOW_UPS, CONTACTS):
        counts = query_counts(api, url)
        assert counts[0] == counts[1], url
    counts = query_counts(api, RECAP, year=2023)
    assert counts[0] == counts[1]


def test_recap_is_the_screen_s_with_its_filters(api_for, two_holders, staff):
    api = api_for(staff)
    body = api.get(RECAP, {"year": 2023}).json()
    expected = CoachingRecap.for_year(2023).build()
    assert body["totaux"]["organisations"] == expected.organisations == 2
    assert body["totaux"]["sessions"] == expected.sessions == 2
    assert body["periode"] == {"debut": "2023-01-01", "fin": "2023-12-31", "libelle": "2023"}
    assert [r["organisation"] for r in body["resultats"]] == [r.organisation for r in expected.rows]
    twinning = api.get(RECAP, {"year": 2023, "project_type": "twinning"}).json()
    assert [r["organisation"] for r in twinning["resultats"]] == ["Bêta Solidarité"]
    bad = api.get(RECAP, {"start": "2023-06-01", "end": "2023-01-01"})
    assert bad.status_code == 400
    assert bad.json()["erreurs"]["general"] == ["La date de début est après la date de fin."]
    assert api.get(RECAP, {"year": "1900"}).json()["erreurs"]["year"]
    assert list(api.get(RECAP, {"annee": "2023"}).json()["erreurs"]) == ["annee"]


def test_the_2023_recap_through_the_api_is_the_source_document_s(
    source_data, seed_figures, api_for, staff
):
    expected = seed_figures["coaching_2023"]
    body = api_for(staff).get(RECAP, {"year": 2023, "page_size": 500}).json()
    assert body["totaux"] == {
        "organisations": expected["organisations"],
        "sessions": expected["sessions"],
        "hours": expected["hours"],
        "document_review_hours": expected["document_review_hours"],
    }
    assert body["nombre"] == len(body["resultats"]) == len(expected["rows"])
    rows = {row["organisation"]: row for row in body["resultats"]}
    for name, types, channels, sessions, hours in expected["rows"]:
        row = rows[name]
        assert set(row["project_types"]) == set(types), name
        assert set(row["channels"]) == set(channels), name
        assert row["sessions"] == sessions, name
        assert row["hours"] == str(hours_decimal(parse_duration(hours))), name

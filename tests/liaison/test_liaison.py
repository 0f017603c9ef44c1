"""Meetings with the funder, promotion events and organisations met: writes, indicators, the
report's reads, the screens per role, and the source data against seed-figures.json."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.core import indicators
from ouverture.liaison import reporting, services
from ouverture.liaison.models import FunderMeeting, OrganisationMet, PromotionEvent
from tests.organisations.factories import OrganisationFactory

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
READERS = set(Role) - {Role.PROJECT_HOLDER}
KEEPERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER, Role.ADMINISTRATOR}


@pytest.fixture(autouse=True)
def schemes(request, db):
    """The scheme records events name (calls.Scheme): the source data loads the real ones,
    other tests get stand-ins."""
    from tests.calls.factories import make_scheme

    if "source_data" in request.fixturenames:
        return
    names = {
        "62mei": "Pas-de-Calais, mobilité européenne et internationale",
        "62cmi": "Coopération et Mobilité Internationale",
        "twinning": "Jumelages innovants",
    }
    for code, name in names.items():
        make_scheme(code=code, name=name)


@pytest.fixture
def festival(actor):
    return services.record_event(
        actor=actor,
        date=dt.date(2023, 12, 2),
        name="Festisol",
        kind="festival",
        place="Arras",
        organiser_name="Mairie d'Arras",
        schemes=["62cmi"],
    )


def test_source_data_gives_the_documents_meetings_and_events(source_data, seed_figures):
    chapter = reporting.meetings_chapter(*YEAR)
    assert [r["date"].isoformat() for r in chapter["rows"]] == seed_figures["funder_meetings_2023"]
    assert chapter["count"] == len(seed_figures["funder_meetings_2023"])
    assert chapter["dates_text"] == "27 juin 2023, 23 août 2023, 13 octobre 2023 et 25 octobre 2023"
    assert "Département du Pas-de-Calais" in chapter["rows"][0]["parties"]
    promotion = reporting.promotion_chapter(*YEAR)
    expected = seed_figures["promotion_events_2023"]
    got = [
        {
            "date": e["date"].isoformat(),
            "name": e["name"],
            "place": e["place"],
            "organiser": e["organiser"],
        }
        for e in promotion["events"]
    ]
    assert got == expected
    assert promotion["count"] == len(expected)
    labels = [m["label"] for m in promotion["organisations_met"]]
    assert labels == [
        "Comité de jumelage de Fabus",
        "Comité de jumelage de Maroeuil",
        "Aidhum 62",
        "Ville de Noyelles-Godault",
    ]
    assert promotion["organisations_met"][2]["organisation_url"]  # linked to its record
    assert promotion["organisations_met_count"] == 4


def test_loading_twice_creates_nothing_more(source_data):
    from ouverture.accounts.services import system_user
    from ouverture.liaison import seed

    before = (
        FunderMeeting.objects.count(),
        PromotionEvent.objects.count(),
        OrganisationMet.objects.count(),
    )
    seed.load(system_user(), log=lambda *_: None)
    after = (
        FunderMeeting.objects.count(),
        PromotionEvent.objects.count(),
        OrganisationMet.objects.count(),
    )
    assert before == after == (4, 1, 4)


def test_meeting_indicator_counts_the_period_only(actor):
    funder = OrganisationFactory(name="Financeur")
    for day in (dt.date(2022, 12, 31), dt.date(2023, 6, 27), dt.date(2024, 1, 1)):
        services.record_meeting(actor=actor, date=day, subject="Point", parties=[funder])
    measure = indicators.get("liaison.funder_meetings").measure(*YEAR)
    assert measure.value == Decimal(1)
    assert measure.rows[0].date == dt.date(2023, 6, 27)
    assert measure.rows[0].detail == "Financeur"
    assert measure.rows[0].url.endswith("/")


def test_event_indicator_filters_by_kind_and_scheme(actor, festival):
    services.record_event(
        actor=actor, date=dt.date(2023, 5, 1), name="Marché", kind="market", place="Lens",
        organiser_name="Ville", schemes=["twinning"],
    )  # fmt: skip
    indicator = indicators.get("liaison.promotion_events")
    assert indicator.measure(*YEAR).value == 2
    assert indicator.measure(*YEAR, kind="festival").value == 1
    assert [r.label for r in indicator.measure(*YEAR, scheme="twinning").rows] == ["Marché"]


def test_event_needs_an_organiser_and_known_schemes(actor):
    fields = dict(date=dt.date(2023, 5, 1), name="X", kind="market", place="Lens")
    with pytest.raises(ValidationError) as error:
        services.record_event(actor=actor, organiser_name=" ", **fields)
    assert "organisatrice" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.record_event(actor=actor, organiser_name="Ville", schemes=["nope"], **fields)
    assert "Dispositif inconnu : nope" in str(error.value)
    assert not PromotionEvent.objects.exists()


def test_organisation_met_at_an_event_takes_its_year(actor, festival):
    met = services.record_organisation_met(actor=actor, event=festival, year=None, name="Aidhum")
    assert met.year == 2023
    services.update_event(festival, actor=actor, date=dt.date(2024, 1, 10))
    met.refresh_from_db()
    assert met.year == 2024
    with pytest.raises(ValidationError):
        services.record_organisation_met(actor=actor, year=2023, name="")
    assert reporting.promotion_chapter(*YEAR)["organisations_met_count"] == 0


@pytest.mark.parametrize("role", list(Role))
def test_screens_by_role(role, users_by_role, client_for, festival, actor):
    meeting = services.record_meeting(actor=actor, date=dt.date(2023, 6, 27), subject="Point AAP")
    client = client_for(users_by_role[role])
    pages = [
        reverse("liaison:meetings"),
        reverse("liaison:meeting", args=[meeting.pk]),
        reverse("liaison:events"),
        reverse("liaison:event", args=[festival.pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == (200 if role in READERS else 403), url
    forms = [
        reverse("liaison:meeting_create"),
        reverse("liaison:meeting_update", args=[meeting.pk]),
        reverse("liaison:event_create"),
        reverse("liaison:event_update", args=[festival.pk]),
        reverse("liaison:met_create"),
    ]
    for url in forms:
        assert client.get(url).status_code == (200 if role in KEEPERS else 403), url


def test_staff_creates_and_edits_a_meeting_and_an_event(staff, client_for):
    client = client_for(staff)
    funder = OrganisationFactory(name="Département test")
    response = client.post(
        reverse("liaison:meeting_create"),
        {"date": "2023-08-23", "add_party": funder.pk, "subject": "Refonte 62CMI", "note": ""},
    )
    meeting = FunderMeeting.objects.get()
    assert response.url == reverse("liaison:meeting", args=[meeting.pk])
    assert list(meeting.parties.all()) == [funder]
    client.post(
        reverse("liaison:meeting_update", args=[meeting.pk]),
        {"date": "2023-08-24", "parties": [funder.pk], "subject": "Refonte 62CMI", "note": "ok"},
    )
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2023, 8, 24)
    page = client.get(reverse("liaison:meeting", args=[meeting.pk])).content.decode()
    assert "24 août 2023" in page and "Historique" in page
    # An event without organiser is refused with a French message, nothing written.
    data = {"date": "2023-12-02", "name": "Festisol", "kind": "festival", "place": "Arras"}
    response = client.post(reverse("liaison:event_create"), data)
    assert response.status_code == 200
    assert "Rien n'a été enregistré" in response.content.decode()
    assert not PromotionEvent.objects.exists()
    data.update(organiser_name="Mairie d'Arras", schemes=["62cmi", "twinning"])
    client.post(reverse("liaison:event_create"), data)
    event = PromotionEvent.objects.get()
    assert event.schemes == ["62cmi", "twinning"]
    page = client.get(reverse("liaison:event", args=[event.pk])).content.decode()
    assert "Jumelages innovants" in page


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_cost_the_same_with_few_or_many_rows(actor, staff, client_for):
    client = client_for(staff)
    funder = OrganisationFactory(name="Financeur")

    def add(n, start):
        for i in range(n):
            day = dt.date(2023, 1, 1) + dt.timedelta(days=start + i)
            services.record_meeting(actor=actor, date=day, subject=f"Point {i}", parties=[funder])
            event = services.record_event(
                actor=actor, date=day, name=f"Marché {i}", kind="market", place="Lens",
                organiser=funder, schemes=["62cmi"],
            )  # fmt: skip
            services.record_organisation_met(actor=actor, event=event, name=f"Asso {i}")
            services.record_organisation_met(actor=actor, year=2023, organisation=funder)

    add(3, 0)
    few = (
        _queries(client, reverse("liaison:meetings")),
        _queries(client, reverse("liaison:events")),
    )
    add(30, 10)
    many = (
        _queries(client, reverse("liaison:meetings")),
        _queries(client, reverse("liaison:events")),
    )
    assert few == many

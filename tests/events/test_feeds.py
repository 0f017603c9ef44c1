"""The public agenda feeds (iCalendar, no account): which workshops, how they read, and that
the feed costs the same queries for 1 or 20 workshops."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from ouverture.accounts.services import system_user
from ouverture.events import services
from ouverture.events.enums import Audience, WorkshopKind
from ouverture.events.ics import workshop_uid
from tests.events.factories import make_training, make_workshop
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

AGENDA = reverse("events:public_agenda")


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_agenda_lists_public_workshops_with_stable_uids_in_paris_time(client):
    facilitator = OrganisationFactory(name="Malco HDF")
    workshop = make_workshop(title="Préparer son dépôt", facilitators=[facilitator])
    calendar, events = events_of(client.get(AGENDA))
    event = events[workshop_uid(workshop)]
    assert str(event["summary"]) == "Préparer son dépôt"
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, str(start.tzinfo)) == (workshop.date, 14, "Europe/Paris")
    assert event.decoded("dtend").hour == 17
    assert str(event["location"]) == "Hôtel du Département, Arras"
    description = str(event["description"])
    assert "Préparation à l'appel à projets" in description
    assert "14h00 Ateliers au choix (Lianes)" in description
    assert "Animé par Malco HDF" in description
    assert str(event["url"]).endswith(reverse("events:public_workshop", args=[workshop.public_key]))
    assert "STATUS" not in event
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Paris"
    assert str(calendar["x-wr-calname"]).startswith("Temps collectifs")
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in client.get(AGENDA).content
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in client.get(AGENDA).content
    # Fetched again, the same UID: a subscribed calendar updates the event, never doubles it.
    assert set(events_of(client.get(AGENDA))[1]) == set(events)


def test_a_cancelled_workshop_stays_marked_cancelled_and_private_ones_never_appear(client):
    cancelled = make_workshop(title="Session reportée")
    services.update_workshop(cancelled, actor=system_user(), cancelled=True)
    cohort = make_workshop(
        title="Module réservé", kind=WorkshopKind.PAM_MODULE, audience=Audience.COHORT_ONLY
    )
    training = make_training(OrganisationFactory(), date=dt.date.today() + dt.timedelta(days=5))
    long_ago = make_workshop(title="Atelier d'il y a deux ans", days_ahead=-730)
    last_month = make_workshop(title="Atelier du mois dernier", days_ahead=-30)
    _, events = events_of(client.get(AGENDA))
    event = events[workshop_uid(cancelled)]
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]) == "Annulé : Session reportée"
    assert "annulé" in str(event["description"])
    assert workshop_uid(last_month) in events
    for hidden in (cohort, training.workshop, long_ago):
        assert workshop_uid(hidden) not in events
    assert set(events) == {workshop_uid(cancelled), workshop_uid(last_month)}


def test_the_video_link_goes_to_registered_people_only(client):
    online = make_workshop(place="", video_link="https://visio.example.org/salle-secrete")
    _, events = events_of(client.get(AGENDA))
    event = events[workshop_uid(online)]
    assert str(event["location"]) == "En visioconférence (lien envoyé à l'inscription)"
    assert b"salle-secrete" not in client.get(AGENDA).content
    single = client.get(reverse("events:public_calendar", args=[online.public_key]))
    assert b"salle-secrete" not in single.content


def test_one_kind_has_its_own_agenda_and_an_unknown_kind_is_a_404(client):
    call = make_workshop(title="Appel", kind=WorkshopKind.CALL_PREPARATION)
    info = make_workshop(title="Information", kind=WorkshopKind.INFORMATION_SESSION)
    path = reverse("events:public_agenda_kind", args=[WorkshopKind.INFORMATION_SESSION])
    calendar, events = events_of(client.get(path))
    assert set(events) == {workshop_uid(info)}
    assert "Session d'information" in str(calendar["x-wr-calname"])
    assert workshop_uid(call) in events_of(client.get(AGENDA))[1]
    for kind in ("pre_departure_training", "inconnu"):
        response = client.get(reverse("events:public_agenda_kind", args=[kind]))
        assert response.status_code == 404


def test_the_public_pages_point_to_the_feeds(client):
    workshop = make_workshop()
    page = client.get(reverse("events:public_list")).content.decode()
    assert (
        f'<link rel="alternate" type="text/calendar" title="Agenda des temps collectifs (iCalendar)" href="{AGENDA}">'
        in page
    )
    assert reverse("events:public_agenda_kind", args=["call_preparation"]) in page
    page = client.get(reverse("events:public_workshop", args=[workshop.public_key])).content
    kind_feed = reverse("events:public_agenda_kind", args=[workshop.kind])
    assert b'rel="alternate" type="text/calendar"' in page and kind_feed.encode() in page


def test_the_feed_costs_the_same_queries_for_1_or_20_workshops(client):
    facilitator = OrganisationFactory()
    make_workshop(facilitators=[facilitator])
    with CaptureQueriesContext(connection) as one:
        assert len(events_of(client.get(AGENDA))[1]) == 1
    for n in range(19):
        make_workshop(title=f"Atelier {n}", days_ahead=n + 1, facilitators=[facilitator])
    with CaptureQueriesContext(connection) as twenty:
        assert len(events_of(client.get(AGENDA))[1]) == 20
    assert len(twenty) == len(one)


def test_a_workshop_change_raises_its_sequence(client):
    workshop = make_workshop()
    before = events_of(client.get(AGENDA))[1][workshop_uid(workshop)]
    services.update_workshop(
        workshop, actor=system_user(), date=workshop.date + dt.timedelta(days=1)
    )
    after = events_of(client.get(AGENDA))[1][workshop_uid(workshop)]
    assert int(after["sequence"]) >= int(before["sequence"]) > 0
    assert after.decoded("dtstart").date() == workshop.date + dt.timedelta(days=1)


def test_an_unchanged_agenda_answers_304_to_its_etag(client):
    workshop = make_workshop()
    first = client.get(AGENDA)
    assert first["ETag"] and client.get(AGENDA).content == first.content
    assert client.get(AGENDA, headers={"if-none-match": first["ETag"]}).status_code == 304
    services.update_workshop(workshop, actor=system_user(), title="Nouveau titre")
    changed = client.get(AGENDA, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and b"Nouveau titre" in changed.content

"""The public pages (no account): registration, bad input, calendar file, cancel link."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from ouverture.events.models import Registration
from ouverture.events.tokens import registration_id_from_token, registration_token
from tests.events.factories import make_training, make_workshop, register
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

pytestmark = pytest.mark.django_db


def form(**changes):
    data = {
        "full_name": "Léa Dupont",
        "email": "lea@example.org",
        "organisation_name": "Malco HDF",
        "project_type": "youth_mobility",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def url(workshop):
    return reverse("events:public_workshop", args=[workshop.public_key])


def test_public_pages_need_no_account(client):
    workshop = make_workshop()
    response = client.get(url(workshop))
    assert response.status_code == 200
    page = text(response)
    assert "Ateliers au choix" in page and "Atelier 1" in page
    assert "J'accepte que mes données" in page
    assert workshop.title in text(client.get(reverse("events:public_list")))


def test_a_person_registers_and_gets_the_confirmation_with_calendar_and_cancel_link(
    client, django_capture_on_commit_callbacks
):
    malco = OrganisationFactory(name="MALCO HDF")
    workshop = make_workshop()
    atelier = workshop.ateliers.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(workshop), form(ateliers=[atelier.pk]))
    registration = Registration.objects.get()
    assert response.status_code == 302
    token = response.url.rstrip("/").rsplit("/", 1)[1]
    assert registration_id_from_token(token) == registration.pk
    assert registration.organisation == malco
    page = text(client.get(response.url))
    assert "Inscrit·e" in page and "Atelier 1" in page and "Me désinscrire" in page

    [message] = mail.outbox
    assert message.to == ["lea@example.org"]
    cancel_path = re.search(r"https?://[^/]+(/\S*p/inscription/\S+/)", message.body).group(1)
    assert registration_id_from_token(cancel_path.rstrip("/").rsplit("/", 1)[1]) == registration.pk

    ics = Calendar.from_ical(message.attachments[0][1])
    [event] = ics.walk("VEVENT")
    assert str(event["summary"]) == workshop.title
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, start.minute) == (workshop.date, 14, 0)
    assert str(start.tzinfo) == "Europe/Paris"
    assert event.decoded("dtend").hour == 17
    assert str(event["location"]) == "Hôtel du Département, Arras"
    assert cancel_path in str(event["description"])
    assert ics.walk("VTIMEZONE")  # the time zone travels with the file


def test_the_calendar_file_can_be_downloaded(client):
    workshop = make_workshop(start_time=None, end_time=None)
    response = client.get(reverse("events:public_calendar", args=[workshop.public_key]))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == workshop.date  # a whole day when no time is set


def test_the_cancel_link_cancels(client):
    registration = register(make_workshop())
    path = reverse("events:public_registration", args=[registration_token(registration)])
    response = client.post(path, follow=True)
    assert "Votre inscription est annulée" in text(response)
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert "Me désinscrire" not in text(client.get(path))


def test_an_altered_cancel_link_is_refused(client):
    registration = register(make_workshop())
    token = registration_token(registration)
    assert client.get(f"/temps-collectifs/p/inscription/{token}x/").status_code == 404
    assert client.post(f"/temps-collectifs/p/inscription/{token[:-2]}/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == "registered"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"consent": None}, "Cochez la case d'accord"),
        ({"full_name": ""}, "Indiquez votre nom"),
        ({"email": ""}, "Indiquez votre adresse e-mail"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        ({"project_type": "tourisme"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_written(client, changes, message):
    response = client.post(url(make_workshop()), form(**changes))
    assert response.status_code == 200
    assert message in text(response)
    assert "Votre inscription n'a pas été enregistrée" in text(response)
    assert not Registration.objects.exists()


def test_the_same_email_twice_is_refused(client):
    workshop = make_workshop()
    client.post(url(workshop), form())
    response = client.post(url(workshop), form(full_name="Autre", email="LEA@example.org"))
    assert "est déjà inscrite pour ce temps collectif" in text(response)
    assert Registration.objects.count() == 1


def test_full_workshop_offers_the_waiting_list(client):
    workshop = make_workshop(capacity=1)
    register(workshop)
    response = client.post(url(workshop), form())
    page = text(response)
    assert "complet (1 place)" in page
    assert "M'inscrire sur la liste d'attente" in page
    assert workshop.registrations.count() == 1
    response = client.post(url(workshop), form(waiting_list="on"), follow=True)
    assert "Liste d'attente" in text(response)
    assert workshop.registrations.waiting_list().count() == 1


def test_after_the_deadline_the_waiting_list_is_offered(client):
    workshop = make_workshop(
        days_ahead=4, registration_deadline=dt.date.today() - dt.timedelta(days=1)
    )
    response = client.post(url(workshop), form())
    assert "Les inscriptions sont closes depuis le" in text(response)
    assert "M'inscrire sur la liste d'attente" in text(response)
    assert not workshop.registrations.exists()


def test_past_workshop_shows_no_form(client):
    response = client.get(url(make_workshop(days_ahead=-1)))
    assert "les inscriptions sont closes" in text(response)
    assert "M'inscrire" not in text(response)


def test_trainings_and_unknown_keys_have_no_public_page(client):
    training = make_training(OrganisationFactory())
    assert client.get(url(training.workshop)).status_code == 404
    assert (
        client.get(
            reverse("events:public_workshop", args=["00000000-0000-0000-0000-000000000000"])
        ).status_code
        == 404
    )


def test_public_page_costs_the_same_queries_whatever_the_registrations(client):
    counts = []
    for n in (2, 40):
        workshop = make_workshop(capacity=100)
        for _ in range(n):
            register(workshop)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(workshop)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_refused_registration_says_what_to_do_when_only_fields_are_wrong(client):
    """The summary above the form ends with what to do, not with a dangling colon."""
    response = client.post(url(make_workshop()), form(full_name=""))
    assert "Votre inscription n'a pas été enregistrée : corrigez les champs signalés" in text(
        response
    )


def test_the_registration_page_has_no_space_before_the_comma_of_the_place(client):
    registration = register(make_workshop(place="Maison des associations, Arras"))
    page = text(client.get(f"/temps-collectifs/p/inscription/{registration_token(registration)}/"))
    assert "14h00–17h00, Maison des associations" in page


def test_unregistering_asks_for_confirmation_first(client):
    registration = register(make_workshop())
    page = client.get(f"/temps-collectifs/p/inscription/{registration_token(registration)}/")
    assert 'data-confirm="Vous désinscrire ?' in page.content.decode()


def test_the_personal_link_carries_no_readable_id_and_expires(client, settings):
    import base64
    import json

    registration = register(make_workshop())
    token = registration_token(registration)
    value = token.split(":")[0]
    raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    with pytest.raises(ValueError):
        json.loads(raw)  # the old links were readable JSON {"r": id, "w": id}
    assert registration_token(registration) != token  # each link differs
    path = f"/temps-collectifs/p/inscription/{token}/"
    assert client.get(path).status_code == 200
    settings.OUVERTURE_REGISTRATION_LINK_DAYS = -15  # the workshop is in 14 days
    expired = registration_token(registration)
    response = client.post(f"/temps-collectifs/p/inscription/{expired}/")
    assert response.status_code == 410 and "Ce lien a expiré" in text(response)
    registration.refresh_from_db()
    assert registration.status == "registered"

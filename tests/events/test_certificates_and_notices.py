"""Attendance certificates name the organisers from their records (article, signatory, place
with its article); moving or cancelling a workshop e-mails its people the new calendar file."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from ouverture.accounts.services import system_user
from ouverture.core.articles import at_place, by, with_article
from ouverture.events import services
from ouverture.events.documents import certificate_context
from ouverture.events.models import Registration, Workshop
from tests.events.factories import make_workshop, register, register_past


@pytest.mark.parametrize(
    "function, name, expected",
    [
        (at_place, "Hôtel du Département", "à l'Hôtel du Département"),
        (at_place, "CFA d'Hesdigneul", "au CFA d'Hesdigneul"),
        (at_place, "Arras", "à Arras"),
        (at_place, "Mairie de Dourges", "à la Mairie de Dourges"),
        (by, "Département du Pas-de-Calais", "par le Département du Pas-de-Calais"),
        (by, "Lianes Coopération", "par Lianes Coopération"),
        (with_article, "Association Aidhum", "l'Association Aidhum"),
    ],
)
def test_articles(function, name, expected):
    assert function(name) == expected


def test_certificates_of_the_10_november_workshop(source_data, client_for, staff):
    workshop = Workshop.objects.get(date=dt.date(2023, 11, 10), kind="follow_up_evaluation")
    present = list(Registration.objects.filter(workshop=workshop, status="present"))
    context = certificate_context(workshop, present)
    assert context["facilitated_by"] == "par le Département du Pas-de-Calais et Lianes Coopération"
    assert context["place_text"] == "à l'Hôtel du Département"
    assert [o["signatory"] for o in context["organisers"]] == ["Jean-Claude Leroy", "Elise Moulene"]
    response = client_for(staff).get(reverse("events:certificates", args=[workshop.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    first = reader.pages[0].extract_text()
    for expected in [
        "animé par le Département du Pas-de-Calais et Lianes Coopération",
        "à l'Hôtel du Département",
        "Pour le Département",
        "Jean-Claude Leroy, Président du Conseil départemental",
        "Elise Moulene, Présidente",
        "à Arras",
    ]:
        assert expected in " ".join(first.split()), expected


def _ics(message):
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == ("temps-collectif.ics", "text/calendar")
    return Calendar.from_ical(content)


def test_moving_a_workshop_emails_its_people_the_new_calendar(
    db, django_capture_on_commit_callbacks
):
    workshop = make_workshop()
    register(workshop, full_name="Léa Dupont", email="lea@example.org")
    register_past(workshop, full_name="Sans Mail", email="")
    cancelled = register(workshop, full_name="Partie", email="partie@example.org")
    services.cancel_registration(cancelled)
    mail.outbox.clear()
    new_date = workshop.date + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_workshop(
            workshop, actor=system_user(), date=new_date, place="Maison des associations, Lens"
        )
    assert [m.to for m in mail.outbox] == [["lea@example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith("Changement : ")
    assert "Maison des associations, Lens" in message.body
    event = _ics(message).walk("VEVENT")[0]
    assert event.decoded("dtstart").date() == new_date
    assert str(event["location"]) == "Maison des associations, Lens"
    assert int(event["sequence"]) > 0


def test_cancelling_sends_a_cancelling_calendar(db, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    register(workshop, email="lea@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_workshop(workshop, actor=system_user(), cancelled=True)
    assert len(mail.outbox) == 1 and "annulé" in mail.outbox[0].body
    calendar = _ics(mail.outbox[0])
    assert str(calendar["method"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_a_change_that_does_not_move_it_sends_nothing(db, django_capture_on_commit_callbacks):
    workshop = make_workshop()
    register(workshop, email="lea@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_workshop(workshop, actor=system_user(), title="Nouveau titre", capacity=30)
    assert mail.outbox == []

"""People's data: retention keeps the counts, export and erasure reach history rows."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from ouverture.events.models import Registration
from ouverture.organisations.models import Contact
from ouverture.organisations.services import remove_contact
from ouverture.pathways.models import Candidate
from ouverture.privacy import services
from ouverture.privacy.registry import ANONYMOUS
from ouverture.surveys.models import Answer, Response
from tests.events.factories import make_workshop, register, register_past
from tests.organisations.factories import OrganisationFactory, contact_for
from tests.surveys.factories import answer, questionnaire


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_retention_anonymises_2023_people_and_keeps_the_2023_figures(source_data):
    summary = run("events", "summary", "--year", "2023", "--format", "json")
    recap = run("recap", "--year", "2023", "--format", "json")
    held_2023 = Registration.objects.filter(workshop__date__year=2023)
    assert held_2023.exclude(full_name=ANONYMOUS).exists()

    preview = run("privacy", "retention", "--dry-run", "--today", "2026-12-01")
    assert "rien n'a été écrit" in preview
    assert held_2023.filter(full_name=ANONYMOUS).count() == 0

    report = run("privacy", "retention", "--today", "2026-12-01")
    assert f"inscriptions anonymisé·es : {held_2023.count()}" in report
    assert not held_2023.exclude(full_name=ANONYMOUS).exists()
    assert not held_2023.exclude(email="").exists()
    history = Registration.history.model.objects.filter(id__in=held_2023.values("pk"))
    assert not history.exclude(full_name=ANONYMOUS).exists()
    assert run("events", "summary", "--year", "2023", "--format", "json") == summary
    assert run("recap", "--year", "2023", "--format", "json") == recap
    again = run("privacy", "retention", "--today", "2026-12-01")
    assert "inscriptions anonymisé·es : 0" in again


def test_retention_leaves_recent_people_alone(db):
    recent = register(make_workshop(days_ahead=10), full_name="Jeanne Récente")
    old = register_past(make_workshop(days_ahead=-4 * 365), full_name="Jean Ancien")
    services.apply_retention()
    recent.refresh_from_db()
    old.refresh_from_db()
    assert recent.full_name == "Jeanne Récente" and recent.email
    assert old.full_name == ANONYMOUS and old.email == ""


@pytest.fixture
def person(db, actor):
    """Camille, with a contact (then deleted), a registration and a signed questionnaire."""
    email = "camille.durand@example.org"
    organisation = OrganisationFactory(name="Association Horizon")
    contact = contact_for(organisation, name="Camille Durand", email=email, phone="0600000000")
    remove_contact(contact, actor=actor)
    registration = register(make_workshop(), full_name="Camille Durand", email=email)
    q = questionnaire()
    response = answer(q, lessons="Camille Durand a aimé l'atelier")
    Response.objects.filter(pk=response.pk).update(
        respondent_name="Camille Durand", respondent_email=email
    )
    return {"email": email, "registration": registration, "response": response,
            "contact_pk": contact.pk}  # fmt: skip


def test_export_gives_every_record_and_history_row_of_the_person(person, tmp_path):
    path = tmp_path / "camille.json"
    run("privacy", "export", "--email", "CAMILLE.DURAND@example.org", "--output", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    models = {(r["modèle"], r["type"].startswith("historique")) for r in data["enregistrements"]}
    assert ("events.Registration", False) in models
    assert ("events.Registration", True) in models
    assert ("organisations.Contact", True) in models  # deleted, still in history
    assert ("surveys.Response", False) in models
    deleted = [r for r in data["enregistrements"] if r["modèle"] == "organisations.Contact"]
    assert all(r["supprimé"] for r in deleted) and deleted[0]["phone"] == "0600000000"
    response = next(r for r in data["enregistrements"] if r["modèle"] == "surveys.Response")
    assert "Camille Durand a aimé l'atelier" in [a["texte"] for a in response["réponses"]]


def test_erase_anonymises_the_person_everywhere_history_included(person):
    out = run("privacy", "erase", "--email", person["email"])
    assert "inscriptions anonymisé·es : 1" in out
    email = person["email"]
    for model, field in ((Registration, "email"), (Contact, "email"),
                         (Response, "respondent_email")):  # fmt: skip
        assert not model.objects.filter(**{f"{field}__iexact": email}).exists()
        assert not model.history.model.objects.filter(**{f"{field}__iexact": email}).exists()
    assert not Contact.history.model.objects.filter(name="Camille Durand").exists()
    texts = Answer.objects.filter(response=person["response"]).values_list("text", flat=True)
    assert "Camille Durand a aimé l'atelier" not in texts
    assert not Answer.history.model.objects.filter(text__contains="Camille Durand").exists()
    # The rows stay: the workshop still counts one registration.
    assert Registration.objects.filter(pk=person["registration"].pk).exists()
    assert json.loads(services.export_json(email))["enregistrements"] == []


def test_a_candidate_erased_keeps_the_unique_constraint(db):
    from tests.pathways.factories import apply, make_cohort

    cohort = make_cohort()
    first = apply(cohort, "Structure A", email="a@example.org")
    second = apply(cohort, "Structure B", email="b@example.org")
    services.erase_person("a@example.org")
    services.erase_person("b@example.org")
    emails = set(Candidate.objects.filter(pk__in=[first.pk, second.pk]).values_list(
        "contact_email", flat=True))  # fmt: skip
    assert len(emails) == 2 and not any("example.org" in e for e in emails)


def test_the_register_is_for_staff(client_for, staff, holder):
    page = client_for(staff).get(reverse("privacy:register"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Participants aux temps collectifs" in body and "36 mois" in body
    assert client_for(holder).get(reverse("privacy:register")).status_code == 403


def test_user_roles_and_superuser_changes_are_in_history(db, make_user, actor):
    from ouverture.accounts.enums import Role

    user = make_user(Role.NETWORK_STAFF)
    user.role = Role.ADMINISTRATOR
    user.is_superuser = True
    user._history_user = actor
    user.save()
    rows = list(user.history.order_by("history_date"))
    assert [r.role for r in rows] == [Role.NETWORK_STAFF, Role.ADMINISTRATOR]
    assert rows[-1].is_superuser and rows[-1].history_user == actor
    assert not hasattr(rows[-1], "password")


def test_survey_answers_are_in_history(db):
    response = answer(questionnaire())
    assert Answer.history.filter(response_id=response.pk).count() == response.answers.count() > 0


def test_dates_for_retention():
    assert services.add_months(dt.date(2026, 12, 1), 36) == dt.date(2023, 12, 1)

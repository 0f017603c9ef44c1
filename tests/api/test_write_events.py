"""POST /api/v1/temps-collectifs/<id>/inscriptions/: the public registration page's form and
service (events.services.register, the public page's rules), its messages, nothing written
on a refusal; the history names the token's owner (the website's service account)."""

import datetime as dt

import pytest

from ouverture.accounts.enums import Role
from ouverture.core.formats import format_date
from ouverture.events.enums import RegistrationStatus
from ouverture.events.models import Registration
from tests.api.writes_helpers import counts, refused
from tests.events.factories import make_workshop, register, today
from tests.organisations.factories import OrganisationFactory

MODELS = ("events.Registration",)


def url(workshop):
    return f"/api/v1/temps-collectifs/{workshop.pk}/inscriptions/"


@pytest.fixture
def website(make_user):
    """The network's website: a service account's token would do the same (any writing token)."""
    return make_user(Role.NETWORK_STAFF)


@pytest.fixture
def workshop(db):
    return make_workshop()


def body(**change):
    data = {
        "full_name": "Camille Martin",
        "email": "Camille.Martin@example.org",
        "organisation_name": "Alpha Échanges",
        "project_type": "youth_mobility",
        "consent": True,
    }
    data.update(change)
    return {k: v for k, v in data.items() if v is not None}


def test_a_person_is_registered_with_the_history_naming_the_token_owner(api_for, website, workshop):
    atelier = workshop.ateliers.first()
    response = api_for(website).send("post", url(workshop), body(ateliers=[atelier.pk]))
    assert response.status_code == 201, response.content
    data = response.json()
    registration = Registration.objects.get(pk=data["id"])
    assert registration.email == "camille.martin@example.org"
    assert registration.status == RegistrationStatus.REGISTERED and registration.consent_at
    assert list(registration.ateliers.all()) == [atelier]
    assert data["status"] == "registered"
    # Absolute: the network's website shows it to the person, on another domain.
    assert data["cancel_link"].startswith("http://testserver/temps-collectifs/p/inscription/")
    assert api_for(website).client.get(data["cancel_link"]).status_code == 200
    entries = list(registration.history.all())
    assert {e.history_type for e in entries} >= {"+"}
    assert {e.history_user for e in entries} == {website}


def test_a_full_workshop_refuses_then_takes_the_waiting_list(api_for, website):
    full = make_workshop(capacity=1)
    register(full)
    before = counts(*MODELS)
    response = api_for(website).send("post", url(full), body())
    refused(
        response,
        "general",
        "Ce temps collectif est complet (1 place). Vous pouvez vous inscrire sur la liste "
        "d'attente : nous vous écrirons si une place se libère.",
    )
    assert counts(*MODELS) == before
    response = api_for(website).send("post", url(full), body(waiting_list=True))
    assert response.status_code == 201 and response.json()["status"] == "waiting_list"


def test_closed_registrations_are_refused(api_for, website):
    deadline = today() - dt.timedelta(days=1)
    late = make_workshop(days_ahead=4, registration_deadline=deadline)
    before = counts(*MODELS)
    refused(
        api_for(website).send("post", url(late), body()),
        "general",
        f"Les inscriptions sont closes depuis le {format_date(deadline)}. Vous pouvez vous "
        "inscrire sur la liste d'attente : nous vous écrirons si une place se libère.",
    )
    past = make_workshop(days_ahead=0)
    refused(
        api_for(website).send("post", url(past), body()),
        "general",
        f"Ce temps collectif a lieu le {format_date(past.date)} : les inscriptions en ligne "
        "sont closes.",
    )
    assert counts(*MODELS) == before


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            {"consent": None},
            "consent",
            "Cochez la case d'accord sur l'utilisation de vos données : sans elle, "
            "l'inscription ne peut pas être enregistrée.",
        ),
        ({"full_name": ""}, "full_name", "Indiquez votre nom et votre prénom."),
        ({"email": "pas-une-adresse"}, "email", "Saisissez une adresse e-mail valide."),
        ({"project_type": "tourisme"}, "project_type", "Sélectionnez un choix valide."),
        ({"ateliers": [999999]}, "ateliers", "Sélectionnez un choix valide."),
        ({"courriel": "x@example.org"}, "courriel", "Champ inconnu « courriel »"),
        ({"consent": "peut-être"}, "consent", "Doit être un booléen valide."),
        ({"ateliers": "1"}, "ateliers", "Attendait une liste d'éléments mais a reçu"),
    ],
)
def test_a_refused_registration_says_why_and_writes_nothing(
    api_for, website, workshop, change, field, message
):
    before = counts(*MODELS)
    response = api_for(website).send("post", url(workshop), body(**change))
    assert response.status_code == 400, response.content
    errors = response.json()["erreurs"][field]
    assert any(m.startswith(message) for m in errors), response.json()
    assert counts(*MODELS) == before


def test_a_duplicate_email_is_refused(api_for, website, workshop):
    register(workshop, email="camille.martin@example.org")
    before = counts(*MODELS)
    refused(
        api_for(website).send("post", url(workshop), body()),
        "email",
        "L'adresse camille.martin@example.org est déjà inscrite pour ce temps collectif. Pour "
        "changer l'inscription, utilisez le lien reçu par e-mail (désinscription), puis "
        "inscrivez-vous à nouveau.",
    )
    assert counts(*MODELS) == before


def test_malformed_json_writes_nothing(api_for, website, workshop):
    before = counts(*MODELS)
    response = api_for(website).send("post", url(workshop), raw="{'consent': true}")
    assert response.status_code == 400
    assert response.json()["message"].startswith("JSON mal formé (ligne 1")
    assert counts(*MODELS) == before


def test_tokens_narrower_than_the_write_are_refused(api_for, website, workshop):
    before = counts(*MODELS)
    refused(
        api_for(website, read_only=True).send("post", url(workshop), body()),
        None,
        "en lecture seule",
        status=403,
    )
    refused(
        api_for(website, app_scope="coaching").send("post", url(workshop), body()),
        None,
        "limité à « Accompagnements »",
        status=403,
    )
    assert counts(*MODELS) == before
    scoped = api_for(website, app_scope="events")
    assert scoped.send("post", url(workshop), body()).status_code == 201


def test_a_holder_registers_as_on_the_public_page_but_not_to_a_training(
    api_for, make_user, workshop
):
    holder = make_user(Role.PROJECT_HOLDER, organisation=OrganisationFactory())
    assert api_for(holder).send("post", url(workshop), body()).status_code == 201
    before = counts(*MODELS)
    assert (
        api_for(holder)
        .send("post", "/api/v1/temps-collectifs/999999/inscriptions/", body())
        .status_code
        == 404
    )
    assert counts(*MODELS) == before

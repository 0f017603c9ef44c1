"""POST /api/v1/accompagnements/suivis/<id>/contacts/: the quick-contact screen's form and
service (coaching.services.log_interaction), its messages, nothing written on a refusal."""

import datetime as dt

import pytest
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.coaching.models import Interaction
from tests.api.writes_helpers import counts, refused
from tests.coaching.factories import advice_for, contact, follow_up_for
from tests.organisations.factories import OrganisationFactory

MODELS = ("coaching.Interaction",)


def url(follow_up):
    return f"/api/v1/accompagnements/suivis/{follow_up.pk}/contacts/"


@pytest.fixture
def staff(make_user):
    return make_user(Role.NETWORK_STAFF)


@pytest.fixture
def follow_up(db):
    return follow_up_for(OrganisationFactory(name="Alpha Échanges"))


BODY = {
    "date": "2024-03-05",
    "channel": "video",
    "duration_minutes": 90,
    "topics": ["partners"],
    "note": "Partenaires au Sénégal",
}


def test_a_contact_is_logged_with_its_history_naming_the_token_owner(api_for, staff, follow_up):
    response = api_for(staff).send("post", url(follow_up), BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    interaction = Interaction.objects.get(pk=body["id"])
    assert (interaction.date, interaction.channel, interaction.duration_minutes) == (
        dt.date(2024, 3, 5),
        "video",
        90,
    )
    assert interaction.topics == ["partners"] and interaction.staff == staff
    assert body["follow_up"] == follow_up.pk and body["is_session"] is True
    entry = interaction.history.get()
    assert entry.history_type == "+" and entry.history_user == staff


def test_the_fourth_advice_meeting_is_refused_with_the_screens_message(api_for, staff, db):
    advice = advice_for(OrganisationFactory())
    for day in (1, 2, 3):
        contact(advice, date=dt.date(2024, 2, day))
    before = counts(*MODELS)
    response = api_for(staff).send("post", url(advice), BODY)
    refused(
        response,
        "general",
        "Un appui-conseil compte au plus 3 rendez-vous, et celui-ci en a déjà 3 : c'est la "
        "règle qui protège le temps des accompagnements. Si la structure a besoin d'un suivi "
        "plus long, transformez cet appui-conseil en accompagnement puis ajoutez le rendez-vous.",
    )
    assert counts(*MODELS) == before
    # An e-mail is not a meeting: the cap does not bind it.
    email = {"date": "2024-03-05", "channel": "email"}
    assert api_for(staff).send("post", url(advice), email).status_code == 201


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            {"channel": "fax"},
            "channel",
            "Canal « fax » inconnu : téléphone, e-mail, visio ou présentiel.",
        ),
        (
            {"channel": None},
            "channel",
            "Choisissez le canal : téléphone, e-mail, visio ou présentiel.",
        ),
        (
            {"date": "2099-01-01"},
            "date",
            "Le 1er janvier 2099 est dans le futur : on ne consigne que ce qui a eu lieu.",
        ),
        (
            {"topics": ["weather"]},
            "topics",
            "Sélectionnez un choix valide. weather n’en fait pas partie.",
        ),
        ({"duration_minutes": 0}, "duration_minutes", "Durée « 0 min » : elle doit être positive."),
        ({"bogus": 1}, "bogus", "Champ inconnu « bogus »"),
        (
            {"duration_minutes": "beaucoup"},
            "duration_minutes",
            "Un nombre entier valide est requis.",
        ),
        ({"date": 20240305}, "date", "La date n'a pas le bon format."),
    ],
)
def test_a_refused_contact_says_why_by_field_and_writes_nothing(
    api_for, staff, follow_up, change, field, message
):
    body = {k: v for k, v in {**BODY, **change}.items() if v is not None}
    before = counts(*MODELS)
    response = api_for(staff).send("post", url(follow_up), body)
    assert response.status_code == 400, response.content
    assert any(m.startswith(message) for m in response.json()["erreurs"][field]), response.json()
    assert counts(*MODELS) == before


def test_a_closed_follow_up_takes_no_contact(api_for, staff, follow_up):
    from ouverture.coaching import services

    services.close_follow_up(follow_up, actor=staff, closed_on=timezone.localdate())
    before = counts(*MODELS)
    response = api_for(staff).send("post", url(follow_up), BODY)
    assert response.status_code == 400
    assert response.json()["erreurs"]["general"] == [
        "Ce suivi est « Terminé » : rouvrez-le pour y ajouter un contact."
    ]
    assert counts(*MODELS) == before


def test_malformed_json_writes_nothing(api_for, staff, follow_up):
    before = counts(*MODELS)
    response = api_for(staff).send("post", url(follow_up), raw='{"date": "2024-03-05",')
    assert response.status_code == 400
    assert response.json()["message"].startswith("JSON mal formé (ligne 1")
    assert counts(*MODELS) == before


def test_tokens_narrower_than_the_write_are_refused(api_for, staff, follow_up):
    before = counts(*MODELS)
    refused(
        api_for(staff, read_only=True).send("post", url(follow_up), BODY),
        None,
        "en lecture seule",
        status=403,
    )
    refused(
        api_for(staff, app_scope="events").send("post", url(follow_up), BODY),
        None,
        "limité à « Temps collectifs et inscriptions »",
        status=403,
    )
    assert (
        api_for(staff, app_scope="coaching").send("post", url(follow_up), BODY).status_code == 201
    )
    assert counts(*MODELS)["coaching.Interaction"] == before["coaching.Interaction"] + 1


def test_a_holder_gets_404_on_another_organisations_follow_up(api_for, make_user, follow_up):
    other = OrganisationFactory(name="Bêta")
    holder = make_user(Role.PROJECT_HOLDER, organisation=other)
    own = follow_up_for(other)
    before = counts(*MODELS)
    # Its own follow-up: the screen's rule (a holder does not log the network's contacts).
    refused(api_for(holder).send("post", url(own), BODY), None, "votre rôle", status=403)
    response = api_for(holder).send("post", url(follow_up), BODY)
    assert response.status_code == 404 and "Alpha" not in response.content.decode()
    assert (
        api_for(holder)
        .send("post", "/api/v1/accompagnements/suivis/999999/contacts/", BODY)
        .status_code
        == 404
    )
    assert counts(*MODELS) == before

"""POST /api/v1/jumelages/<id>/verification/: the public answer page's form and service
(twinnings.campaigns.answer_invitation): the status with its dated history, a contact
correction becoming a conflict, the link's refusals, nothing written on a refusal."""

import datetime as dt

import pytest
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.core.formats import format_date
from ouverture.twinnings import campaigns
from ouverture.twinnings.enums import ConflictField
from ouverture.twinnings.models import Agreement, Conflict, Invitation, StatusChange
from tests.api.writes_helpers import counts, refused
from tests.organisations.factories import OrganisationFactory
from tests.twinnings.test_campaigns import launch, register  # noqa: F401 (fixture)

MODELS = (
    "twinnings.Agreement",
    "twinnings.Invitation",
    "twinnings.StatusChange",
    "twinnings.Conflict",
    "organisations.Contact",
)


def url(agreement):
    return f"/api/v1/jumelages/{agreement.pk}/verification/"


@pytest.fixture
def launched(register, staff, django_capture_on_commit_callbacks):  # noqa: F811
    launch(staff, django_capture_on_commit_callbacks)
    return register


def token_for(agreement):
    return campaigns.make_token(Invitation.objects.get(agreement=agreement))


def body(agreement, **change):
    data = {
        "token": token_for(agreement),
        "status": "dormant",
        "answered_by_name": "Claire Lemaire",
    }
    data.update(change)
    return {k: v for k, v in data.items() if v is not None}


def test_the_status_is_applied_with_its_history_naming_the_token_owner(api_for, staff, launched):
    arras = launched["arras"]
    response = api_for(staff).send("post", url(arras), body(arras))
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["answer"], data["status"], data["applied"]) == ("dormant", "dormant", True)
    arras.refresh_from_db()
    assert arras.status == "dormant" and arras.verified_on == timezone.localdate()
    change = StatusChange.objects.get(agreement=arras, status="dormant")
    assert change.previous == "active" and "Claire Lemaire" in change.origin
    entry = arras.history.first()
    assert entry.history_user == staff and "par lien personnel" in entry.history_change_reason
    invitation = Invitation.objects.get(agreement=arras)
    assert invitation.answered_at and invitation.history.first().history_user == staff


def test_a_contact_correction_becomes_a_conflict(api_for, staff, launched):
    arras = launched["arras"]
    response = api_for(staff).send(
        "post",
        url(arras),
        body(
            arras, status="active", contact_name="Paul Martin", contact_email="paul@arras.example"
        ),
    )
    assert response.status_code == 200, response.content
    assert response.json()["open_conflicts"] == ["Paul Martin <paul@arras.example>"]
    conflict = Conflict.objects.get(agreement=arras, field=ConflictField.CONTACT)
    assert conflict.history.get().history_user == staff
    contact = launched["contact"]
    contact.refresh_from_db()
    assert contact.email == "comite@example.org"  # the recorded value stands meanwhile


def test_a_used_link_is_refused_and_writes_nothing(api_for, staff, launched):
    arras = launched["arras"]
    assert api_for(staff).send("post", url(arras), body(arras)).status_code == 200
    before = counts(*MODELS)
    response = api_for(staff).send("post", url(arras), body(arras, status="active"))
    refused(
        response,
        "token",
        f"Ce lien a déjà servi le {format_date(timezone.localdate())} : il n'est valable "
        "qu'une fois. Merci pour votre réponse ; pour la corriger, écrivez au réseau.",
    )
    assert counts(*MODELS) == before


def test_a_link_of_another_twinning_or_tampered_or_expired_is_refused(api_for, staff, launched):
    arras, calais = launched["arras"], launched["calais"]
    before = counts(*MODELS)
    refused(
        api_for(staff).send("post", url(calais), body(arras)),
        "token",
        "Ce lien personnel concerne un autre jumelage : il ne donne pas accès à celui-ci. "
        "Utilisez le lien reçu pour chaque jumelage.",
    )
    refused(
        api_for(staff).send("post", url(arras), body(arras, token="abc")),
        "token",
        "Ce lien de vérification n'est pas valide : vérifiez qu'il a été copié en entier "
        "depuis le message reçu.",
    )
    expired = timezone.now() - dt.timedelta(days=1)
    Invitation.objects.filter(agreement=arras).update(expires_at=expired)
    refused(
        api_for(staff).send("post", url(arras), body(arras)),
        "token",
        f"Ce lien a expiré le {format_date(timezone.localtime(expired))}. Demandez un nouveau "
        "lien au réseau qui vous l'a envoyé.",
    )
    assert counts(*MODELS) == before


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            {"status": "ended"},
            "status",
            "Sélectionnez un choix valide. ended n’en fait pas partie.",
        ),
        ({"answered_by_name": ""}, "answered_by_name", "Ce champ est obligatoire."),
        ({"contact_email": "paul@"}, "contact_email", "Saisissez une adresse e-mail valide."),
        ({"statut": "active"}, "statut", "Champ inconnu « statut »"),
        ({"status": ["active"]}, "status", "Chaîne de caractère invalide."),
    ],
)
def test_a_refused_answer_says_why_and_writes_nothing(
    api_for, staff, launched, change, field, message
):
    arras = launched["arras"]
    before = counts(*MODELS)
    response = api_for(staff).send("post", url(arras), body(arras, **change))
    assert response.status_code == 400, response.content
    assert any(m.startswith(message) for m in response.json()["erreurs"][field]), response.json()
    assert counts(*MODELS) == before
    assert Agreement.objects.get(pk=arras.pk).status == "active"


def test_malformed_json_and_narrower_tokens_write_nothing(api_for, staff, launched):
    arras = launched["arras"]
    before = counts(*MODELS)
    response = api_for(staff).send("post", url(arras), raw='{"status": }')
    assert response.json()["message"].startswith("JSON mal formé (ligne 1")
    refused(
        api_for(staff, read_only=True).send("post", url(arras), body(arras)),
        None,
        "en lecture seule",
        status=403,
    )
    refused(
        api_for(staff, app_scope="calls").send("post", url(arras), body(arras)),
        None,
        "limité à « Appels à projets et candidatures »",
        status=403,
    )
    assert counts(*MODELS) == before
    scoped = api_for(staff, app_scope="twinnings")
    assert scoped.send("post", url(arras), body(arras)).status_code == 200


def test_a_holder_gets_404_on_another_twinning(api_for, make_user, launched):
    arras = launched["arras"]
    holder = make_user(Role.PROJECT_HOLDER, organisation=OrganisationFactory(name="Bêta"))
    before = counts(*MODELS)
    response = api_for(holder).send("post", url(arras), body(arras))
    assert response.status_code == 404
    assert counts(*MODELS) == before

"""POST /api/v1/candidatures/<id>/depot/: the application page's « Déposer »
(calls.services.submit): every failing rule of the call named, nothing written on a refusal,
the step and the history naming the token's owner."""

import datetime as dt

import pytest

from ouverture.accounts.enums import Role
from ouverture.calls.enums import ApplicationStatus as S
from ouverture.calls.models import ApplicationStep
from tests.api.writes_helpers import counts, refused
from tests.calls.factories import make_call, make_scheme
from tests.calls.test_applications import draft
from tests.organisations.factories import OrganisationFactory

MODELS = ("calls.Application", "calls.ApplicationStep")


def url(application):
    return f"/api/v1/candidatures/{application.pk}/depot/"


@pytest.fixture
def call(db):
    """A call open today (the API submits today, as the screen)."""
    today = dt.date.today()
    return make_call(
        scheme=make_scheme(code="api62", acronym="API62"),
        year=today.year,
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=10),
        eligible_kinds=["association"],
        project_types=["youth_mobility"],
    )


def test_a_clean_application_is_submitted_by_the_token_owner(
    api_for, call, holder, holder_organisation
):
    application = draft(call, holder, holder_organisation)
    response = api_for(holder).send("post", url(application), {})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.SUBMITTED and response.json()["submitted_at"]
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    step = ApplicationStep.objects.get()
    assert (step.actor, step.source, step.target) == (holder, "draft", "submitted")
    assert application.history.latest("history_date").history_user == holder


def test_every_failing_rule_is_named_and_nothing_written(api_for, call, holder, make_user):
    other = OrganisationFactory(outside=True, legal_kind="company")
    holder_b = make_user(Role.PROJECT_HOLDER, organisation=other)
    application = draft(
        call, holder_b, other, requested="4900", resources=(("Département", "4900", False, True),)
    )
    before = counts(*MODELS)
    response = api_for(holder_b).send("post", url(application), {})
    body = refused(response, "general", response.json()["erreurs"]["general"][0])
    messages = body["erreurs"]["general"]
    assert len(messages) >= 4 and body["message"].startswith(
        f"Requête refusée : {len(messages)} erreurs"
    )
    text = " ".join(messages)
    assert "forme juridique" in text and "Territoire" in text
    assert "au-delà du maximum de 80" in text
    assert "n'est pas équilibré" in text
    assert counts(*MODELS) == before
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_an_application_submitted_twice_is_refused(api_for, call, holder, holder_organisation):
    application = draft(call, holder, holder_organisation)
    assert api_for(holder).send("post", url(application), {}).status_code == 200
    before = counts(*MODELS)
    response = api_for(holder).send("post", url(application), {})
    assert response.status_code == 400, response.content
    assert response.json()["erreurs"] == {
        "status": ["Étape « Déposée » déjà franchie : rien à refaire."]
    }
    assert counts(*MODELS) == before


@pytest.mark.parametrize(
    "raw, field, message",
    [
        (
            '{"status": "submitted"}',
            "status",
            "Champ inconnu « status » : champs acceptés : aucun.",
        ),
        ("[1]", "general", 'Objet JSON attendu ({"champ": valeur, …}) : reçu une liste.'),
    ],
)
def test_a_body_is_refused_by_name_and_writes_nothing(
    api_for, call, holder, holder_organisation, raw, field, message
):
    application = draft(call, holder, holder_organisation)
    before = counts(*MODELS)
    refused(api_for(holder).send("post", url(application), raw=raw), field, message)
    assert counts(*MODELS) == before


def test_malformed_json_writes_nothing(api_for, call, holder, holder_organisation):
    application = draft(call, holder, holder_organisation)
    before = counts(*MODELS)
    response = api_for(holder).send("post", url(application), raw="{")
    assert response.status_code == 400
    assert response.json()["message"].startswith("JSON mal formé (ligne 1")
    assert counts(*MODELS) == before


def test_narrower_tokens_and_other_organisations_are_refused(
    api_for, call, holder, holder_organisation, make_user
):
    application = draft(call, holder, holder_organisation)
    before = counts(*MODELS)
    refused(
        api_for(holder, read_only=True).send("post", url(application), {}),
        None,
        "en lecture seule",
        status=403,
    )
    refused(
        api_for(holder, app_scope="events").send("post", url(application), {}),
        None,
        "limité à « Temps collectifs et inscriptions »",
        status=403,
    )
    stranger = make_user(Role.PROJECT_HOLDER, organisation=OrganisationFactory(name="Bêta"))
    response = api_for(stranger).send("post", url(application), {})
    assert response.status_code == 404 and "Échange" not in response.content.decode()
    officer = make_user(Role.FUNDER_OFFICER)
    refused(api_for(officer).send("post", url(application), {}), None, "votre rôle", status=403)
    assert counts(*MODELS) == before
    assert api_for(holder, app_scope="calls").send("post", url(application), {}).status_code == 200

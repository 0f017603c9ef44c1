"""Applications: checked against the call's rules before submission, every failing rule named;
the instruction workflow per role; a decision needs its reason; scope by URL."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.calls import services
from ouverture.calls.enums import ApplicationStatus as S
from ouverture.calls.models import ApplicationStep, CallAlert
from ouverture.organisations.models import ProjectType
from tests.calls.factories import make_call
from tests.organisations.factories import OrganisationFactory

OPEN_DAY = dt.date(2025, 2, 1)


@pytest.fixture
def call(db):
    return make_call(eligible_kinds=["association"], project_types=["youth_mobility"])


def draft(
    call,
    holder,
    holder_organisation,
    *,
    requested="4000",
    lines=(("Transport", "5000"),),
    resources=None,
):
    application = services.create_application(
        actor=holder,
        call=call,
        organisation=holder_organisation,
        title="Échange de jeunes à Dakar",
        project_type=ProjectType.objects.get(code="youth_mobility"),
        participants=12,
        participants_by_age={"15-17": 8, "18-25": 4},
        requested_amount=requested,
    )
    for label, total in lines:
        services.add_line(application, actor=holder, label=label, total=total, base="2 × 2 500 €")
    for label, amount, in_kind, ask in resources or (
        ("Département", requested, False, True),
        ("Fonds propres", "1000", False, False),
        ("Bénévolat", "800", True, False),
    ):
        services.add_resource(
            application, actor=holder, label=label, amount=amount, in_kind=in_kind, is_request=ask
        )
    return application


def test_a_clean_application_is_submitted_and_every_failing_rule_is_named(
    call, holder, holder_organisation
):
    application = draft(call, holder, holder_organisation)
    services.submit(application, actor=holder, today=OPEN_DAY)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    step = ApplicationStep.objects.get()
    assert (step.actor, step.source, step.target) == (holder, "draft", "submitted")

    other = OrganisationFactory(outside=True, legal_kind="company")
    late = draft(
        call, holder, other, requested="4900", resources=(("Département", "4900", False, True),)
    )
    with pytest.raises(ValidationError) as error:
        services.submit(late, actor=holder, today=dt.date(2025, 5, 2))
    text = " ".join(error.value.messages)
    assert "clos depuis le 30 avril 2025" in text
    assert "forme juridique" in text and "Territoire" in text
    assert "au-delà du maximum de 80" in text
    assert "n'est pas équilibré" in text and "écart de -100,00" in text.replace("\u202f", " ")
    late.refresh_from_db()
    assert late.status == S.DRAFT and not late.steps.exists()


def test_in_kind_contributions_never_balance_the_plan(call, holder, holder_organisation):
    application = draft(
        call, holder, holder_organisation,
        resources=(("Département", "4000", False, True), ("Bénévolat", "1000", True, False)),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="en nature ne comptent pas"):
        services.submit(application, actor=holder, today=OPEN_DAY)


def test_transitions_per_role_and_reasons(call, holder, holder_organisation, funder_officer, staff):
    application = draft(call, holder, holder_organisation)
    services.submit(application, actor=holder, today=OPEN_DAY)
    with pytest.raises(ValidationError, match="Votre rôle ne permet pas"):
        services.move(application, S.UNDER_INSTRUCTION, actor=holder)
    services.move(application, S.UNDER_INSTRUCTION, actor=funder_officer)
    with pytest.raises(ValidationError, match="doit être motivée"):
        services.move(application, S.COMPLETION_REQUESTED, actor=funder_officer)
    services.move(
        application, S.COMPLETION_REQUESTED, actor=funder_officer, reason="Devis manquant"
    )
    services.add_line(application, actor=holder, label="Hébergement", total="500")
    services.add_resource(application, actor=holder, label="Commune", amount="500")
    services.move(application, S.COMPLETED, actor=holder)
    services.move(application, S.UNDER_INSTRUCTION, actor=funder_officer)
    with pytest.raises(ValidationError, match="doit être motivé"):
        services.give_opinion(application, actor=funder_officer, opinion="favourable", text="")
    services.give_opinion(
        application,
        actor=funder_officer,
        opinion="favourable",
        text="Projet solide",
        proposed_amount="3500",
    )
    services.move(application, S.PROPOSED, actor=funder_officer)
    with pytest.raises(ValidationError, match="n'est pas une étape prévue"):
        services.move(application, S.COMPLETED, actor=holder)
    with pytest.raises(ValidationError, match="doit être motivée"):
        services.move(application, S.ACCEPTED, actor=funder_officer, role="assembly")
    application.refresh_from_db()
    assert application.status == S.PROPOSED and application.proposed_amount == Decimal("3500.00")
    assert list(application.steps.values_list("target", flat=True)) == [
        "submitted", "instruction", "completion", "completed", "instruction", "proposed",
    ]  # fmt: skip


def test_the_network_enters_for_the_holder_who_confirms(call, staff, holder, holder_organisation):
    application = draft(call, staff, holder_organisation)
    assert application.entered_by_network and not application.holder_confirmed
    with pytest.raises(ValidationError, match="pas encore confirmé"):
        services.submit(application, actor=staff, today=OPEN_DAY)
    services.confirm(application, actor=holder)
    services.submit(application, actor=staff, today=OPEN_DAY)


def test_another_organisations_application_is_a_404(
    call, holder, holder_organisation, make_user, client_for
):
    application = draft(call, holder, holder_organisation)
    assert (
        client_for(holder).get(reverse("calls:application", args=[application.pk])).status_code
        == 200
    )
    stranger = make_user(Role.PROJECT_HOLDER, organisation=OrganisationFactory())
    client = client_for(stranger)
    assert client.get(reverse("calls:application", args=[application.pk])).status_code == 404
    assert (
        client.post(
            reverse("calls:application_move", args=[application.pk]), {"target": "submitted"}
        ).status_code
        == 404
    )


def test_the_public_page_says_when_the_next_call_opens_and_tells_by_email(call, client):
    url = reverse("calls:scheme", args=[call.scheme.code])
    page = client.get(url)
    assert page.status_code == 200
    # Today (the test's real date) is after the 2025 window: no call is open nor coming.
    assert "Aucun appel programmé" in page.text or "Prochain appel" in page.text
    assert client.post(url, {"email": "pas-une-adresse"}).status_code == 200
    assert not CallAlert.objects.exists()
    client.post(url, {"email": "Camille@example.org"})
    assert CallAlert.objects.get().email == "camille@example.org"
    assert services.send_opening_alerts(call, today=OPEN_DAY) == 1
    assert mail.outbox[0].to == ["camille@example.org"] and "30 avril 2025" in mail.outbox[0].body
    assert services.send_opening_alerts(call, today=OPEN_DAY) == 0


def test_a_holder_applies_from_the_pages(holder, holder_organisation, client_for):
    today = dt.date.today()
    call = make_call(
        year=today.year,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
    )
    client = client_for(holder)
    assert client.get(reverse("calls:application_create")).status_code == 200
    response = client.post(
        reverse("calls:application_create"),
        {
            "call": call.pk, "organisation": holder_organisation.pk, "title": "Chantier au Bénin",
            "project_type": "youth_mobility", "participants": "10", "requested_amount": "2 000,00",
        },
    )  # fmt: skip
    application = call.applications.get()
    assert response.status_code == 302 and application.requested_amount == Decimal("2000.00")
    client.post(
        reverse("calls:application_add", args=[application.pk, "ligne"]),
        {"line-label": "Billets", "line-total": "3 000", "line-base": "10 × 300 €"},
    )
    client.post(
        reverse("calls:application_add", args=[application.pk, "ressource"]),
        {"resource-label": "Département", "resource-amount": "2000", "resource-is_request": "on"},
    )
    page = client.get(reverse("calls:application", args=[application.pk]))
    assert "n&#x27;est pas équilibré" in page.text or "n'est pas équilibré" in page.text
    client.post(reverse("calls:application_move", args=[application.pk]), {"target": "submitted"})
    application.refresh_from_db()
    assert application.status == S.DRAFT
    client.post(
        reverse("calls:application_add", args=[application.pk, "ressource"]),
        {"resource-label": "Fonds propres", "resource-amount": "1000"},
    )
    client.post(reverse("calls:application_move", args=[application.pk]), {"target": "submitted"})
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_an_unknown_step_is_a_message_and_moves_nothing(
    call, holder, holder_organisation, client_for
):
    application = draft(call, holder, holder_organisation)
    url = reverse("calls:application_move", args=[application.pk])
    for target in ("", "nowhere"):
        response = client_for(holder).post(url, {"target": target}, follow=True)
        assert response.status_code == 200
        assert "Choisissez une étape proposée." in response.text
    application.refresh_from_db()
    assert application.status == S.DRAFT

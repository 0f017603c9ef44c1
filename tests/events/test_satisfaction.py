"""The satisfaction questionnaire of a workshop: built from the shipped model with the
workshop's sessions, sent only to the people present, counted in the summary."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.accounts.services import system_user
from ouverture.events import satisfaction, services
from ouverture.events.models import Workshop
from ouverture.events.queries import year_summary
from ouverture.surveys import services as surveys
from ouverture.surveys.models import Invitation, Questionnaire, Response
from tests.events.factories import make_workshop, register, register_past
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

BUILDERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}


def full_answers(q):
    """Every required question answered: last choice, 4 out of 5, a sentence."""
    answers = {}
    for question in q.questions.prefetch_related("choices"):
        if question.show_if_id or not question.required:
            continue
        if question.kind == "scale":
            answers[question.code] = "4"
        elif question.kind in ("single_choice", "multiple_choice"):
            answers[question.code] = question.choices.last().value
        else:
            answers[question.code] = "Utile"
    return answers


def _without_kind(workshops):
    return [{k: v for k, v in w.items() if k != "kind"} for w in workshops]


def test_the_whole_workshops_2023_list_is_computed_from_records(source_data, seed_figures):
    assert _without_kind(year_summary(2023)["workshops"]) == seed_figures["workshops_2023"]


def test_the_command_prints_questionnaire_answers(source_data, seed_figures):
    out = io.StringIO()
    call_command("events", "summary", "--year", "2023", "--format", "json", stdout=out)
    workshops = json.loads(out.getvalue())["workshops"]
    assert _without_kind(workshops) == seed_figures["workshops_2023"]
    assert workshops[0]["questionnaire_answers"] == 5
    assert "questionnaire_answers" not in workshops[1]  # none linked: no invented figure
    out = io.StringIO()
    call_command("events", "summary", "--year", "2023", stdout=out)
    assert (
        "13 participant·e·s, 8 structures (Mobilité jeunesse 6, Coopération internationale 2), 5 réponses au questionnaire"
        in out.getvalue()
    )


def test_the_2023_workshop_page_tells_the_rate_against_the_participants(
    source_data, client_for, staff
):
    workshop = Workshop.objects.get(date="2023-03-02")
    page = text(client_for(staff).get(reverse("events:detail", args=[workshop.pk])))
    assert "5 réponses sur 13 participants (38 %)" in page
    november = Workshop.objects.get(date="2023-11-10")
    page = text(client_for(staff).get(reverse("events:detail", args=[november.pk])))
    assert "Aucun questionnaire d'évaluation rattaché." in page


def test_the_questionnaire_offers_the_workshops_sessions(db):
    workshop = make_workshop(ateliers=3)
    services.add_agenda_item(workshop, actor=system_user(), activity="Pause café")
    services.add_agenda_item(workshop, actor=system_user(), activity="Présentation du dispositif")
    q = satisfaction.create_questionnaire(workshop, actor=system_user())
    assert q.subject_ref == f"events.workshop:{workshop.pk}"
    assert q.definition == "workshop_satisfaction" and q.status == "draft"
    labels = list(q.questions.get(code="sessions").choices.values_list("label", flat=True))
    assert labels == ["Atelier 1", "Atelier 2", "Atelier 3", "Présentation du dispositif"]
    assert satisfaction.questionnaire_for(workshop) == q
    with pytest.raises(ValidationError, match="déjà rattaché"):
        satisfaction.create_questionnaire(workshop, actor=system_user())
    assert Questionnaire.objects.count() == 1


def test_without_two_sessions_the_sessions_question_is_left_out(db):
    workshop = make_workshop(agenda=False)
    q = satisfaction.create_questionnaire(workshop, actor=system_user())
    assert not q.questions.filter(code="sessions").exists()
    assert q.questions.filter(code="satisfaction").exists()


def test_sent_only_to_the_people_present_with_an_email(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    workshop = make_workshop(days_ahead=0)
    present = services.check_in(
        workshop, register_past(workshop, full_name="Léa Présente"), actor=system_user()
    )
    register_past(workshop, full_name="Noé Absent")  # registered, never checked in
    services.add_walk_in(workshop, actor=system_user(), full_name="Sans Adresse")
    satisfaction.create_questionnaire(workshop, actor=system_user())
    with django_capture_on_commit_callbacks(execute=True):
        sending = satisfaction.send_to_participants(workshop, actor=system_user())
    assert [i.name for i in sending.invited] == ["Léa Présente"]
    assert [p.name for p in sending.without_email] == ["Sans Adresse"]
    assert sending.invited[0].reference == f"events.registration:{present.pk}"
    assert [m.to for m in mailoutbox] == [[present.email]]
    assert re.search(r"/questionnaires/p/\S+/", mailoutbox[0].body)
    assert satisfaction.questionnaire_for(workshop).status == "open"

    # Sent again after a late check-in: only the newcomer is written to.
    late = services.check_in(workshop, register_past(workshop), actor=system_user())
    again = satisfaction.send_to_participants(workshop, actor=system_user())
    assert [i.email for i in again.invited] == [late.email]
    assert again.already_invited == 1
    assert Invitation.objects.count() == 2


@pytest.mark.parametrize(
    "situation,message",
    [
        ("no_questionnaire", "Créez d'abord le questionnaire"),
        ("future", "le jour même ou après"),
        ("nobody_present", "Personne n'est noté·e présent·e"),
        ("no_email", "Aucune des personnes présentes n'a d'adresse e-mail"),
    ],
)
def test_sending_refused_with_a_reason_and_nothing_written(db, mailoutbox, situation, message):
    workshop = make_workshop(days_ahead=5 if situation == "future" else 0)
    if situation == "future":
        register(workshop)
    elif situation == "no_email":
        services.add_walk_in(workshop, actor=system_user(), full_name="Sans Adresse")
    if situation != "no_questionnaire":
        satisfaction.create_questionnaire(workshop, actor=system_user())
    with pytest.raises(ValidationError, match=message):
        satisfaction.send_to_participants(workshop, actor=system_user())
    assert not Invitation.objects.exists()
    assert mailoutbox == [] or situation == "future" and len(mailoutbox) == 1  # the confirmation
    if situation != "no_questionnaire":
        assert satisfaction.questionnaire_for(workshop).status == "draft"


def test_answer_count_is_none_without_questionnaire_then_counts_responses(db):
    workshop = make_workshop(days_ahead=0)
    assert satisfaction.answer_count(workshop) is None
    assert "questionnaire_answers" not in year_summary(workshop.date.year)["workshops"][0]
    q = satisfaction.create_questionnaire(workshop, actor=system_user())
    assert satisfaction.answer_count(workshop) == 0
    surveys.open_questionnaire(q, actor=system_user())
    surveys.submit_response(q, {"lessons": "Le budget"}, entered_by=system_user())
    surveys.submit_response(q, {"lessons": "Les critères"}, entered_by=system_user())
    assert satisfaction.answer_count(workshop) == 2
    figures = year_summary(workshop.date.year)["workshops"][0]
    assert figures["questionnaire_answers"] == 2


def test_only_a_satisfaction_questionnaire_is_attached(db):
    workshop = make_workshop()
    intake = surveys.create_from_definition("pam_intake", actor=system_user())
    with pytest.raises(ValidationError, match="Seul un questionnaire de satisfaction"):
        satisfaction.attach_existing(intake, workshop, actor=system_user())


def test_staff_create_and_send_from_the_workshop_page(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    workshop = make_workshop(days_ahead=0)
    for n in range(3):
        r = register_past(workshop, full_name=f"Personne {n}")
        if n:
            services.check_in(workshop, r, actor=system_user())
    client = client_for(staff)
    url = reverse("events:detail", args=[workshop.pk])
    client.post(reverse("events:satisfaction_create", args=[workshop.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:satisfaction_send", args=[workshop.pk]), follow=True)
    page = text(response)
    assert "Questionnaire envoyé à 2 personnes présentes." in page
    assert "0 réponse sur 2 participants (0 %)" in page
    assert len(mailoutbox) == 2
    q = satisfaction.questionnaire_for(workshop)
    invitation = q.invitations.first()
    surveys.submit_response(q, full_answers(q), invitation=invitation)
    page = text(client.get(url))
    assert "1 réponse sur 2 participants (50 %)" in page
    assert "2 liens personnels envoyés" in page


def test_refusal_is_shown_on_the_page(client_for, staff):
    workshop = make_workshop(days_ahead=3)
    client = client_for(staff)
    client.post(reverse("events:satisfaction_create", args=[workshop.pk]))
    response = client.post(reverse("events:satisfaction_send", args=[workshop.pk]), follow=True)
    assert "le jour même ou après" in text(response)
    assert not Invitation.objects.exists()


def test_satisfaction_views_per_role(users_by_role, client_for):
    for role, user in users_by_role.items():
        workshop = make_workshop(days_ahead=0, title=f"Atelier {role}")
        services.check_in(workshop, register_past(workshop), actor=system_user())
        client = client_for(user)
        created = client.post(reverse("events:satisfaction_create", args=[workshop.pk]))
        sent = client.post(reverse("events:satisfaction_send", args=[workshop.pk]))
        if role in BUILDERS:
            assert (created.status_code, sent.status_code) == (302, 302), role
            assert satisfaction.questionnaire_for(workshop).invitations.count() == 1, role
        else:
            assert (created.status_code, sent.status_code) == (403, 403), role
            assert satisfaction.questionnaire_for(workshop) is None, role
        assert user.has_perm("events.manage_satisfaction") == (role in BUILDERS)


def _responses(q, n):
    Response.objects.bulk_create(
        Response(questionnaire=q, source="transcribed", entered_by=system_user()) for _ in range(n)
    )


def test_the_workshop_page_costs_the_same_queries_with_few_and_many_answers(client_for, staff):
    client = client_for(staff)
    counts = []
    for n in (3, 80):
        workshop = make_workshop(days_ahead=0, title=f"W{n}")
        organisations = [OrganisationFactory() for _ in range(3)]
        for i in range(n):
            r = register_past(workshop, organisation=organisations[i % 3])
            services.check_in(workshop, r, actor=system_user())
        satisfaction.create_questionnaire(workshop, actor=system_user())
        satisfaction.send_to_participants(workshop, actor=system_user())
        _responses(satisfaction.questionnaire_for(workshop), n // 2)
        url = reverse("events:detail", args=[workshop.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert f"{n // 2} réponse" in text(response)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def _answered(q, n):
    """n responses answering every question of the satisfaction model (bulk rows)."""
    from ouverture.surveys.models import Answer

    questions = list(q.questions.prefetch_related("choices"))
    responses = Response.objects.bulk_create(
        Response(questionnaire=q, source="transcribed", entered_by=system_user()) for _ in range(n)
    )
    rows = []
    for i, response in enumerate(responses):
        for question in questions:
            choices = list(question.choices.all())
            if choices:
                rows.append(Answer(response=response, question=question, choice=choices[i % 2]))
            elif question.kind == "scale":
                rows.append(Answer(response=response, question=question, number=1 + i % 5))
            else:
                rows.append(Answer(response=response, question=question, text=f"Texte {i}"))
    Answer.objects.bulk_create(rows)


def test_the_results_page_of_a_workshop_questionnaire_costs_the_same_queries(client_for, staff):
    client = client_for(staff)
    counts = []
    for n in (2, 150):
        workshop = make_workshop(days_ahead=0, title=f"R{n}", ateliers=3)
        q = satisfaction.create_questionnaire(workshop, actor=system_user())
        _answered(q, n)
        url = reverse("surveys:results", args=[q.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert f"Texte {n - 1}" in text(response)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_questionnaire_page_names_and_links_its_workshop(db, client_for, staff):
    workshop = make_workshop(title="Dépôt de projet")
    q = satisfaction.create_questionnaire(workshop, actor=system_user())
    page = client_for(staff).get(reverse("surveys:detail", args=[q.pk])).content.decode()
    link = f'<a href="{reverse("events:detail", args=[workshop.pk])}">Temps collectif « Dépôt de projet ('
    assert link in page
    assert f"events.workshop:{workshop.pk}" not in text(
        client_for(staff).get(reverse("surveys:list"))
    )

"""The engine's write paths: building, opening, inviting, and every check on answers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ouverture.surveys import services
from ouverture.surveys.enums import QuestionKind, QuestionnaireStatus, ResponseSource
from ouverture.surveys.models import Answer, Invitation, Question, Response
from tests.surveys.factories import VALID, answer, invitation, questionnaire


def _messages(error):
    return error.value.message_dict if hasattr(error.value, "error_dict") else error.value.messages


# ---------------------------------------------------------------- building


def test_questions_are_read_in_section_then_position_order(db):
    q = questionnaire(open=False)
    assert [x.code for x in q.questions.in_order()] == [
        "expectations", "other_workshop", "which", "satisfaction", "participants", "lessons",
    ]  # fmt: skip


def test_building_records_who_changed_what(db, staff):
    q = services.create_questionnaire(actor=staff, title="Avis")
    section = services.add_section(q, actor=staff, title="Tout")
    question = services.add_question(
        section, actor=staff, text="Votre avis ?", kind=QuestionKind.LONG_TEXT
    )
    assert question.code == "votre_avis"
    services.update_question(question, actor=staff, text="Votre avis sur la journée ?")
    assert question.history.first().history_user == staff
    assert q.history.first().history_user == staff


def test_a_condition_must_point_to_an_earlier_closed_question(db, actor):
    q = questionnaire(open=False)
    section = q.sections.first()
    text = Question.objects.get(questionnaire=q, code="which")
    with pytest.raises(ValidationError) as error:
        services.add_question(
            section, actor=actor, text="Et encore ?", kind=QuestionKind.SHORT_TEXT,
            show_if=text, show_if_values=["x"],
        )  # fmt: skip
    assert "question à choix" in str(error.value)
    other = Question.objects.get(questionnaire=q, code="other_workshop")
    with pytest.raises(ValidationError) as error:
        services.add_question(
            section, actor=actor, text="Et encore ?", kind=QuestionKind.SHORT_TEXT,
            show_if=other, show_if_values=["maybe"],
        )  # fmt: skip
    assert "non proposée" in str(error.value)


def test_moving_a_question_above_its_condition_is_refused(db, actor):
    q = questionnaire(open=False)
    which = Question.objects.get(questionnaire=q, code="which")
    with pytest.raises(ValidationError) as error:
        services.move_question(which, actor=actor, direction="up")
    assert "doit venir après" in str(error.value)
    assert [x.code for x in q.questions.in_order()][:3] == [
        "expectations", "other_workshop", "which",
    ]  # fmt: skip
    services.move_question(
        Question.objects.get(questionnaire=q, code="expectations"), actor=actor, direction="down"
    )
    assert [x.code for x in q.questions.in_order()][:2] == ["other_workshop", "expectations"]


def test_sections_move_and_conditions_still_hold(db, actor):
    q = questionnaire(open=False)
    second = q.sections.last()
    services.move_section(second, actor=actor, direction="up")
    assert [s.title for s in q.sections.all()] == ["Votre avis", "La rencontre"]


def test_choice_questions_need_two_choices_and_keep_answered_ones(db, actor):
    q = questionnaire()
    section = q.sections.first()
    with pytest.raises(ValidationError) as error:
        services.add_question(
            section, actor=actor, text="Un seul ?", kind=QuestionKind.SINGLE_CHOICE,
            choices=["Oui"],
        )  # fmt: skip
    assert "au moins deux choix" in str(error.value)
    answer(q)
    expectations = Question.objects.get(questionnaire=q, code="expectations")
    with pytest.raises(ValidationError) as error:
        services.update_question(expectations, actor=actor, choices=[("network", "Le réseau"),
                                                                    ("budget", "Le budget")])  # fmt: skip
    assert "Le choix « Les critères » a été coché dans 1 réponse :" in str(error.value)
    services.update_question(
        expectations,
        actor=actor,
        choices=[("criteria", "Les critères de l'appel"), ("budget", "Le budget"),
                 ("network", "Le réseau"), ("", "Autre")],
    )  # fmt: skip
    assert [c.label for c in expectations.choices.all()] == [
        "Les critères de l'appel", "Le budget", "Le réseau", "Autre",
    ]  # fmt: skip


def test_answered_questions_keep_their_kind_and_cannot_be_deleted(db, actor):
    q = questionnaire()
    answer(q)
    lessons = Question.objects.get(questionnaire=q, code="lessons")
    with pytest.raises(ValidationError):
        services.update_question(lessons, actor=actor, kind=QuestionKind.SHORT_TEXT)
    with pytest.raises(ValidationError) as error:
        services.delete_question(lessons, actor=actor)
    assert "a reçu 1 réponse :" in str(error.value)
    with pytest.raises(ValidationError):
        services.delete_questionnaire(q, actor=actor)


def test_a_question_others_depend_on_cannot_be_deleted(db, actor):
    q = questionnaire(open=False)
    with pytest.raises(ValidationError) as error:
        services.delete_question(
            Question.objects.get(questionnaire=q, code="other_workshop"), actor=actor
        )
    assert "commande l'affichage" in str(error.value)
    services.delete_question(Question.objects.get(questionnaire=q, code="which"), actor=actor)
    services.delete_question(
        Question.objects.get(questionnaire=q, code="other_workshop"), actor=actor
    )
    assert q.questions.count() == 4


def test_open_and_close(db, actor):
    empty = services.create_questionnaire(actor=actor, title="Vide")
    with pytest.raises(ValidationError) as error:
        services.open_questionnaire(empty, actor=actor)
    assert "au moins une question" in str(error.value)
    q = questionnaire(open=False)
    with pytest.raises(ValidationError):
        services.close_questionnaire(q, actor=actor)
    services.open_questionnaire(q, actor=actor)
    assert q.status == QuestionnaireStatus.OPEN and q.opened_at
    services.close_questionnaire(q, actor=actor)
    assert q.status == QuestionnaireStatus.CLOSED and q.closed_at


def test_attach_to_a_subject_and_read_its_responses(db, actor):
    q = questionnaire()
    services.attach(q, "events.workshop:7", actor=actor)
    answer(q)
    from ouverture.surveys.results import responses_for

    assert responses_for("events.workshop:7").count() == 1
    assert responses_for("events.workshop:8").count() == 0


# ---------------------------------------------------------------- invitations


def test_invite_sends_one_personal_link_each_and_skips_people_already_invited(
    db, staff, django_capture_on_commit_callbacks
):
    q = questionnaire()
    people = [
        {
            "name": "Camille Martin",
            "email": "camille@example.org",
            "reference": "events.registration:1",
        },
        ("Léa Dupont", "lea@example.org", "events.registration:2"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        created = services.invite(q, people, actor=staff, subject="Votre avis sur l'atelier")
    assert len(created) == 2 and len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.subject == "Votre avis sur l'atelier"
    assert message.to == ["camille@example.org"]
    assert services.invitation_url(created[0]) in message.body
    assert "/questionnaires/p/" in services.invitation_url(created[0])
    with django_capture_on_commit_callbacks(execute=True):
        again = services.invite(q, people, actor=staff)
    assert again == [] and len(mail.outbox) == 2
    assert Invitation.objects.filter(questionnaire=q).count() == 2
    assert created[0].history.first().history_user == staff


def test_invite_refuses_bad_addresses_and_writes_nothing(db, staff):
    q = questionnaire()
    with pytest.raises(ValidationError) as error:
        services.invite(
            q, [("Camille", "camille@example.org"), ("Léa", "lea-at-example")], actor=staff
        )
    assert "Destinataire n° 2 (Léa) : « lea-at-example » n'est pas une adresse e-mail." in str(
        error.value
    )
    assert not Invitation.objects.exists()


def test_invite_needs_an_open_questionnaire(db, staff):
    with pytest.raises(ValidationError) as error:
        services.invite(questionnaire(open=False), [("Camille", "c@example.org")], actor=staff)
    assert "Ouvrez le questionnaire" in str(error.value)


def test_a_tampered_token_is_refused(db):
    q = questionnaire()
    token = services.invitation_token(invitation(q))
    assert services.find_invitation(token).questionnaire == q
    with pytest.raises(ValidationError) as error:
        services.find_invitation(token[:-2] + "xx")
    assert "n'est pas valide" in str(error.value)


# ---------------------------------------------------------------- answers


def test_a_valid_response_stores_one_row_per_answer(db):
    q = questionnaire()
    response = answer(q)
    assert response.source == ResponseSource.TRANSCRIBED
    rows = Answer.objects.filter(response=response)
    assert rows.count() == 6  # two ticked choices, one choice, scale, number, text
    assert rows.get(question__code="participants").number == Decimal("3")
    assert rows.get(question__code="satisfaction").number == 4


def test_answer_by_personal_link_takes_name_and_reference_from_the_invitation(db):
    q = questionnaire()
    link = invitation(q, reference="events.registration:42")
    response = services.submit_response(q, VALID, invitation=link)
    assert response.source == ResponseSource.INVITATION
    assert response.respondent_name == "Camille Martin"
    assert response.reference == "events.registration:42"


def test_a_hidden_question_is_neither_required_nor_stored(db):
    q = questionnaire()
    response = answer(q, other_workshop="no", which="Ce texte ne doit pas être gardé")
    assert not response.answers.filter(question__code="which").exists()
    shown = answer(q, other_workshop="yes", which="Un atelier d'écriture")
    assert shown.answers.get(question__code="which").text == "Un atelier d'écriture"


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"satisfaction": ""}, "satisfaction", "Cette question est obligatoire."),
        ({"expectations": []}, "expectations", "Cette question est obligatoire."),
        ({"other_workshop": "yes"}, "which", "Cette question est obligatoire."),
        ({"satisfaction": "6"}, "satisfaction", "La note doit être un nombre entier de 1 à 5 (« 6 » reçu)."),
        ({"satisfaction": "3,5"}, "satisfaction", "La note doit être un nombre entier de 1 à 5"),
        ({"other_workshop": "maybe"}, "other_workshop", "« maybe » ne fait pas partie des choix proposés."),
        ({"other_workshop": ["yes", "no"]}, "other_workshop", "Une seule réponse est possible."),
        ({"expectations": ["criteria", "travel"]}, "expectations", "« travel » ne fait pas partie des choix proposés."),
        ({"participants": "trois"}, "participants", "« trois » n'est pas un nombre"),
        ({"participants": "-2"}, "participants", "ne peut pas être négatif"),
        ({"lessons": "x" * 10_001}, "lessons", "Réponse trop longue"),
    ],
)  # fmt: skip
def test_bad_answers_are_refused_with_a_message_and_nothing_written(db, changes, field, message):
    q = questionnaire()
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, {**VALID, **changes}, invitation=invitation(q))
    assert message in " ".join(error.value.message_dict[field])
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_personal_link_serves_once(db):
    q = questionnaire()
    link = invitation(q)
    services.submit_response(q, VALID, invitation=link)
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, VALID, invitation=link)
    assert "Ce lien personnel a déjà servi" in str(error.value)
    assert Response.objects.count() == 1


def test_an_expired_link_is_refused(db, actor):
    q = questionnaire()
    link = invitation(q)
    Invitation.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    link.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, VALID, invitation=link)
    assert "Ce lien personnel a expiré le" in str(error.value)
    assert not Response.objects.exists()


def test_a_link_of_another_questionnaire_is_refused(db):
    q, other = questionnaire(), questionnaire(title="Autre")
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, VALID, invitation=invitation(other))
    assert "ne correspond pas" in str(error.value)


def test_a_closed_or_draft_questionnaire_takes_no_answer(db, actor):
    q = questionnaire()
    link = invitation(q)
    services.close_questionnaire(q, actor=actor)
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, VALID, invitation=link)
    assert "Ce questionnaire est clos" in str(error.value)
    draft = questionnaire(open=False, is_public=True)
    with pytest.raises(ValidationError) as error:
        services.submit_response(draft, VALID)
    assert "pas encore ouvert" in str(error.value)
    assert not Response.objects.exists()


def test_an_automatic_closing_date_closes_the_questionnaire(db):
    q = questionnaire(is_public=True)
    q.closes_at = timezone.now() - dt.timedelta(minutes=1)
    q.save()
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, VALID)
    assert "clos" in str(error.value)


def test_a_private_questionnaire_needs_a_personal_link(db):
    q = questionnaire()
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, VALID)
    assert "uniquement par un lien personnel" in str(error.value)


def test_a_public_questionnaire_may_ask_for_name_and_email(db):
    q = questionnaire(is_public=True, asks_identity=True)
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, VALID, respondent_email="pas-une-adresse")
    assert error.value.message_dict["respondent_name"] == ["Indiquez votre nom."]
    assert "n'est pas une adresse e-mail" in error.value.message_dict["respondent_email"][0]
    response = services.submit_response(
        q, VALID, respondent_name="Camille", respondent_email="camille@example.org"
    )
    assert response.source == ResponseSource.PUBLIC


def test_unknown_questions_and_empty_responses_are_refused(db, actor):
    q = questionnaire(is_public=True)
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, {**VALID, "age": "12"})
    assert "Question inconnue : age." in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, {}, entered_by=actor)
    assert "Aucune réponse" in str(error.value)


def test_french_numbers_are_read(db):
    q = questionnaire()
    response = answer(q, participants="12\u00a0500,50")
    assert response.answers.get(question__code="participants").number == Decimal("12500.50")


def test_a_transcription_may_leave_required_questions_empty_but_not_break_other_rules(db, actor):
    q = questionnaire()
    response = services.submit_response(q, {"lessons": "Aide pour le budget"}, entered_by=actor)
    assert response.answers.count() == 1 and response.entered_by == actor
    with pytest.raises(ValidationError):
        services.submit_response(q, {"satisfaction": "6"}, entered_by=actor)

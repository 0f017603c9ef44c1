"""The questionnaire pages, for each role, and the public answering pages."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.surveys import services
from ouverture.surveys.models import Invitation, Question, Questionnaire, Response
from tests.surveys.factories import VALID, answer, invitation, questionnaire
from tests.utils import text

BUILDERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}
READERS = BUILDERS | {Role.FINANCE_MANAGER, Role.FUNDER_OFFICER}


def _read_urls(q):
    chart_question = q.questions.get(code="satisfaction")
    return [
        reverse("surveys:detail", args=[q.pk]),
        reverse("surveys:results", args=[q.pk]),
        reverse("surveys:preview", args=[q.pk]),
        reverse("surveys:chart", args=[q.pk, chart_question.pk]),
        reverse("surveys:export", args=[q.pk, "xlsx"]),
        reverse("surveys:export", args=[q.pk, "csv"]),
    ]


def _build_urls(q):
    section = q.sections.first()
    question = q.questions.get(code="which")
    return [
        reverse("surveys:update", args=[q.pk]),
        reverse("surveys:invite", args=[q.pk]),
        reverse("surveys:transcribe", args=[q.pk]),
        reverse("surveys:section_update", args=[q.pk, section.pk]),
        reverse("surveys:question_add", args=[q.pk, section.pk]),
        reverse("surveys:question_update", args=[q.pk, question.pk]),
    ]


def test_login_is_required_for_staff_pages(client, db):
    q = questionnaire()
    answer(q)
    for url in [
        reverse("surveys:list"),
        reverse("surveys:create"),
        *_read_urls(q),
        *_build_urls(q),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login"))


def test_list_and_create_per_role(users_by_role, client_for):
    for role, user in users_by_role.items():
        client = client_for(user)
        assert client.get(reverse("surveys:list")).status_code == (
            200 if role in READERS else 403
        ), role
        assert client.get(reverse("surveys:create")).status_code == (
            200 if role in BUILDERS else 403
        ), role


def test_read_pages_per_role(users_by_role, client_for):
    q = questionnaire()
    answer(q)
    for role, user in users_by_role.items():
        client = client_for(user)
        for url in _read_urls(q):
            expected = 200 if role in READERS else 404
            assert client.get(url).status_code == expected, (role, url)


def test_build_pages_per_role(users_by_role, client_for):
    q = questionnaire()
    for role, user in users_by_role.items():
        client = client_for(user)
        for url in _build_urls(q):
            expected = 200 if role in BUILDERS else 404 if role == Role.PROJECT_HOLDER else 403
            assert client.get(url).status_code == expected, (role, url)


def test_writes_per_role(users_by_role, client_for):
    q = questionnaire()
    question = q.questions.get(code="expectations")
    for role, user in users_by_role.items():
        client = client_for(user)
        expected = {302} if role in BUILDERS else {404} if role == Role.PROJECT_HOLDER else {403}
        for url, data in [
            (reverse("surveys:close", args=[q.pk]), {}),
            (reverse("surveys:open", args=[q.pk]), {}),
            (reverse("surveys:question_move", args=[q.pk, question.pk]), {"direction": "down"}),
            (reverse("surveys:section_add", args=[q.pk]), {"title": f"Section {role}"}),
        ]:
            assert client.post(url, data).status_code in expected, (role, url)
    assert q.sections.count() == 2 + len(BUILDERS)


def test_only_builders_see_who_was_invited(users_by_role, client_for):
    q = questionnaire()
    invitation(q, name="Camille Martin")
    for role, user in users_by_role.items():
        if role not in READERS:
            continue
        page = text(client_for(user).get(reverse("surveys:detail", args=[q.pk])))
        assert ("Camille Martin" in page) == (role in BUILDERS), role
        assert "0 réponse sur 1 personne invitée" in page


def test_export_names_respondents_for_builders_only(client_for, staff, funder_officer):
    q = questionnaire()
    services.submit_response(q, VALID, invitation=invitation(q, name="Camille Martin"))
    url = reverse("surveys:export", args=[q.pk, "csv"])
    assert "Camille Martin" in client_for(staff).get(url).content.decode("utf-8-sig")
    assert "Camille Martin" not in client_for(funder_officer).get(url).content.decode("utf-8-sig")


# ---------------------------------------------------------------- building through the pages


def test_staff_creates_a_questionnaire_from_a_definition(client_for, staff):
    client = client_for(staff)
    response = client.post(
        reverse("surveys:create"),
        {
            "definition": "pam_intake",
            "title": "",
            "kind": "other",
            "subject_ref": "pathways.cohort:1",
        },
    )
    q = Questionnaire.objects.get()
    assert response.status_code == 302 and response.url == reverse("surveys:detail", args=[q.pk])
    assert q.title.startswith("Candidature au parcours") and q.subject_ref == "pathways.cohort:1"
    assert q.questions.count() > 10
    assert q.is_public and q.asks_identity and q.kind == "intake" and q.description
    response = client.post(
        reverse("surveys:create"), {"definition": "", "title": "", "kind": "other"}
    )
    assert "Donnez un titre au questionnaire." in text(response)
    assert Questionnaire.objects.count() == 1


def test_staff_adds_a_conditional_question(client_for, staff):
    q = questionnaire(open=False)
    section = q.sections.last()
    other = q.questions.get(code="other_workshop")
    client = client_for(staff)
    url = reverse("surveys:question_add", args=[q.pk, section.pk])
    page = client.get(url).content.decode()
    assert f'value="{other.pk}=yes"' in page
    response = client.post(
        url,
        {
            "text": "Pourquoi ?",
            "kind": "long_text",
            "required": "on",
            "condition": [f"{other.pk}=yes"],
        },
    )
    assert response.status_code == 302
    created = Question.objects.get(questionnaire=q, text="Pourquoi ?")
    assert created.show_if == other and created.show_if_values == ["yes"] and created.required
    satisfaction = q.questions.get(code="satisfaction")
    response = client.post(
        url,
        {
            "text": "Mélange",
            "kind": "short_text",
            "condition": [f"{other.pk}=yes", f"{satisfaction.pk}=5"],
        },
    )
    assert "une seule et même question" in text(response)
    response = client.post(url, {"text": "Un choix", "kind": "single_choice", "choices": "Seul"})
    assert "au moins deux choix" in text(response)
    assert not Question.objects.filter(text__in=["Mélange", "Un choix"]).exists()


def test_staff_edits_choices_keeping_values(client_for, staff):
    q = questionnaire(open=False)
    question = q.questions.get(code="other_workshop")
    client = client_for(staff)
    url = reverse("surveys:question_update", args=[q.pk, question.pk])
    assert "yes | Oui" in client.get(url).content.decode()
    response = client.post(
        url,
        {"text": question.text, "kind": "single_choice", "required": "on",
         "choices": "yes | Oui, tout à fait\nno | Non\nPeut-être"},
    )  # fmt: skip
    assert response.status_code == 302
    assert [(c.value, c.label) for c in question.choices.all()] == [
        ("yes", "Oui, tout à fait"), ("no", "Non"), ("peut_etre", "Peut-être"),
    ]  # fmt: skip


def test_moving_with_htmx_returns_the_structure_partial(client_for, staff):
    q = questionnaire(open=False)
    question = q.questions.get(code="expectations")
    response = client_for(staff).post(
        reverse("surveys:question_move", args=[q.pk, question.pk]),
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<section id="structure"')
    assert [x.code for x in q.questions.in_order()][:2] == ["other_workshop", "expectations"]


def test_refused_moves_and_deletes_say_why(client_for, staff):
    q = questionnaire(open=False)
    client = client_for(staff)
    which = q.questions.get(code="which")
    response = client.post(
        reverse("surveys:question_move", args=[q.pk, which.pk]), {"direction": "up"}, follow=True
    )
    assert "doit venir après" in text(response)
    other = q.questions.get(code="other_workshop")
    response = client.post(reverse("surveys:question_delete", args=[q.pk, other.pk]), follow=True)
    assert "commande l'affichage" in text(response)
    assert q.questions.count() == 6


def test_open_close_and_delete(client_for, staff):
    q = questionnaire(open=False)
    client = client_for(staff)
    client.post(reverse("surveys:open", args=[q.pk]))
    q.refresh_from_db()
    assert q.status == "open"
    client.post(reverse("surveys:close", args=[q.pk]))
    q.refresh_from_db()
    assert q.status == "closed"
    response = client.post(reverse("surveys:close", args=[q.pk]), follow=True)
    assert "Seul un questionnaire ouvert peut être clos." in text(response)
    client.post(reverse("surveys:delete", args=[q.pk]))
    assert not Questionnaire.objects.exists()


def test_staff_invites_by_lines(client_for, staff, django_capture_on_commit_callbacks):
    q = questionnaire()
    client = client_for(staff)
    url = reverse("surveys:invite", args=[q.pk])
    response = client.post(
        url, {"recipients": "Camille Martin ; camille@example.org\nLéa sans adresse"}
    )
    assert "Ligne 2 : aucune adresse e-mail" in text(response)
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"recipients": "Camille Martin ; camille@example.org\nLéa Dupont <lea@example.org>",
             "subject": "Votre avis"},
        )  # fmt: skip
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("name", flat=True)) == [
        "Camille Martin",
        "Léa Dupont",
    ]
    assert [m.to for m in mail.outbox] == [["camille@example.org"], ["lea@example.org"]]
    response = client.post(url, {"recipients": "Camille Martin ; camille@example.org"}, follow=True)
    assert "0 invitation envoyée. 1 personne déjà invitée : pas de second lien." in text(response)


def test_staff_transcribes_an_answer(client_for, staff):
    q = questionnaire()
    response = client_for(staff).post(
        reverse("surveys:transcribe", args=[q.pk]), {"q_lessons": "Aide pour le budget"}
    )
    assert response.status_code == 302
    assert Response.objects.get().source == "transcribed"


# ---------------------------------------------------------------- public pages


def _form(answers):
    return {f"q_{code}": value for code, value in answers.items()}


GOOD = _form(
    {
        "expectations": ["criteria"],
        "other_workshop": "yes",
        "which": "Écriture",
        "satisfaction": "5",
    }
)


def test_a_person_answers_by_personal_link_once_without_account(client, db):
    q = questionnaire()
    url = reverse("surveys:answer", args=[services.invitation_token(invitation(q))])
    assert "/p/" in url
    page = client.get(url)
    assert page.status_code == 200 and "Lien personnel de Camille Martin" in text(page)
    response = client.post(url, GOOD)
    assert response.status_code == 302 and response.url == url
    assert Response.objects.get().respondent_name == "Camille Martin"
    assert "votre réponse a bien été enregistrée" in text(client.get(url))
    again = client.post(url, GOOD)
    assert "Ce lien personnel a déjà servi" in text(again)
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"q_satisfaction": "6"}, "La note doit être un nombre entier de 1 à 5 (« 6 » reçu)."),
        ({"q_satisfaction": ""}, "Cette question est obligatoire."),
        ({"q_which": ""}, "Cette question est obligatoire."),
        ({"q_other_workshop": "peut-être"}, "ne fait pas partie des choix proposés"),
        ({"q_participants": "beaucoup"}, "« beaucoup » n'est pas un nombre"),
    ],
)
def test_bad_answers_on_the_page_are_explained_and_nothing_written(client, db, changes, message):
    q = questionnaire()
    url = reverse("surveys:answer", args=[services.invitation_token(invitation(q))])
    response = client.post(url, {**GOOD, **changes})
    assert response.status_code == 200
    assert "Votre réponse n'a pas été enregistrée" in text(response)
    assert message in text(response)
    assert not Response.objects.exists()


def test_expired_invalid_and_closed_links_are_explained(client, db, actor):
    q = questionnaire()
    link = invitation(q)
    url = reverse("surveys:answer", args=[services.invitation_token(link)])
    Invitation.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    assert "Ce lien personnel a expiré" in text(client.get(url))
    assert "Ce lien personnel a expiré" in text(client.post(url, GOOD))
    bad = client.get(reverse("surveys:answer", args=["abc:def"]))
    assert bad.status_code == 404 and "Ce lien n'est pas valide" in text(bad)
    other = questionnaire(title="Autre")
    other_url = reverse("surveys:answer", args=[services.invitation_token(invitation(other))])
    services.close_questionnaire(other, actor=actor)
    assert "Ce questionnaire est clos" in text(client.get(other_url))
    assert not Response.objects.exists()


def test_public_link_for_open_forms(client, db, actor, holder):
    q = questionnaire(is_public=True, asks_identity=True)
    url = reverse("surveys:public", args=[q.public_key])
    assert "public/" in url
    assert "Votre adresse e-mail" in text(client.get(url))
    response = client.post(url, GOOD)
    assert "Indiquez votre nom." in text(response) and not Response.objects.exists()
    response = client.post(
        url, {**GOOD, "respondent_name": "Léa", "respondent_email": "lea@example.org"}
    )
    assert response.status_code == 302
    assert "votre réponse a bien été enregistrée" in text(client.get(response.url))
    client.force_login(holder)
    client.post(url, {**GOOD, "respondent_name": "Porteur", "respondent_email": "p@example.org"})
    assert Response.objects.filter(respondent=holder).count() == 1
    private = questionnaire(title="Privé")
    assert client.get(reverse("surveys:public", args=[private.public_key])).status_code == 404


def test_a_draft_public_form_is_not_open_yet(client, db):
    q = questionnaire(is_public=True, open=False)
    assert "pas encore ouvert" in text(client.get(reverse("surveys:public", args=[q.public_key])))


def test_the_attached_record_is_named_not_coded(client_for, staff):
    """The list and the page say which record a questionnaire belongs to, in words."""
    from tests.organisations.factories import OrganisationFactory

    organisation = OrganisationFactory(name="MALCO HDF")
    q = questionnaire()
    services.attach(q, f"organisations.organisation:{organisation.pk}", actor=staff)
    client = client_for(staff)
    for page in (
        text(client.get(reverse("surveys:list"))),
        text(client.get(reverse("surveys:detail", args=[q.pk]))),
    ):
        assert "Structure « MALCO HDF »" in page
        assert "organisations.organisation:" not in page
    # The history says the same.
    assert "Rattaché à Structure « MALCO HDF »" in text(
        client.get(reverse("surveys:detail", args=[q.pk]))
    )


def test_an_attached_record_with_a_page_is_linked_and_a_gone_one_said_so(client_for, staff):
    other = questionnaire(title="Autre")
    q = questionnaire()
    services.attach(q, f"surveys.questionnaire:{other.pk}", actor=staff)
    gone = questionnaire(title="Orphelin")
    services.attach(gone, "organisations.organisation:999999", actor=staff)
    page = client_for(staff).get(reverse("surveys:list")).content.decode()
    assert (
        f'<a href="{reverse("surveys:detail", args=[other.pk])}">Questionnaire « Autre »</a>'
        in page
    )
    assert "Structure n° 999999 (supprimé)" in text(client_for(staff).get(reverse("surveys:list")))


def test_invitation_references_are_named(client_for, staff):
    q = questionnaire()
    services.invite(q, [("Léa", "lea@example.org", "events.registration:42")], actor=staff)
    page = text(client_for(staff).get(reverse("surveys:detail", args=[q.pk])))
    assert "Inscription n° 42" in page
    assert "events.registration:42" not in page


def test_deletions_ask_for_confirmation_first(client_for, staff):
    """Like the agreements' deletions: a section takes its questions with it."""
    q = questionnaire(open=False)
    page = client_for(staff).get(reverse("surveys:detail", args=[q.pk])).content.decode()
    assert 'data-confirm="Supprimer la section « La rencontre » et ses questions ?"' in page
    assert 'data-confirm="Supprimer cette question ?"' in page
    assert 'data-confirm="Supprimer ce questionnaire et toutes ses questions ?"' in page

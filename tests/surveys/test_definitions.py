"""The shipped questionnaires and the source data loader."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ouverture.surveys import seed, services
from ouverture.surveys.definitions import DEFINITIONS
from ouverture.surveys.enums import QuestionKind, QuestionnaireStatus, ResponseSource
from ouverture.surveys.models import Questionnaire, Response
from ouverture.surveys.results import questionnaire_results

# The headings of the satisfaction charts in Activité 2 of the source document.
SATISFACTION_HEADINGS = [
    "Quelles étaient vos attentes au départ ?",
    "Un autre atelier aurait-il été nécessaire ?",
    "Selon vous, quelles étaient les sessions les plus pertinentes ?",
    "Êtes-vous satisfait de cette rencontre ? A-t-elle répondu à vos attentes ?",
    "Qu'avez-vous pensé du format de l'après-midi (temps collectif/ateliers) ?",
    "Comment avez-vous trouvé l'animation ?",
    "En termes d'horaires, l'après-midi vous a semblé ?",
    "Les contenus étaient-ils pertinents et utiles pour votre projet ?",
    "Dans quelle mesure êtes-vous satisfait des supports présentés et fournis lors des ateliers ?",
    "Quels sont les principaux enseignements que vous en avez retirés ?",
]

SURVEY_SECTIONS = [
    "Caractérisation de la structure et du répondant",
    "Gouvernance et ressources humaines",
    "Analyse financière",
    "Partenariats",
    "Appréciation de la situation générale",
    "Intégration aux logiques de réseaux et au RRMA",
]


@pytest.mark.parametrize("key", sorted(DEFINITIONS))
def test_every_definition_builds_and_opens(db, actor, key):
    q = services.create_from_definition(key, actor=actor, subject_ref="events.workshop:1")
    assert q.definition == key and q.subject_ref == "events.workshop:1"
    assert q.status == QuestionnaireStatus.DRAFT
    services.open_questionnaire(q, actor=actor)
    assert q.questions.filter(show_if__isnull=False).exists()


def test_satisfaction_questions_are_the_documents_headings(db, actor):
    q = services.create_from_definition("workshop_satisfaction", actor=actor)
    texts = [x.text for x in q.questions.in_order()]
    assert [t for t in texts if t in SATISFACTION_HEADINGS] == SATISFACTION_HEADINGS
    assert not q.is_public  # sent by personal links to those present
    topic = q.questions.get(code="other_workshop_topic")
    assert topic.show_if.code == "other_workshop" and topic.show_if_values == ["yes"]


def test_satisfaction_sessions_can_follow_another_agenda(db, actor):
    q = services.create_from_definition(
        "workshop_satisfaction",
        actor=actor,
        choices={"sessions": ["Atelier 1 : le bilan de mobilité", "Atelier 2 : le bilan SI"]},
    )
    assert [c.label for c in q.questions.get(code="sessions").choices.all()] == [
        "Atelier 1 : le bilan de mobilité",
        "Atelier 2 : le bilan SI",
    ]
    with pytest.raises(ValidationError):
        services.create_from_definition("workshop_satisfaction", actor=actor, choices={"x": []})
    with pytest.raises(ValidationError):
        services.create_from_definition("unknown", actor=actor)


def test_pam_intake_asks_what_the_document_lists(db, actor):
    q = services.create_from_definition("pam_intake", actor=actor)
    codes = {x.code: x for x in q.questions.all()}
    assert {"what", "why", "destination", "experience", "group", "age_range", "partnership"} <= set(
        codes
    )
    assert [c.value for c in codes["destination"].choices.all()][:2] == ["europe", "international"]
    assert codes["age_range"].show_if.code == "group"
    assert codes["partner"].show_if.code == "partnership"
    assert q.is_public and q.asks_identity


def test_pam_intake_conditional_answers(db, actor):
    q = services.create_from_definition("pam_intake", actor=actor)
    services.open_questionnaire(q, actor=actor)
    base = {
        "organisation": "MALCO HDF",
        "what": "Un échange de jeunes",
        "why": "Ouvrir les jeunes au monde",
        "destination": "europe",
        "experience": "no",
        "group": "not_yet",
        "partnership": "yes",
    }
    with pytest.raises(ValidationError) as error:
        services.submit_response(q, base, respondent_name="A", respondent_email="a@example.org")
    assert list(error.value.message_dict) == ["partner"]  # shown by "Oui", so required
    response = services.submit_response(
        q,
        {**base, "partner": "Une association de Lomé", "age_range": ["16_17"]},
        respondent_name="A",
        respondent_email="a@example.org",
    )
    # The age range is hidden while the group is not known: not stored.
    assert not response.answers.filter(question__code="age_range").exists()


def test_regional_survey_has_the_six_parts_and_a_budget_size_class(db, actor):
    q = services.create_from_definition("regional_survey", actor=actor)
    assert [s.title for s in q.sections.all()] == SURVEY_SECTIONS
    budget = q.questions.get(code="budget")
    assert budget.kind == QuestionKind.NUMBER and budget.derive == "size_class"


def test_seed_loads_the_documents_questionnaires_once(db, actor):
    log = []
    seed.load(actor, log.append)
    seed.load(actor, log.append)
    assert log[1].startswith("0 questionnaire créé,")
    assert Questionnaire.objects.count() == 3
    satisfaction = seed.satisfaction_2023_03_02()
    assert satisfaction.status == QuestionnaireStatus.CLOSED
    assert seed.pam_intake().status == QuestionnaireStatus.DRAFT
    assert seed.regional_survey_2023().responses.count() == 0


def test_seed_has_the_five_lessons_and_nothing_invented(source_data, seed_figures):
    q = seed.satisfaction_2023_03_02()
    expected = seed_figures["workshops_2023"][0]["questionnaire_answers"]
    assert Response.objects.filter(questionnaire=q).count() == expected
    assert set(Response.objects.filter(questionnaire=q).values_list("source", flat=True)) == {
        ResponseSource.TRANSCRIBED
    }
    results = questionnaire_results(q)
    assert results.get("lessons").texts == seed.LESSONS_2023_03_02
    assert "Aide pour le budget" in results.get("lessons").texts
    for result in results.questions():
        if result.question.code != "lessons":
            assert result.answered == 0, result.question.code


def test_load_source_data_runs_the_surveys_loader(db):
    out = io.StringIO()
    call_command("load_source_data", stdout=out)
    assert Questionnaire.objects.filter(definition="regional_survey").count() == 1

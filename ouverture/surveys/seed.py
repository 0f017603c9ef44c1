"""The source document's questionnaires, made from the shipped definitions.

- The evaluation questionnaire of the 2 March 2023 workshop ("Dépôt de projet"),
  closed, with 5 responses. The document shows, for that questionnaire, the five
  free-text answers to « Quels sont les principaux enseignements que vous en avez
  retirés ? » and only charts without figures for the other questions: each of the
  5 responses holds its lesson and nothing else (transcribed by the system account,
  so the other required questions stay empty). No other answer is invented; the
  responses carry the date they were loaded, the document giving none. It is not
  attached to the workshop here: `satisfaction_2023_03_02()` finds it for the
  events loader, which calls `services.attach(q, "events.workshop:<pk>", actor=…)`.
- The PAM intake form, as a draft public questionnaire (the 2025 pathway's call
  is not open in the document).
- The regional survey of associations (2023), closed. The document gives only
  counts (more than 400 invited, 103 answers, 77 kept, 10 interviews): no response
  is generated. Its campaign (`campaign.Campaign`) records those counts with their source,
  the collection from June to October 2023 (1 June – 31 October: the document gives months),
  the interviews from September to November 2023, and the focus on the 16 Pas-de-Calais
  associations (13 had applied to one of the Département's schemes, 11 to CMI62). The
  response rate (19 %) is computed from them.
"""

import datetime as dt

from django.utils import timezone

from ouverture.core.wording import plural
from ouverture.surveys import services
from ouverture.surveys.campaign import Campaign
from ouverture.surveys.models import Questionnaire

SATISFACTION_TITLE = (
    "Questionnaire d'évaluation — temps collectif « Dépôt de projet » du 2 mars 2023"
)
PAM_TITLE = "Candidature au PAM 2025 — votre idée de projet"
SURVEY_TITLE = "Enquête régionale sur les associations de solidarité internationale 2023"

LESSONS_2023_03_02 = [
    "Précisions budgétaires",
    "De montrer la pertinence du projet, du partage et l'implication avec notre partenaire "
    "là-bas et de l'importance de la sensibilisation sur notre territoire",
    "La méthodologie",
    "Insister sur les ODD et le budget",
    "Aide pour le budget",
]


def _find(key, title):
    return Questionnaire.objects.filter(definition=key, title=title).first()


def satisfaction_2023_03_02():
    return _find("workshop_satisfaction", SATISFACTION_TITLE)


def pam_intake():
    return _find("pam_intake", PAM_TITLE)


def regional_survey_2023():
    return _find("regional_survey", SURVEY_TITLE)


SURVEY_CAMPAIGN = dict(
    collection_start=dt.date(2023, 6, 1),
    collection_end=dt.date(2023, 10, 31),
    channels="Mailing à plus de 400 associations et par l'équipe de Lianes Coopération ; "
    "lien ouvert sur le site de Lianes de juin à octobre",
    invited=400,
    invited_at_least=True,
    answers_recorded=103,
    kept_recorded=77,
    counts_source="Bilan d'activités 2023 de Lianes Coopération, activité 4 (réponses non "
    "transmises à la plateforme)",
    interviews=10,
    interviews_start=dt.date(2023, 9, 1),
    interviews_end=dt.date(2023, 11, 30),
    interviews_note="ASI et financeurs régionaux et départementaux, dont le Département",
    focus_label="associations du Pas-de-Calais",
    focus_respondents=16,
    focus_already_applied=13,
    focus_scheme="CMI62 (anciennement Imagine un Monde Meilleur)",
    focus_applied_to_scheme=11,
)


# The document gives no answer times: the 2 March 2023 answers are dated the end of that
# workshop (17:00), so the records of 2023 carry 2023 dates, not the day of loading.
ANSWERED_AT = dt.datetime(2023, 3, 2, 17, 0)


def _date_as_in_2023(questionnaire):
    at = timezone.make_aware(ANSWERED_AT)
    questionnaire.responses.update(submitted_at=at)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(opened_at=at, closed_at=at)


def load(actor, log=print):
    created = 0
    if satisfaction_2023_03_02() is None:
        questionnaire = services.create_from_definition(
            "workshop_satisfaction", actor=actor, title=SATISFACTION_TITLE
        )
        services.open_questionnaire(questionnaire, actor=actor)
        for lesson in LESSONS_2023_03_02:
            services.submit_response(questionnaire, {"lessons": lesson}, entered_by=actor)
        services.close_questionnaire(questionnaire, actor=actor)
        _date_as_in_2023(questionnaire)
        created += 1
    if pam_intake() is None:
        services.create_from_definition("pam_intake", actor=actor, title=PAM_TITLE)
        created += 1
    if regional_survey_2023() is None:
        questionnaire = services.create_from_definition(
            "regional_survey", actor=actor, title=SURVEY_TITLE
        )
        services.open_questionnaire(questionnaire, actor=actor)
        services.close_questionnaire(questionnaire, actor=actor)
        created += 1
    survey = regional_survey_2023()
    if not Campaign.objects.filter(questionnaire=survey).exists():
        services.create_campaign(survey, actor=actor, **SURVEY_CAMPAIGN)
        created += 1
    log(
        f"{created} {plural('questionnaire créé', created)}, {Questionnaire.objects.count()} au total"
    )

"""The satisfaction questionnaire of a workshop, built on the surveys engine.

Events depends on surveys (never the reverse): the questionnaire is made from the
shipped definition `workshop_satisfaction`, its `sessions` question offering this
workshop's programme (rows that are not breaks, and the ateliers), attached to the
workshop by `subject_ref` "events.workshop:<pk>", then opened and sent by personal
link to the people present (`queries.present_participants`), one invitation per
registration ("events.registration:<pk>"), so sending again only reaches people
checked in since. The rate is told against the participants, not the invitations:
"5 réponses sur 13 participants".

`answer_count` is the events hook `questionnaire_answer_counter` (registered in
EventsConfig.ready()): the summary's `questionnaire_answers` is the number of
responses to the satisfaction questionnaire(s) attached to the workshop, and is
left out when none is attached.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ouverture.core.formats import format_date
from ouverture.events import queries
from ouverture.events.models import Workshop
from ouverture.geo.text import normalize_name
from ouverture.surveys import results
from ouverture.surveys import services as surveys
from ouverture.surveys.enums import QuestionnaireKind, QuestionnaireStatus
from ouverture.surveys.models import Questionnaire

DEFINITION = "workshop_satisfaction"
# Programme rows that are logistics, not sessions one could find relevant.
BREAK_WORDS = ("pause", "repas", "dejeuner", "accueil", "cloture")
LABEL_LENGTH = 250


def subject_ref(workshop) -> str:
    return f"events.workshop:{workshop.pk}"


def registration_ref(registration_id) -> str:
    return f"events.registration:{registration_id}"


def questionnaires_for(workshop):
    return Questionnaire.objects.for_subject(subject_ref(workshop)).filter(
        kind=QuestionnaireKind.SATISFACTION
    )


def questionnaire_for(workshop):
    """The workshop's satisfaction questionnaire (the latest attached), or None."""
    return questionnaires_for(workshop).order_by("-created_at", "-pk").first()


def _label(text):
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def _is_break(activity):
    return normalize_name(activity).startswith(BREAK_WORDS)


def session_choices(workshop):
    """[(value, label)]: programme rows without ateliers that are not breaks, then ateliers."""
    choices = []
    for item in workshop.agenda_items.prefetch_related("ateliers"):
        ateliers = list(item.ateliers.all())
        if ateliers:
            choices.extend((f"atelier-{a.pk}", _label(a.title)) for a in ateliers)
        elif not _is_break(item.activity):
            choices.append((f"agenda-{item.pk}", _label(item.activity)))
    choices.extend(
        (f"atelier-{a.pk}", _label(a.title))
        for a in workshop.ateliers.filter(agenda_item__isnull=True)
    )
    return choices


@transaction.atomic
def create_questionnaire(workshop, *, actor):
    """A draft satisfaction questionnaire for the workshop, attached to it.

    With fewer than two sessions in the programme the "sessions" question is left
    out (a choice question needs two choices)."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.is_training:
        raise ValidationError(
            "Une préparation au départ n'a pas de questionnaire d'évaluation de temps collectif."
        )
    if questionnaires_for(workshop).exists():
        raise ValidationError(
            "Un questionnaire d'évaluation est déjà rattaché à ce temps collectif."
        )
    sessions = session_choices(workshop)
    title = f"Questionnaire d'évaluation — {workshop.title} du {format_date(workshop.date)}"
    questionnaire = surveys.create_from_definition(
        DEFINITION,
        actor=actor,
        title=title[:200],
        subject_ref=subject_ref(workshop),
        choices={"sessions": sessions} if len(sessions) >= 2 else None,
    )
    if len(sessions) < 2:
        surveys.delete_question(questionnaire.questions.get(code="sessions"), actor=actor)
    return questionnaire


@dataclass
class Sending:
    invited: list  # the new invitations
    without_email: list  # participants present with no e-mail: nobody to write to
    already_invited: int


@transaction.atomic
def send_to_participants(workshop, *, actor, message="", today=None):
    """Open the questionnaire if needed and invite the people present who have an
    e-mail and were not invited yet. Refused before the workshop, or when nobody
    present can be written to."""
    today = today or timezone.localdate()
    questionnaire = questionnaire_for(workshop)
    if questionnaire is None:
        raise ValidationError("Créez d'abord le questionnaire d'évaluation de ce temps collectif.")
    if workshop.date > today:
        raise ValidationError(
            f"Le temps collectif a lieu le {format_date(workshop.date)} : le questionnaire "
            "s'envoie aux personnes présentes, le jour même ou après."
        )
    if questionnaire.status == QuestionnaireStatus.CLOSED:
        raise ValidationError("Le questionnaire est clos : il n'accepte plus de réponses.")
    participants = queries.present_participants(workshop)
    if not participants:
        raise ValidationError(
            "Personne n'est noté·e présent·e : notez les présences avant d'envoyer le questionnaire."
        )
    reachable = [p for p in participants if p.email]
    without_email = [p for p in participants if not p.email]
    if not reachable:
        raise ValidationError(
            "Aucune des personnes présentes n'a d'adresse e-mail : le questionnaire ne peut "
            "pas leur être envoyé (saisissez leurs réponses papier depuis le questionnaire)."
        )
    surveys.open_questionnaire(questionnaire, actor=actor)
    invited = surveys.invite(
        questionnaire,
        [
            surveys.Recipient(p.name, p.email, registration_ref(p.registration_id))
            for p in reachable
        ],
        actor=actor,
        subject=f"Votre avis sur « {workshop.title} » du {format_date(workshop.date)}",
        message=message
        or "Merci d'avoir participé à ce temps collectif. Votre avis nous aide à préparer les suivants.",
    )
    return Sending(
        invited=invited,
        without_email=without_email,
        already_invited=len(reachable) - len(invited),
    )


@dataclass
class SatisfactionStatus:
    """What the workshop page shows about its questionnaire."""

    questionnaire: object
    participants: int
    rate: results.ResponseRate
    invited: int
    present_without_email: int

    @property
    def text(self):
        """'5 réponses sur 13 participants (38 %)': every response against the people present."""
        return self.rate.text("participants")


def status(workshop, participants: int, present_with_email: int | None = None):
    """The questionnaire, its rate against `participants` (the summary's figure) and how
    many invitations went out; None when no questionnaire is attached."""
    questionnaire = questionnaire_for(workshop)
    if questionnaire is None:
        return None
    invited = questionnaire.invitations.count()
    return SatisfactionStatus(
        questionnaire=questionnaire,
        participants=participants,
        rate=results.response_rate(questionnaire, audience=participants),
        invited=invited,
        present_without_email=participants - present_with_email
        if present_with_email is not None
        else 0,
    )


def answer_count(workshop) -> int | None:
    """Responses to the satisfaction questionnaire(s) of the workshop; None when none."""
    counts = list(
        questionnaires_for(workshop).annotate(n=Count("responses")).values_list("n", flat=True)
    )
    return sum(counts) if counts else None


@transaction.atomic
def attach_existing(questionnaire, workshop, *, actor):
    """Attach a questionnaire made elsewhere (the 2023 evaluation of the source data)."""
    if questionnaire.kind != QuestionnaireKind.SATISFACTION:
        raise ValidationError(
            "Seul un questionnaire de satisfaction se rattache à un temps collectif."
        )
    other = questionnaires_for(workshop).exclude(pk=questionnaire.pk)
    if other.exists():
        raise ValidationError(
            "Un autre questionnaire d'évaluation est déjà rattaché à ce temps collectif."
        )
    return surveys.attach(questionnaire, subject_ref(workshop), actor=actor)

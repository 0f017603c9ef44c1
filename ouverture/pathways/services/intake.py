"""Intake: each response to the cohort's intake questionnaire becomes a candidate.

The public page of a cohort calls `submit_candidacy`: the deadline and the cohort's
step are checked first, then `surveys.services.submit_response` checks the answers,
then the candidate is written, all in one transaction (a refusal writes nothing).
A response that reached the questionnaire another way (its own open link, or typed
in by staff from a paper form) is taken in by `take_in_responses`.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ouverture.core import history
from ouverture.core.formats import format_date
from ouverture.events.queries import match_organisation
from ouverture.organisations.enums import LegalKind, ProjectTypeCode
from ouverture.organisations.services import create_organisation
from ouverture.pathways.enums import CohortStatus, OrganisationReview
from ouverture.pathways.models import Candidate, Cohort
from ouverture.surveys import services as surveys
from ouverture.surveys.models import Answer, Response

# Codes of the `pam_intake` questions the candidate's record is read from.
ORGANISATION_CODE = "organisation"
ROLE_CODE = "role"


def check_intake_open(cohort, today=None):
    today = today or timezone.localdate()
    # A draft whose deadline has passed will not open: say it is closed, not "not yet".
    if cohort.status == CohortStatus.DRAFT and today <= cohort.intake_deadline:
        raise ValidationError(f"Les candidatures au {cohort.title} ne sont pas encore ouvertes.")
    if cohort.status != CohortStatus.INTAKE or today > cohort.intake_deadline:
        raise ValidationError(
            f"Les candidatures au {cohort.title} sont closes : la date limite était le "
            f"{format_date(cohort.intake_deadline)}. Pour un autre accompagnement, "
            "contactez Lianes Coopération (appui-conseil)."
        )


def _check_email_free(cohort, email):
    email = (email or "").strip().lower()
    if email and cohort.candidates.filter(contact_email__iexact=email).exists():
        raise ValidationError(
            {
                "respondent_email": f"Une candidature a déjà été déposée avec l'adresse {email} "
                "pour cette cohorte : écrivez-nous pour la compléter."
            }
        )


def _typed(response, code):
    answer = Answer.objects.filter(response=response, question__code=code).only("text").first()
    return answer.text.strip() if answer else ""


def candidate_from_response(cohort, response, *, actor):
    """The candidate of one intake response: the typed organisation matched to the
    registry (else proposed, for staff to review), the respondent as contact."""
    name = _typed(response, ORGANISATION_CODE)
    email = response.respondent_email.strip().lower()
    errors = {}
    if not name:
        errors[ORGANISATION_CODE] = "Indiquez le nom de votre structure."
    if not response.respondent_name.strip():
        errors["respondent_name"] = "Indiquez votre nom."
    if not email:
        errors["respondent_email"] = "Indiquez votre adresse e-mail."
    if errors:
        raise ValidationError(errors)
    _check_email_free(cohort, email)
    organisation = match_organisation(name)
    candidate = Candidate(
        cohort=cohort,
        response=response,
        organisation=organisation,
        organisation_name=name,
        organisation_review=OrganisationReview.MATCHED
        if organisation
        else OrganisationReview.PENDING,
        contact_name=response.respondent_name.strip(),
        contact_email=email,
        contact_role=_typed(response, ROLE_CODE)[:150],
        submitted_at=response.submitted_at,
    )
    try:
        with transaction.atomic():
            return history.save(candidate, actor, reason="Candidature reçue par le questionnaire")
    except IntegrityError:
        # Two submissions of the same e-mail at once: the constraint decides.
        raise ValidationError(
            {"respondent_email": f"Une candidature a déjà été déposée avec l'adresse {email}."}
        ) from None


@transaction.atomic
def submit_candidacy(
    cohort, answers, *, respondent_name, respondent_email, respondent=None, today=None
):
    """The public intake form: refuses, writing nothing, before the intake opens, after
    the deadline, a second application with the same e-mail, and whatever the
    questionnaire refuses (required answers, choices offered…)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    check_intake_open(cohort, today)
    questionnaire = cohort.intake_questionnaire()
    if questionnaire is None:
        raise ValidationError("Le questionnaire de candidature n'est pas prêt : revenez plus tard.")
    _check_email_free(cohort, respondent_email)
    response = surveys.submit_response(
        questionnaire,
        answers,
        respondent=respondent,
        respondent_name=respondent_name or "",
        respondent_email=(respondent_email or "").strip(),
        reference=cohort.subject_ref,
    )
    return candidate_from_response(cohort, response, actor=None)


def pending_responses(cohort):
    """Responses to the intake questionnaire that are not candidates yet."""
    questionnaire = cohort.intake_questionnaire()
    if questionnaire is None:
        return Response.objects.none()
    return Response.objects.of(questionnaire).filter(pam_candidate__isnull=True)


@transaction.atomic
def take_in_responses(cohort, *, actor):
    """Candidates from the responses that reached the questionnaire another way.
    Returns (candidates created, [(response, reason)] left aside)."""
    created, skipped = [], []
    for response in pending_responses(cohort).order_by("submitted_at", "pk"):
        try:
            with transaction.atomic():
                created.append(candidate_from_response(cohort, response, actor=actor))
        except ValidationError as error:
            skipped.append((response, " ".join(error.messages)))
    return created, skipped


# --- The candidate's organisation ---------------------------------------------------------


@transaction.atomic
def link_organisation(candidate, organisation, *, actor):
    """Staff review: the typed name is in fact this organisation of the registry."""
    if organisation is None:
        raise ValidationError({"organisation": "Indiquez la structure du répertoire."})
    candidate.organisation = organisation
    candidate.organisation_review = OrganisationReview.LINKED
    return history.save(candidate, actor, reason="Structure rattachée")


@transaction.atomic
def create_proposed_organisation(
    candidate, *, actor, legal_kind=LegalKind.ASSOCIATION, commune=None
):
    """Staff review: the organisation is new to the registry; create it (youth mobility)."""
    if candidate.organisation_id:
        raise ValidationError("Cette candidature est déjà rattachée à une structure.")
    organisation = create_organisation(
        actor=actor,
        name=candidate.organisation_name,
        legal_kind=legal_kind,
        commune=commune,
        email=candidate.contact_email,
        project_types=[ProjectTypeCode.YOUTH_MOBILITY],
    )
    candidate.organisation = organisation
    candidate.organisation_review = OrganisationReview.CREATED
    history.save(candidate, actor, reason="Structure créée")
    return organisation

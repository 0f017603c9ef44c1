"""The events eligibility check for PAM module sessions (registered in PathwaysConfig.ready()).

A session open to all takes anyone. A cohort-only session takes only the holders
admitted to its cohort: the registration's organisation (matched to the registry)
or its e-mail (the admitted candidate's contact) must be an admitted candidate's;
a registration recognised by e-mail only is attached to the holder's organisation,
so attendance counts for its progress. One seat per admitted holder (its seat is
the cohort's: capacity = the cohort's capacity); walk-ins (a colleague at the door)
are not held to it. Runs before events writes anything: a refusal writes nothing.

On the public page (no staff behind the registration) a cohort-only session also
needs the admitted holder's personal link (`seat_token`, shown on the holder's
candidacy page): typing an admitted holder's name or e-mail is not enough, and the
holder the link names is the one whose seat is taken.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q

from ouverture.core.links import LinkInvalid, make_token, read_token
from ouverture.events.enums import Audience, OrganisationReview, RegistrationStatus, WorkshopKind
from ouverture.events.hooks import eligibility_check
from ouverture.events.models import Registration
from ouverture.pathways.models import Candidate, ModuleSession

SEAT_LINK = "pathways.seat"
LINK_DAYS_AFTER_END = 31


def seat_token(candidate) -> str:
    """The admitted holder's personal link to the cohort-only sessions (opaque, expiring
    a month after the cohort ends)."""
    expires = candidate.cohort.end_date + dt.timedelta(days=LINK_DAYS_AFTER_END)
    return make_token(SEAT_LINK, [candidate.pk, candidate.cohort_id], expires)


def _candidate_from_link(cohort, registration, who):
    token = getattr(registration, "personal_link", "")
    refusal = (
        f"Ce module est réservé aux porteurs admis dans la cohorte {cohort.title} : "
        "inscrivez-vous avec le lien personnel de votre candidature (page « Ma candidature » "
        "de votre compte, ou le lien que l'équipe vous a envoyé)."
    )
    if not token:
        raise ValidationError(refusal)
    try:
        candidate_pk, cohort_pk = read_token(SEAT_LINK, token)
    except LinkInvalid as error:
        raise ValidationError(f"{error.message} {refusal}") from None
    candidate = (
        Candidate.objects.admitted()
        .filter(pk=candidate_pk, cohort_id=cohort_pk, cohort=cohort)
        .select_related("organisation")
        .first()
    )
    if candidate is None:
        raise ValidationError(
            f"Ce lien personnel ne donne pas de place à ce module ; {who} n'est pas admis "
            f"dans la cohorte {cohort.title}."
        )
    return candidate


@eligibility_check(WorkshopKind.PAM_MODULE)
def admitted_holders_only(workshop, registration):
    if workshop.audience != Audience.COHORT_ONLY:
        return
    session = (
        ModuleSession.objects.select_related("cohort", "module")
        .filter(workshop_id=workshop.pk)
        .first()
    )
    if session is None:
        raise ValidationError(
            f"« {workshop.title} » est réservé aux porteurs admis dans une cohorte du PAM, "
            "et n'est rattaché à aucune cohorte : personne ne peut s'y inscrire."
        )
    cohort = session.cohort
    who = registration.organisation_display or registration.email or registration.display_name
    if getattr(registration, "from_public_page", False):
        candidate = _candidate_from_link(cohort, registration, who)
        registration.organisation = candidate.organisation
        registration.organisation_name = candidate.organisation.name
        registration.organisation_review = OrganisationReview.MATCHED
        _check_seat_free(workshop, candidate)
        return
    match = Q(contact_email__iexact=registration.email) if registration.email else Q(pk=None)
    if registration.organisation_id:
        match |= Q(organisation_id=registration.organisation_id)
    candidate = (
        Candidate.objects.admitted()
        .filter(cohort=cohort)
        .filter(match)
        .select_related("organisation")
        .first()
    )
    if candidate is None:
        raise ValidationError(
            f"Ce module (« {session.module.title} ») est réservé aux porteurs admis dans la "
            f"cohorte {cohort.title} ; {who} n'en fait pas partie. Les modules ouverts à tous "
            "restent accessibles ; pour rejoindre le parcours, candidatez à la prochaine cohorte."
        )
    if registration.organisation_id is None:
        registration.organisation = candidate.organisation
        registration.organisation_name = (
            registration.organisation_name or candidate.organisation.name
        )
        registration.organisation_review = OrganisationReview.MATCHED
    if registration.walk_in:
        return
    _check_seat_free(workshop, candidate)


def _check_seat_free(workshop, candidate):
    """One seat per admitted holder (the caller holds the workshop's lock)."""
    taken = (
        Registration.objects.filter(
            workshop_id=workshop.pk, organisation_id=candidate.organisation_id
        )
        .exclude(status__in=[RegistrationStatus.CANCELLED, RegistrationStatus.WAITING_LIST])
        .first()
    )
    if taken is not None:
        raise ValidationError(
            f"{candidate.display_name} a déjà sa place à cette séance ({taken.display_name}) : "
            "une place par porteur admis. Les autres membres de la structure sont accueillis "
            "sur place."
        )

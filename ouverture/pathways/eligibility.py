"""The events eligibility check for PAM module sessions (registered in PathwaysConfig.ready()).

A session open to all takes anyone. A cohort-only session takes only the holders
admitted to its cohort: the registration's organisation (matched to the registry)
or its e-mail (the admitted candidate's contact) must be an admitted candidate's;
a registration recognised by e-mail only is attached to the holder's organisation,
so attendance counts for its progress. One seat per admitted holder (its seat is
the cohort's: capacity = the cohort's capacity); walk-ins (a colleague at the door)
are not held to it. Runs before events writes anything: a refusal writes nothing.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from ouverture.events.enums import Audience, OrganisationReview, RegistrationStatus, WorkshopKind
from ouverture.events.hooks import eligibility_check
from ouverture.events.models import Registration
from ouverture.pathways.models import Candidate, ModuleSession


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
        who = registration.organisation_display or registration.email or registration.display_name
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

"""The PAM built through the services, as staff and holders would."""

import datetime as dt
import itertools

from django.utils import timezone

from ouverture.accounts.services import system_user
from ouverture.events import services as events
from ouverture.pathways import services
from ouverture.pathways.enums import Criterion
from ouverture.pathways.models import Module
from ouverture.pathways.seed import MODULES

_n = itertools.count(1)

# A valid application to the `pam_intake` questionnaire (no conditional question shown).
INTAKE = {
    "role": "Présidente",
    "what": "Un échange de jeunes avec une association de Cotonou",
    "why": "Ouvrir nos jeunes au monde",
    "destination": "international",
    "countries": "Bénin",
    "experience": "no",
    "group": "not_yet",
    "group_size": "8",
    "partnership": "no",
}


def today():
    return timezone.localdate()


def catalogue():
    """The 7 modules of the source document."""
    return [
        Module.objects.filter(number=spec["number"]).first()
        or services.create_module(actor=system_user(), **spec)
        for spec in MODULES
    ]


def make_cohort(*, open_intake=True, **fields):
    """A cohort starting in two months, applications until next month."""
    fields.setdefault("title", f"PAM {next(_n)}")
    fields.setdefault("start_date", today() + dt.timedelta(days=60))
    fields.setdefault("intake_deadline", today() + dt.timedelta(days=30))
    fields.setdefault("months", 6)
    fields.setdefault("capacity", 8)
    cohort = services.create_cohort(actor=system_user(), **fields)
    if open_intake:
        services.open_intake(cohort, actor=system_user())
        cohort.refresh_from_db()
    return cohort


def apply(cohort, organisation="Structure candidate", *, name=None, email=None, **answers):
    n = next(_n)
    return services.submit_candidacy(
        cohort,
        {**INTAKE, "organisation": organisation, **answers},
        respondent_name=name or f"Camille Martin {n}",
        respondent_email=email or f"candidat.{n}@example.org",
    )


def scores(coherence, maturity, experience):
    return {
        Criterion.COHERENCE: coherence,
        Criterion.MATURITY: maturity,
        Criterion.EXPERIENCE: experience,
    }


def score_both(candidate, network_user, funder_user, network=(3, 3, 3), funder=(3, 3, 3)):
    services.score_candidate(candidate, scores(*network), actor=network_user)
    services.score_candidate(candidate, scores(*funder), actor=funder_user)
    return candidate


def move_to_the_past(cohort, days=60):
    """Once selected, the cohort's calendar moves back so that sessions can be held."""
    start = today() - dt.timedelta(days=days)
    return services.update_cohort(
        cohort,
        actor=system_user(),
        start_date=start,
        intake_deadline=start - dt.timedelta(days=30),
    )


def held_session(cohort, module, days_ago=10):
    return services.schedule_module(
        cohort, module, actor=system_user(), date=today() - dt.timedelta(days=days_ago)
    )


def attend(session, candidate, *, present=True, full_name=None):
    registration = events.register(
        session.workshop,
        actor=system_user(),
        staff_entry=True,
        full_name=full_name or candidate.contact_name,
        email=candidate.contact_email,
        organisation=candidate.organisation,
    )
    if present:
        events.check_in(session.workshop, registration, actor=system_user())
    return registration

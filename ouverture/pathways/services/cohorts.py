"""Cohorts, their steps, the module catalogue and the sessions scheduled as workshops."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ouverture.core import history
from ouverture.core.formats import format_date
from ouverture.events import services as events
from ouverture.events.enums import Audience, WorkshopKind
from ouverture.pathways.enums import STATUS_ORDER, CohortStatus
from ouverture.pathways.models import Cohort, Module, ModuleSession
from ouverture.surveys import services as surveys
from ouverture.surveys.enums import QuestionnaireStatus

COHORT_FIELDS = {"title", "description", "start_date", "months", "capacity", "intake_deadline"}
MODULE_FIELDS = {
    "number", "title", "objectives", "practical_info", "formats", "duration_minutes", "audience",
}  # fmt: skip


def _set(obj, changes, allowed):
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(obj, name, value)


def _locked(cohort):
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


# --- Cohorts -------------------------------------------------------------------------


@transaction.atomic
def create_cohort(*, actor, **fields):
    cohort = Cohort()
    _set(cohort, fields, COHORT_FIELDS)
    return history.save(cohort, actor)


@transaction.atomic
def update_cohort(cohort, *, actor, **changes):
    cohort = _locked(cohort)
    _set(cohort, changes, COHORT_FIELDS)
    admitted = cohort.candidates.admitted().count()
    if cohort.capacity is not None and cohort.capacity < admitted:
        raise ValidationError(
            {
                "capacity": (
                    "1 porteur est déjà admis"
                    if admitted == 1
                    else f"{admitted} porteurs sont déjà admis"
                )
                + f" : la capacité ne peut pas descendre en dessous de {admitted}."
            }
        )
    outside = [
        s
        for s in cohort.sessions.select_related("workshop", "module")
        if not cohort.start_date <= s.workshop.date <= cohort.end_date
    ]
    if outside and ("start_date" in changes or "months" in changes):
        raise ValidationError(
            {
                "start_date": "Des modules sont programmés hors de ces dates : "
                + ", ".join(
                    f"module {s.module.number} le {format_date(s.workshop.date)}" for s in outside
                )
                + ". Déplacez-les d'abord."
            }
        )
    history.save(cohort, actor)
    questionnaire = cohort.intake_questionnaire()
    if (
        "intake_deadline" in changes
        and questionnaire is not None
        and questionnaire.status != QuestionnaireStatus.CLOSED
    ):
        surveys.update_questionnaire(
            questionnaire, actor=actor, closes_at=cohort.intake_closes_at()
        )
    return cohort


def _step(cohort, target, actor, reason):
    current = STATUS_ORDER.index(cohort.status)
    if STATUS_ORDER.index(target) != current + 1:
        raise ValidationError(
            f"La cohorte est « {cohort.get_status_display()} » : elle ne peut pas passer à "
            f"« {CohortStatus(target).label} » directement."
        )
    cohort.status = target
    return history.save(cohort, actor, reason=reason)


@transaction.atomic
def open_intake(cohort, *, actor, today=None):
    """Open the applications: the intake questionnaire (made from `pam_intake` unless one
    is attached already) opens, closing by itself at the end of the deadline day."""
    today = today or timezone.localdate()
    cohort = _locked(cohort)
    if today > cohort.intake_deadline:
        raise ValidationError(
            f"La date limite des candidatures ({format_date(cohort.intake_deadline)}) est "
            "passée : reportez-la avant d'ouvrir les candidatures."
        )
    questionnaire = cohort.intake_questionnaire()
    if questionnaire is None:
        questionnaire = surveys.create_from_definition(
            "pam_intake",
            actor=actor,
            title=f"Candidature au {cohort.title} — votre idée de projet"[:200],
            subject_ref=cohort.subject_ref,
        )
    surveys.update_questionnaire(
        questionnaire,
        actor=actor,
        closes_at=cohort.intake_closes_at(),
        is_public=True,
        asks_identity=True,
    )
    surveys.open_questionnaire(questionnaire, actor=actor)
    return _step(cohort, CohortStatus.INTAKE, actor, "Ouverture des candidatures")


@transaction.atomic
def close_intake(cohort, *, actor):
    """Selection begins: the questionnaire closes, responses not yet taken in become candidates."""
    from ouverture.pathways.services.intake import take_in_responses

    cohort = _locked(cohort)
    if cohort.status != CohortStatus.INTAKE:
        raise ValidationError("Les candidatures ne sont pas ouvertes : rien à clore.")
    questionnaire = cohort.intake_questionnaire()
    if questionnaire is not None:
        take_in_responses(cohort, actor=actor)
        if questionnaire.status == QuestionnaireStatus.OPEN:
            surveys.close_questionnaire(questionnaire, actor=actor)
    return _step(cohort, CohortStatus.SELECTION, actor, "Clôture des candidatures, sélection")


@transaction.atomic
def start_cohort(cohort, *, actor):
    cohort = _locked(cohort)
    if cohort.status == CohortStatus.SELECTION and not cohort.candidates.admitted().exists():
        raise ValidationError("Admettez au moins un porteur avant de lancer le parcours.")
    return _step(cohort, CohortStatus.RUNNING, actor, "Lancement du parcours")


@transaction.atomic
def complete_cohort(cohort, *, actor):
    cohort = _locked(cohort)
    return _step(cohort, CohortStatus.COMPLETED, actor, "Parcours terminé")


# --- Modules -------------------------------------------------------------------------


@transaction.atomic
def create_module(*, actor, **fields):
    module = Module()
    _set(module, fields, MODULE_FIELDS)
    return history.save(module, actor)


@transaction.atomic
def update_module(module, *, actor, **changes):
    _set(module, changes, MODULE_FIELDS)
    history.save(module, actor)
    if "audience" in changes:
        # Sessions to come follow the module's audience; those held keep theirs.
        for session in module.sessions.select_related("workshop", "cohort"):
            if session.workshop.date >= timezone.localdate():
                events.update_workshop(
                    session.workshop,
                    actor=actor,
                    audience=module.audience,
                    capacity=_session_capacity(session.cohort, module),
                )
    return module


# --- Sessions ------------------------------------------------------------------------


def _session_capacity(cohort, module):
    """A cohort-only module has a seat per holder the cohort may admit; open ones no limit."""
    return cohort.capacity if module.audience == Audience.COHORT_ONLY else None


def _check_in_period(cohort, date):
    if date is None:
        raise ValidationError({"date": "Indiquez la date de la séance."})
    if not cohort.start_date <= date <= cohort.end_date:
        raise ValidationError(
            {
                "date": f"Le parcours se déroule du {format_date(cohort.start_date)} au "
                f"{format_date(cohort.end_date)} : programmez la séance entre ces dates."
            }
        )


def session_title(cohort, module):
    return f"{cohort.title} — Module {module.number} : {module.title}"[:200]


@transaction.atomic
def schedule_module(
    cohort,
    module,
    *,
    actor,
    date: dt.date,
    start_time=None,
    end_time=None,
    place="",
    video_link="",
    registration_deadline=None,
):
    """The module's session for this cohort, as a workshop of kind `pam_module` with the
    module's audience (cohort-only sessions refuse holders not admitted: eligibility.py)."""
    cohort = _locked(cohort)
    if cohort.sessions.filter(module=module).exists():
        raise ValidationError(
            {"module": f"Le module {module.number} est déjà programmé pour cette cohorte."}
        )
    _check_in_period(cohort, date)
    workshop = events.create_workshop(
        actor=actor,
        title=session_title(cohort, module),
        kind=WorkshopKind.PAM_MODULE,
        description=module.objectives,
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place,
        video_link=video_link,
        registration_deadline=registration_deadline,
        audience=module.audience,
        capacity=_session_capacity(cohort, module),
        ateliers_to_choose=0,
    )
    return history.save(ModuleSession(cohort=cohort, module=module, workshop=workshop), actor)


# A default calendar: module n on the start date + 4 × (n − 1) weeks, from 14:00.
SESSION_START = dt.time(14, 0)
SESSION_GAP = dt.timedelta(weeks=4)


def default_session_times(cohort, module):
    date = cohort.start_date + SESSION_GAP * (module.number - 1)
    end = None
    if module.duration_minutes:
        start = dt.datetime.combine(date, SESSION_START)
        end = (start + dt.timedelta(minutes=module.duration_minutes)).time()
    return {"date": date, "start_time": SESSION_START, "end_time": end}


@transaction.atomic
def schedule_remaining_modules(cohort, *, actor):
    """Schedule every module not yet scheduled on the default calendar (staff then move
    sessions as needed). Refused, writing nothing, if a date falls after the pathway."""
    scheduled = set(cohort.sessions.values_list("module_id", flat=True))
    return [
        schedule_module(cohort, module, actor=actor, **default_session_times(cohort, module))
        for module in Module.objects.in_order()
        if module.pk not in scheduled
    ]


@transaction.atomic
def reschedule_session(session, *, actor, **changes):
    """Move a session (date, times, place, link); the workshop keeps its registrations."""
    allowed = {"date", "start_time", "end_time", "place", "video_link", "registration_deadline"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    if "date" in changes:
        _check_in_period(session.cohort, changes["date"])
    return events.update_workshop(session.workshop, actor=actor, **changes)

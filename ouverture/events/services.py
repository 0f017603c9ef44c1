"""Write operations on workshops, their programme, registrations, attendance and
trainings: one transaction each, history with the acting user, French messages.

Registration goes through `register` only (public page, staff, loaders, other
apps); eligibility checks other apps plug in (`hooks.eligibility_check`) run
there before anything is written.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ouverture.core import history
from ouverture.core.formats import format_date
from ouverture.core.wording import plural
from ouverture.events import emails, hooks
from ouverture.events.enums import (
    ATTENDANCE_STATUSES,
    OrganisationReview,
    RegistrationStatus,
    WorkshopKind,
)
from ouverture.events.models import AgendaItem, Atelier, Registration, Training, Workshop
from ouverture.events.queries import match_organisation
from ouverture.organisations.enums import LegalKind, ProjectTypeCode
from ouverture.organisations.services import create_organisation

S = RegistrationStatus


class SeatUnavailable(ValidationError):
    """Registration refused for lack of a seat or after the deadline: the waiting list is offered."""

    waiting_list_offered = True


# --- Workshops -----------------------------------------------------------------------


def _set(obj, changes):
    for name, value in changes.items():
        setattr(obj, name, value)


@transaction.atomic
def create_workshop(*, actor, facilitators=(), **fields):
    workshop = history.save(Workshop(**fields), actor)
    if facilitators:
        workshop.facilitators.set(facilitators)
    return workshop


@transaction.atomic
def update_workshop(workshop, *, actor, facilitators=None, **changes):
    """Change a workshop. Moving it (date, times, place, link) or cancelling it e-mails the
    people registered or waiting, after commit, with the new calendar file."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    previous, was_cancelled = emails.schedule_of(workshop), workshop.cancelled
    _set(workshop, changes)
    if workshop.capacity is not None:
        seats = workshop.registrations.holding_seat().count()
        if seats > workshop.capacity:
            raise ValidationError(
                {
                    "capacity": (
                        "1 personne est déjà inscrite"
                        if seats == 1
                        else f"{seats} personnes sont déjà inscrites"
                    )
                    + f" : la capacité ne peut pas descendre en dessous de {seats}."
                }
            )
    if "kind" in changes and workshop.is_training and workshop.registrations.exists():
        raise ValidationError(
            {
                "kind": "Des personnes sont inscrites : ce temps collectif ne peut pas devenir une préparation au départ."
            }
        )
    history.save(workshop, actor)
    if facilitators is not None:
        workshop.facilitators.set(facilitators)
    cancelled = workshop.cancelled and not was_cancelled
    moved = not workshop.cancelled and emails.schedule_of(workshop) != previous
    if cancelled or moved:
        transaction.on_commit(
            lambda: emails.send_workshop_change(workshop, previous=previous, cancelled=cancelled)
        )
    return workshop


@transaction.atomic
def add_agenda_item(
    workshop,
    *,
    actor,
    activity,
    start_time=None,
    duration_minutes=None,
    facilitation="",
    order=None,
):
    if order is None:
        last = workshop.agenda_items.order_by("-order").first()
        order = (last.order + 1) if last else 1
    item = AgendaItem(
        workshop=workshop,
        order=order,
        start_time=start_time,
        duration_minutes=duration_minutes,
        activity=activity,
        facilitation=facilitation,
    )
    return history.save(item, actor)


@transaction.atomic
def update_agenda_item(item, *, actor, **changes):
    _set(item, changes)
    return history.save(item, actor)


@transaction.atomic
def remove_agenda_item(item, *, actor):
    history.delete(item, actor)


@transaction.atomic
def add_atelier(
    workshop,
    *,
    actor,
    title,
    duration_minutes,
    agenda_item=None,
    description="",
    facilitation="",
    order=None,
):
    if agenda_item is not None and agenda_item.workshop_id != workshop.pk:
        raise ValidationError({"agenda_item": "Ce créneau appartient à un autre temps collectif."})
    if order is None:
        last = workshop.ateliers.order_by("-order").first()
        order = (last.order + 1) if last else 1
    atelier = Atelier(
        workshop=workshop,
        agenda_item=agenda_item,
        order=order,
        title=title,
        description=description,
        facilitation=facilitation,
        duration_minutes=duration_minutes,
    )
    if not duration_minutes or duration_minutes <= 0:
        raise ValidationError({"duration_minutes": "Indiquez la durée de l'atelier."})
    return history.save(atelier, actor)


@transaction.atomic
def remove_atelier(atelier, *, actor):
    chosen = atelier.registration_set.active().count()
    if chosen:
        who, whose = ("personne a", "ses") if chosen == 1 else ("personnes ont", "leurs")
        raise ValidationError(
            f"{chosen} {who} choisi l'atelier « {atelier.title} » : "
            f"retirez-le de {whose} choix avant de le supprimer."
        )
    history.delete(atelier, actor)


# --- Registrations ---------------------------------------------------------------------


def _resolve_organisation(registration, organisation, organisation_name):
    name = (organisation_name or "").strip()
    if organisation is not None:
        registration.organisation = organisation
        registration.organisation_name = name or organisation.name
        registration.organisation_review = OrganisationReview.MATCHED
    elif name:
        registration.organisation_name = name
        registration.organisation = match_organisation(name)
        registration.organisation_review = (
            OrganisationReview.MATCHED if registration.organisation else OrganisationReview.PENDING
        )
    else:
        registration.organisation_review = OrganisationReview.NONE


def _check_project_type(project_type):
    if project_type and project_type not in ProjectTypeCode.values:
        raise ValidationError({"project_type": f"Type de projet inconnu : {project_type}."})


def _check_email_free(workshop, email):
    if not email:
        return
    existing = Registration.objects.active().filter(workshop=workshop).with_email(email).first()
    if existing is not None:
        where = "sur la liste d'attente" if existing.status == S.WAITING_LIST else "déjà inscrite"
        raise ValidationError(
            {
                "email": f"L'adresse {email} est {where} pour ce temps collectif. "
                "Pour changer l'inscription, utilisez le lien reçu par e-mail (désinscription), "
                "puis inscrivez-vous à nouveau."
            }
        )


def _check_ateliers(workshop, ateliers):
    ateliers = list(ateliers or [])
    foreign = [a for a in ateliers if a.workshop_id != workshop.pk]
    if foreign:
        raise ValidationError(
            {"ateliers": "Un atelier choisi n'appartient pas à ce temps collectif."}
        )
    if len(ateliers) > workshop.ateliers_to_choose:
        raise ValidationError(
            {
                "ateliers": f"Choisissez au plus {workshop.ateliers_to_choose} "
                f"{plural('atelier', workshop.ateliers_to_choose)}."
            }
        )
    return ateliers


def _check_open(workshop):
    if workshop.cancelled:
        raise ValidationError(
            "Ce temps collectif est annulé : il n'est plus possible de s'y inscrire."
        )
    if workshop.is_training:
        raise ValidationError(
            "Une préparation au départ ne prend pas d'inscriptions : elle concerne le groupe d'un porteur."
        )


def _save_registration(registration, actor):
    try:
        with transaction.atomic():
            return history.save(registration, actor)
    except IntegrityError:
        # Two simultaneous submissions of the same e-mail: the constraint decides.
        raise ValidationError(
            {"email": f"L'adresse {registration.email} est déjà inscrite pour ce temps collectif."}
        ) from None


@transaction.atomic
def register(
    workshop,
    *,
    actor=None,
    full_name,
    email="",
    organisation=None,
    organisation_name="",
    organisation_city="",
    project_type="",
    ateliers=(),
    consent=False,
    waiting_list=False,
    role="",
    staff_entry=False,
    today=None,
    personal_link="",
    public=None,
):
    """Register a person to a workshop (public page: `actor` None, consent required).

    Refuses, writing nothing: a cancelled workshop or a training; missing consent;
    an e-mail already registered; after the deadline or when full (SeatUnavailable,
    unless `waiting_list`, which registers on the waiting list); ateliers beyond
    the number to choose; what an eligibility check refuses.
    `staff_entry`: staff record a registration (paper form, past workshop): no
    deadline nor capacity, consent gathered elsewhere.
    `personal_link`: the token of a personal link the person came with (eligibility
    checks read it, e.g. a PAM holder's seat in a cohort-only session).
    `public`: the public page's rules with a known `actor` (the API, for a system embedding
    the public registration: its account is the history's author); default: `actor` is None.
    """
    today = today or timezone.localdate()
    # Lock the workshop: two people cannot both take the last seat.
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    _check_open(workshop)
    email = (email or "").strip().lower()
    full_name = (full_name or "").strip()
    if not staff_entry:
        errors = {}
        if not full_name:
            errors["full_name"] = "Indiquez votre nom et votre prénom."
        if not email:
            errors["email"] = "Indiquez votre adresse e-mail : la confirmation y sera envoyée."
        if not consent:
            errors["consent"] = (
                "Cochez la case d'accord sur l'utilisation de vos données : sans elle, "
                "l'inscription ne peut pas être enregistrée."
            )
        if errors:
            raise ValidationError(errors)
    _check_project_type(project_type)
    _check_email_free(workshop, email)
    ateliers = _check_ateliers(workshop, ateliers)

    status = S.REGISTERED
    if not staff_entry:
        if workshop.date <= today:
            raise ValidationError(
                f"Ce temps collectif a lieu le {format_date(workshop.date)} : les inscriptions en ligne sont closes."
            )
        seats = workshop.registrations.holding_seat().count()
        full = workshop.capacity is not None and seats >= workshop.capacity
        late = today > workshop.last_registration_day
        if full or late:
            if not waiting_list:
                reason = (
                    f"Les inscriptions sont closes depuis le {format_date(workshop.last_registration_day)}"
                    if late
                    else f"Ce temps collectif est complet ({workshop.capacity} place{'s' if workshop.capacity > 1 else ''})"
                )
                raise SeatUnavailable(
                    f"{reason}. Vous pouvez vous inscrire sur la liste d'attente : "
                    "nous vous écrirons si une place se libère."
                )
            status = S.WAITING_LIST

    registration = Registration(
        workshop=workshop,
        full_name=full_name,
        role=role,
        email=email,
        organisation_city=(organisation_city or "").strip(),
        project_type=project_type or "",
        status=status,
        consent_at=timezone.now() if consent else None,
    )
    _resolve_organisation(registration, organisation, organisation_name)
    registration.personal_link = personal_link or ""
    public = actor is None if public is None else public
    registration.from_public_page = public and not staff_entry
    hooks.check_eligibility(workshop, registration)
    _save_registration(registration, actor)
    if ateliers:
        registration.ateliers.set(ateliers)
    if email:
        emails.on_commit(emails.send_confirmation, registration)
    return registration


@transaction.atomic
def add_walk_in(
    workshop,
    *,
    actor,
    full_name,
    email="",
    organisation=None,
    organisation_name="",
    organisation_city="",
    project_type="",
    role="",
    today=None,
):
    """Someone who came without registering, added at the door: present."""
    today = today or timezone.localdate()
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    _check_open(workshop)
    if workshop.date > today:
        raise ValidationError(
            f"Ce temps collectif a lieu le {format_date(workshop.date)} : on ajoute les personnes "
            "venues sans inscription le jour même ou après."
        )
    email = (email or "").strip().lower()
    _check_project_type(project_type)
    _check_email_free(workshop, email)
    now = timezone.now()
    registration = Registration(
        workshop=workshop,
        full_name=(full_name or "").strip(),
        role=role,
        email=email,
        organisation_city=(organisation_city or "").strip(),
        project_type=project_type or "",
        status=S.PRESENT,
        walk_in=True,
        checked_in_at=now,
        registered_at=now,
    )
    _resolve_organisation(registration, organisation, organisation_name)
    hooks.check_eligibility(workshop, registration)
    return _save_registration(registration, actor)


def _promote_next(workshop, actor):
    """Give a freed seat to the first person waiting, while registrations are open.
    After the deadline, staff decide (promote_from_waiting_list)."""
    if workshop.capacity is None or timezone.localdate() > workshop.last_registration_day:
        return None
    if workshop.registrations.holding_seat().count() >= workshop.capacity:
        return None
    first = workshop.registrations.waiting_list().first()
    if first is None:
        return None
    return promote_from_waiting_list(first, actor=actor)


@transaction.atomic
def promote_from_waiting_list(registration, *, actor):
    registration = Registration.objects.select_related("workshop").get(pk=registration.pk)
    if registration.status != S.WAITING_LIST:
        raise ValidationError(f"{registration.display_name} n'est pas sur la liste d'attente.")
    registration.status = S.REGISTERED
    history.save(registration, actor, reason="Place libérée : sortie de la liste d'attente")
    emails.on_commit(emails.send_promotion, registration)
    return registration


@transaction.atomic
def cancel_registration(registration, *, actor=None, reason="Désinscription"):
    """The person withdraws (signed link or staff). The seat goes to the first person waiting."""
    workshop = Workshop.objects.select_for_update().get(pk=registration.workshop_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == S.CANCELLED:
        raise ValidationError("Cette inscription est déjà annulée.")
    if registration.status in (S.PRESENT, S.ABSENT) or workshop.date < timezone.localdate():
        raise ValidationError(
            "Ce temps collectif a eu lieu : l'inscription ne peut plus être annulée."
        )
    held_seat = registration.status != S.WAITING_LIST
    registration.status = S.CANCELLED
    registration.cancelled_at = timezone.now()
    history.save(registration, actor, reason=reason)
    if held_seat:
        _promote_next(workshop, actor)
    return registration


def _check_same_workshop(workshop, registration):
    if workshop is not None and registration.workshop_id != workshop.pk:
        other = registration.workshop
        raise ValidationError(
            f"{registration.display_name} est inscrit·e à « {other.title} » du "
            f"{format_date(other.date)}, pas à ce temps collectif : ajoutez la personne comme "
            "venue sans inscription si elle est là."
        )


@transaction.atomic
def set_attendance(registration, status, *, actor, workshop=None, today=None):
    """Record registered / excused / absent / present. `workshop` is the screen the
    staff member is on: a registration to another workshop is refused."""
    today = today or timezone.localdate()
    registration = Registration.objects.select_related("workshop").get(pk=registration.pk)
    _check_same_workshop(workshop, registration)
    if status not in ATTENDANCE_STATUSES:
        raise ValidationError(f"Statut de présence inconnu : {status}.")
    if registration.status == S.CANCELLED:
        raise ValidationError(
            f"{registration.display_name} s'est désinscrit·e : inscrivez la personne à nouveau "
            "ou ajoutez-la comme venue sans inscription."
        )
    if registration.walk_in and status != S.PRESENT:
        raise ValidationError(
            "Une personne venue sans inscription est présente : supprimez la ligne si elle a été ajoutée par erreur."
        )
    if status in (S.PRESENT, S.ABSENT) and registration.workshop.date > today:
        raise ValidationError(
            f"Le temps collectif a lieu le {format_date(registration.workshop.date)} : "
            "la présence se note le jour même ou après."
        )
    registration.status = status
    registration.checked_in_at = timezone.now() if status == S.PRESENT else None
    return history.save(registration, actor)


def check_in(workshop, registration, *, actor, today=None):
    """The tablet at the door: this person is here."""
    return set_attendance(registration, S.PRESENT, actor=actor, workshop=workshop, today=today)


@transaction.atomic
def remove_walk_in(registration, *, actor):
    if not registration.walk_in:
        raise ValidationError("Seules les personnes venues sans inscription se suppriment ainsi.")
    history.delete(registration, actor, reason="Ajout à l'accueil annulé")


@transaction.atomic
def link_organisation(registration, organisation, *, actor):
    """Staff review: the typed name is in fact this organisation of the registry."""
    registration.organisation = organisation
    registration.organisation_review = OrganisationReview.LINKED
    return history.save(registration, actor, reason="Structure rattachée")


@transaction.atomic
def create_proposed_organisation(
    registration, *, actor, legal_kind=LegalKind.ASSOCIATION, commune=None
):
    """Staff review: the proposed organisation is new; create it and link every
    pending registration that typed the same name."""
    from ouverture.geo.text import normalize_name

    if registration.organisation_review != OrganisationReview.PENDING:
        raise ValidationError("Cette inscription n'attend pas de vérification de structure.")
    types = [registration.project_type] if registration.project_type else []
    organisation = create_organisation(
        actor=actor,
        name=registration.organisation_name,
        legal_kind=legal_kind,
        commune=commune,
        project_types=types,
    )
    key = normalize_name(registration.organisation_name)
    for pending in Registration.objects.pending_review():
        if normalize_name(pending.organisation_name) == key:
            pending.organisation = organisation
            pending.organisation_review = OrganisationReview.CREATED
            history.save(pending, actor, reason="Structure créée")
    return organisation


# --- Pre-departure trainings -----------------------------------------------------------


def _training_title(holder):
    return f"Préparation au départ — {holder.usual_name or holder.name}"


@transaction.atomic
def create_training(
    *,
    actor,
    date: dt.date,
    place,
    holder,
    young_people,
    destination_country,
    preparation_days: Decimal,
    staff_count,
    destination_place="",
    title="",
    start_time=None,
    end_time=None,
    notes="",
):
    workshop = history.save(
        Workshop(
            title=title or _training_title(holder),
            kind=WorkshopKind.PRE_DEPARTURE_TRAINING,
            date=date,
            place=place,
            start_time=start_time,
            end_time=end_time,
            ateliers_to_choose=0,
        ),
        actor,
    )
    training = Training(
        workshop=workshop,
        holder=holder,
        young_people=young_people,
        destination_country=destination_country,
        destination_place=destination_place,
        preparation_days=preparation_days,
        staff_count=staff_count,
        notes=notes,
    )
    return history.save(training, actor)


WORKSHOP_FIELDS = {"date", "place", "title", "start_time", "end_time"}


@transaction.atomic
def update_training(training, *, actor, **changes):
    workshop_changes = {k: v for k, v in changes.items() if k in WORKSHOP_FIELDS}
    training_changes = {k: v for k, v in changes.items() if k not in WORKSHOP_FIELDS}
    if workshop_changes:
        _set(training.workshop, workshop_changes)
        history.save(training.workshop, actor)
    _set(training, training_changes)
    return history.save(training, actor)

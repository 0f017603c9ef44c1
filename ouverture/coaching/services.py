"""Write operations on follow-ups and their contacts (one transaction, history, acting user)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ouverture.coaching.enums import MEETING_CHANNELS, Channel, FollowUpKind, FollowUpStatus, Topic
from ouverture.coaching.models import DocumentReview, FollowUp, Interaction
from ouverture.core import history
from ouverture.core.formats import format_date, format_hours
from ouverture.core.wording import plural
from ouverture.organisations.models import Organisation, ProjectType

MAX_MINUTES = 24 * 60


def advice_meeting_cap():
    return getattr(settings, "OUVERTURE_ADVICE_MEETING_CAP", 3)


class AdviceMeetingCapReached(ValidationError):
    """An advice follow-up already has its maximum of meetings: the screen offers to convert it."""


def _unknown_types(unknown):
    """The words for unknown project types, agreeing with how many (plural() stops at "de")."""
    return f"{plural('Type', len(unknown))} de projet {plural('inconnu', len(unknown))}"


def _check_topics(topics, field="topics"):
    unknown = set(topics or []) - set(Topic.values)
    if unknown:
        raise ValidationError(
            {field: f"{plural('Sujet inconnu', len(unknown))} : {', '.join(sorted(unknown))}."}
        )
    return [t for t in Topic.values if t in set(topics or [])]


EARLIEST_CONTACT = dt.date(2000, 1, 1)  # plausibility: the network's records start later


def _check_not_future(date, field="date"):
    if date < EARLIEST_CONTACT:
        raise ValidationError(
            {
                field: f"Le {format_date(date)} est antérieur au {format_date(EARLIEST_CONTACT)} : "
                "vérifiez l'année."
            }
        )
    if date > timezone.localdate():
        raise ValidationError(
            {
                field: f"Le {format_date(date)} est dans le futur : on ne consigne que ce qui a eu lieu."
            }
        )


def _check_duration(minutes, *, required, field="duration_minutes"):
    if minutes is None:
        if required:
            raise ValidationError({field: "Indiquez la durée du rendez-vous."})
        return
    if minutes <= 0:
        raise ValidationError({field: "La durée doit être positive."})
    if minutes > MAX_MINUTES:
        raise ValidationError(
            {
                field: f"Une durée de {format_hours(minutes)} dépasse une journée : vérifiez la saisie."
            }
        )


@transaction.atomic
def open_follow_up(
    organisation: Organisation,
    *,
    actor,
    kind=FollowUpKind.COACHING,
    opened_on: dt.date | None = None,
    project_types=(),
    topics=(),
    staff=None,
    target_scheme="",
    target_year=None,
    notes="",
):
    opened_on = opened_on or timezone.localdate()
    _check_not_future(opened_on, field="opened_on")
    follow_up = FollowUp(
        organisation=organisation,
        kind=kind,
        opened_on=opened_on,
        topics=_check_topics(topics),
        staff=staff,
        target_scheme=target_scheme,
        target_year=target_year,
        notes=notes,
    )
    history.save(follow_up, actor)
    codes = list(project_types) or list(organisation.project_types.values_list("code", flat=True))
    if codes:
        follow_up.project_types.set(_project_types(codes))
    return follow_up


def _check_contact(*, date, channel, duration_minutes):
    if channel not in Channel.values:
        raise ValidationError(
            {"channel": f"Canal « {channel} » inconnu : téléphone, e-mail, visio ou présentiel."}
        )
    _check_not_future(date)
    _check_duration(duration_minutes, required=channel in MEETING_CHANNELS)


def _locked(follow_up):
    """The follow-up as it is now, locked until the transaction ends: a service checks its
    rules on this row and saves only the fields it changes (`update_fields`), so a change
    made by another request between our read and our save is neither missed nor undone."""
    return FollowUp.objects.select_for_update().get(pk=follow_up.pk)


def _copy_back(follow_up, current, fields):
    """Keep the caller's object in step with what was saved."""
    for name in fields:
        setattr(follow_up, name, getattr(current, name))


def _locked_open_follow_up(follow_up, to_do):
    # Lock the follow-up so two simultaneous entries cannot both pass the cap.
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.status != FollowUpStatus.OPEN:
        raise ValidationError(
            f"Ce suivi est « {follow_up.get_status_display()} » : rouvrez-le pour {to_do}."
        )
    return follow_up


def _check_meeting_cap(follow_up, *, then, other_than=None):
    """An advice follow-up holding its maximum of meetings takes no other one."""
    if follow_up.kind != FollowUpKind.ADVICE:
        return
    cap = advice_meeting_cap()
    meetings = follow_up.interactions.meetings()
    if other_than is not None:
        meetings = meetings.exclude(pk=other_than.pk)
    if meetings.count() >= cap:
        raise AdviceMeetingCapReached(
            f"Un appui-conseil compte au plus {cap} rendez-vous, et celui-ci en a déjà {cap} : "
            "c'est la règle qui protège le temps des accompagnements. Si la structure a besoin d'un "
            f"suivi plus long, transformez cet appui-conseil en accompagnement puis {then}."
        )


@transaction.atomic
def log_interaction(
    follow_up: FollowUp,
    *,
    actor,
    date: dt.date,
    channel: str,
    duration_minutes: int | None = None,
    topics=(),
    note="",
    staff=None,
):
    """Record a contact. An advice follow-up refuses a meeting beyond the cap."""
    _check_contact(date=date, channel=channel, duration_minutes=duration_minutes)
    follow_up = _locked_open_follow_up(follow_up, "y ajouter un contact")
    if channel in MEETING_CHANNELS:
        _check_meeting_cap(follow_up, then="ajoutez le rendez-vous")
    interaction = Interaction(
        follow_up=follow_up,
        date=date,
        channel=channel,
        duration_minutes=duration_minutes,
        topics=_check_topics(topics),
        note=note,
        staff=staff or (actor if getattr(actor, "is_network", False) else None),
    )
    return history.save(interaction, actor)


INTERACTION_FIELDS = {"date", "channel", "duration_minutes", "topics", "note", "staff"}


@transaction.atomic
def update_interaction(interaction: Interaction, *, actor, **changes):
    """Correct a logged contact with the rules of log_interaction; a contact that becomes
    a meeting counts against the advice cap. `interaction` is refreshed on success."""
    unknown = set(changes) - INTERACTION_FIELDS
    if unknown:
        raise ValueError(f"Champs non modifiables ici : {', '.join(sorted(unknown))}")
    follow_up = _locked_open_follow_up(interaction.follow_up, "corriger ses contacts")
    current = Interaction.objects.select_for_update().get(pk=interaction.pk)
    values = {name: getattr(current, name) for name in INTERACTION_FIELDS} | changes
    _check_contact(
        date=values["date"], channel=values["channel"], duration_minutes=values["duration_minutes"]
    )
    values["topics"] = _check_topics(values["topics"])
    if values["channel"] in MEETING_CHANNELS and current.channel not in MEETING_CHANNELS:
        _check_meeting_cap(
            follow_up, then="faites de ce contact un rendez-vous", other_than=current
        )
    for name, value in values.items():
        setattr(current, name, value)
    history.save(current, actor)
    interaction.refresh_from_db()
    return interaction


def _contact_text(interaction):
    duration = interaction.duration_minutes
    return f"{interaction}" + (f", {format_hours(duration)}" if duration else "")


@transaction.atomic
def delete_interaction(interaction: Interaction, *, actor):
    """Remove a contact logged by mistake; the history keeps it, with who removed it."""
    _locked_open_follow_up(interaction.follow_up, "supprimer un de ses contacts")
    history.delete(interaction, actor, reason=f"Contact supprimé : {_contact_text(interaction)}")


@transaction.atomic
def convert_to_coaching(follow_up: FollowUp, *, actor):
    current = _locked(follow_up)
    current.kind = FollowUpKind.COACHING
    history.save(
        current,
        actor,
        reason="Appui-conseil transformé en accompagnement",
        update_fields=["kind"],
    )
    _copy_back(follow_up, current, ["kind", "status", "closed_on"])
    return current


@transaction.atomic
def convert_and_log_interaction(follow_up: FollowUp, *, actor, **contact):
    """Turn an advice follow-up into coaching and record the meeting that needed it, together."""
    convert_to_coaching(follow_up, actor=actor)
    return log_interaction(follow_up, actor=actor, **contact)


@transaction.atomic
def update_follow_up(follow_up: FollowUp, *, actor, project_types=None, topics=None, **changes):
    """Change a follow-up's description. Status goes through close/reopen, not here."""
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise ValueError(f"Champs non modifiables ici : {', '.join(sorted(unknown))}")
    # Locked: a meeting logged meanwhile (log_interaction locks the same row) is counted
    # before the follow-up becomes an advice, and a close made meanwhile is kept.
    current = _locked(follow_up)
    for name, value in changes.items():
        setattr(current, name, value)
    fields = set(changes)
    if topics is not None:
        current.topics = _check_topics(topics)
        fields.add("topics")
    _check_not_future(current.opened_on, field="opened_on")
    if current.kind == FollowUpKind.ADVICE:
        cap, held = advice_meeting_cap(), current.meeting_count()
        if held > cap:
            raise ValidationError(
                {
                    "kind": f"Ce suivi compte déjà {held} rendez-vous : un appui-conseil en compte "
                    f"au plus {cap}. Gardez-le en accompagnement."
                }
            )
    if fields:
        history.save(current, actor, update_fields=sorted(fields))
    if project_types is not None:
        current.project_types.set(_project_types(project_types))
    _copy_back(follow_up, current, [*sorted(fields), "status", "closed_on"])
    return follow_up


UPDATABLE_FIELDS = {"kind", "target_scheme", "target_year", "staff", "opened_on", "notes"}


def _project_types(codes):
    codes = list(codes or [])
    found = list(ProjectType.objects.filter(code__in=codes))
    unknown = set(codes) - {t.code for t in found}
    if unknown:
        raise ValidationError(
            {"project_types": f"{_unknown_types(unknown)} : {', '.join(sorted(unknown))}."}
        )
    return found


@transaction.atomic
def close_follow_up(follow_up: FollowUp, *, actor, closed_on=None, status=FollowUpStatus.CLOSED):
    if status not in (FollowUpStatus.CLOSED, FollowUpStatus.ABANDONED):
        raise ValidationError({"status": "Un suivi se clôt comme « Terminé » ou « Abandonné »."})
    closed_on = closed_on or timezone.localdate()
    _check_not_future(closed_on, field="closed_on")
    current = _locked(follow_up)
    if closed_on < current.opened_on:
        raise ValidationError(
            {
                "closed_on": f"Le suivi a été ouvert le {format_date(current.opened_on)} : "
                "il ne peut pas être clos avant."
            }
        )
    current.status = status
    current.closed_on = closed_on
    history.save(current, actor, update_fields=["status", "closed_on"])
    _copy_back(follow_up, current, ["status", "closed_on", "kind"])
    return follow_up


@transaction.atomic
def reopen_follow_up(follow_up: FollowUp, *, actor):
    current = _locked(follow_up)
    current.status = FollowUpStatus.OPEN
    current.closed_on = None
    history.save(current, actor, update_fields=["status", "closed_on"])
    _copy_back(follow_up, current, ["status", "closed_on", "kind"])
    return follow_up


@transaction.atomic
def record_document_review(*, actor, date, duration_minutes, follow_up=None, note="", staff=None):
    _check_not_future(date)
    _check_duration(duration_minutes, required=True)
    review = DocumentReview(
        follow_up=follow_up,
        date=date,
        duration_minutes=duration_minutes,
        note=note,
        staff=staff or actor,
    )
    return history.save(review, actor)


REVIEW_FIELDS = {"date", "duration_minutes", "note", "staff"}


@transaction.atomic
def update_document_review(review: DocumentReview, *, actor, **changes):
    """Correct a review entry with the rules of record_document_review."""
    unknown = set(changes) - REVIEW_FIELDS
    if unknown:
        raise ValueError(f"Champs non modifiables ici : {', '.join(sorted(unknown))}")
    current = DocumentReview.objects.select_for_update().get(pk=review.pk)
    values = {name: getattr(current, name) for name in REVIEW_FIELDS} | changes
    _check_not_future(values["date"])
    _check_duration(values["duration_minutes"], required=True)
    for name, value in values.items():
        setattr(current, name, value)
    history.save(current, actor)
    review.refresh_from_db()
    return review


@transaction.atomic
def delete_document_review(review: DocumentReview, *, actor):
    history.delete(
        review,
        actor,
        reason=f"Relecture supprimée : {review}, {format_hours(review.duration_minutes)}",
    )


BULK_SIZE = 2000


@transaction.atomic
def open_follow_ups_with_contacts(entries, *, actor):
    """Many new follow-ups with their contacts in a few queries (the table import).

    `entries`: dicts with `organisation`, `opened_on`, `project_types` (codes; empty: the
    organisation's), `notes`, `contacts` [(date, channel, minutes)] and optionally `kind`,
    `topics`, `staff`, `target_scheme`, `target_year`. The rules of `open_follow_up` and
    `log_interaction` are checked on every entry first (a new open follow-up needs no lock;
    the advice cap binds advice follow-ups only, which this refuses); then everything is
    inserted in bulk, history included (one creation entry per record, naming `actor`,
    the follow-up's with its project types). Returns the follow-ups.
    """
    from django.apps import apps
    from simple_history.utils import bulk_create_with_history

    entries = list(entries)
    for entry in entries:
        if entry.get("kind", FollowUpKind.COACHING) == FollowUpKind.ADVICE:
            raise ValueError("Les suivis de conseil s'ouvrent un par un (plafond de rendez-vous).")
        _check_not_future(entry["opened_on"], field="opened_on")
        _check_topics(entry.get("topics"))
        for date, channel, minutes in entry["contacts"]:
            _check_contact(date=date, channel=channel, duration_minutes=minutes)
    types = {t.code: t for t in ProjectType.objects.all()}
    missing = {e["organisation"].pk for e in entries if not e["project_types"]}
    defaults = {}
    through = Organisation.project_types.through
    for org_id, type_id in (
        through.objects.filter(organisation_id__in=missing).values_list(
            "organisation_id", "projecttype_id"
        )
        if missing
        else ()
    ):
        defaults.setdefault(org_id, []).append(type_id)
    unknown = {c for e in entries for c in e["project_types"]} - set(types)
    if unknown:
        raise ValidationError(
            {"project_types": f"{_unknown_types(unknown)} : {', '.join(sorted(unknown))}."}
        )
    follow_ups = [
        FollowUp(
            organisation=e["organisation"],
            kind=e.get("kind", FollowUpKind.COACHING),
            opened_on=e["opened_on"],
            topics=list(e.get("topics") or []),
            staff=e.get("staff"),
            target_scheme=e.get("target_scheme", ""),
            target_year=e.get("target_year"),
            notes=e.get("notes", ""),
        )
        for e in entries
    ]
    bulk_create_with_history(follow_ups, FollowUp, batch_size=BULK_SIZE, default_user=actor)
    links = []
    for entry, follow_up in zip(entries, follow_ups, strict=True):
        type_ids = [types[c].pk for c in entry["project_types"]] or defaults.get(
            entry["organisation"].pk, []
        )
        links.extend((follow_up.pk, type_id) for type_id in type_ids)
    link_rows = FollowUp.project_types.through.objects.bulk_create(
        [FollowUp.project_types.through(followup_id=f, projecttype_id=t) for f, t in links],
        batch_size=BULK_SIZE,
    )
    if follow_ups:  # the creation entry lists the project types, as a later change would
        pks = {f.pk for f in follow_ups}
        history_ids = {
            pk: history_id
            for pk, history_id in FollowUp.history.filter(
                id__gte=min(pks), id__lte=max(pks), history_type="+"
            ).values_list("id", "history_id")
            if pk in pks
        }
        m2m_history = apps.get_model("coaching", "HistoricalFollowUp_project_types")
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    id=link.pk,
                    followup_id=link.followup_id,
                    projecttype_id=link.projecttype_id,
                    history_id=history_ids[link.followup_id],
                )
                for link in link_rows
            ],
            batch_size=BULK_SIZE,
        )
    staff = actor if getattr(actor, "is_network", False) else None
    interactions = [
        Interaction(
            follow_up=follow_up,
            date=date,
            channel=channel,
            duration_minutes=minutes,
            topics=[],
            staff=staff,
        )
        for entry, follow_up in zip(entries, follow_ups, strict=True)
        for date, channel, minutes in entry["contacts"]
    ]
    bulk_create_with_history(interactions, Interaction, batch_size=BULK_SIZE, default_user=actor)
    return follow_ups

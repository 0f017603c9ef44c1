"""Reads other parts of the platform use: organisation matching, per-workshop
summary (the source document's tables), participants present, attendance counts,
the yearly summary the `events summary` command prints.

Everything is computed from registrations; a workshop's summary costs a fixed
number of queries whatever the number of registrations.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from ouverture.events import hooks
from ouverture.events.enums import RegistrationStatus, WorkshopKind
from ouverture.geo.text import normalize_name
from ouverture.organisations.enums import ProjectTypeCode

S = RegistrationStatus
TYPE_ORDER = list(ProjectTypeCode.values)
TYPE_LABELS = dict(ProjectTypeCode.choices)
SHORT_TYPE_LABELS = {
    ProjectTypeCode.YOUTH_MOBILITY: "Mobilité",
    ProjectTypeCode.COOPERATION: "Coopération",
    ProjectTypeCode.TWINNING: "Jumelage",
}


def match_organisation(name):
    """The registry's organisation whose name or usual name is `name` (accents, case,
    hyphens and apostrophes aside), or None when there is none or several."""
    from ouverture.organisations.models import Organisation

    key = normalize_name(name)
    if not key:
        return None
    candidates = Organisation.objects.filter(search_name__contains=key).only(
        "pk", "name", "usual_name"
    )
    found = [
        o
        for o in candidates
        if key in (normalize_name(o.name), normalize_name(o.usual_name) if o.usual_name else None)
    ]
    return found[0] if len(found) == 1 else None


@dataclass
class Participant:
    """Someone present: what the satisfaction questionnaire is sent from."""

    registration_id: int
    name: str
    email: str
    organisation: str
    organisation_id: int | None


@dataclass
class StructureRow:
    name: str
    city: str
    project_type: str  # ProjectTypeCode value or ""
    participants: int
    organisation_id: int | None = None

    @property
    def project_type_label(self):
        return SHORT_TYPE_LABELS.get(self.project_type, "Non précisé")


@dataclass
class WorkshopSummary:
    registered: int = 0
    excused: int = 0
    absent: int = 0
    walk_ins: int = 0
    participants: int = 0
    waiting_list: int = 0
    cancelled: int = 0
    not_yet_marked: int = 0
    structures: list[StructureRow] = field(default_factory=list)
    # project type -> number of structures, in the reference order, empty types left out
    structures_by_type: dict = field(default_factory=dict)

    @property
    def structure_count(self):
        return len(self.structures)

    @property
    def participants_in_structures(self):
        """Participants of the structures table (people present with no organisation aside)."""
        return sum(s.participants for s in self.structures)

    def type_rows(self):
        return [
            {"code": code, "label": TYPE_LABELS.get(code, "Non précisé"), "count": count}
            for code, count in self.structures_by_type.items()
        ]


def _structure_key(registration):
    if registration.organisation_id:
        return ("org", registration.organisation_id)
    if registration.organisation_name:
        return ("new", normalize_name(registration.organisation_name))
    return None


def summarise(registrations) -> WorkshopSummary:
    """Counts and tables from a workshop's registrations (already fetched with
    `with_related()`). A structure is counted once, under the project type most of
    its present participants gave (the first one given on a tie), listed in the
    order they first registered."""
    summary = WorkshopSummary()
    groups: dict = {}
    for r in registrations:
        if r.status == S.CANCELLED:
            summary.cancelled += 1
            continue
        if r.status == S.WAITING_LIST:
            summary.waiting_list += 1
            continue
        if not r.walk_in:
            summary.registered += 1
        if r.status == S.EXCUSED:
            summary.excused += 1
        elif r.status == S.ABSENT:
            summary.absent += 1
        elif r.status == S.REGISTERED:
            summary.not_yet_marked += 1
        elif r.status == S.PRESENT:
            summary.participants += 1
            summary.walk_ins += int(r.walk_in)
            key = _structure_key(r)
            if key is not None:
                groups.setdefault(key, []).append(r)
    # Structures in the order they first registered (the source tables' order).
    for members in sorted(groups.values(), key=lambda m: min((r.registered_at, r.pk) for r in m)):
        first = min(members, key=lambda r: (r.registered_at, r.pk))
        types = Counter(r.project_type for r in members if r.project_type)
        if types:
            best = max(types.values())
            ordered = sorted(members, key=lambda r: (r.registered_at, r.pk))
            project_type = next(r.project_type for r in ordered if types[r.project_type] == best)
        else:
            project_type = ""
        summary.structures.append(
            StructureRow(
                name=first.organisation_display,
                city=first.city_display,
                project_type=project_type,
                participants=len(members),
                organisation_id=first.organisation_id,
            )
        )
    counts = Counter(s.project_type for s in summary.structures)
    summary.structures_by_type = {
        code: counts[code] for code in [*TYPE_ORDER, ""] if counts.get(code)
    }
    return summary


def workshop_summary(workshop) -> WorkshopSummary:
    return summarise(workshop.registrations.with_related())


def attendance_counts(workshop) -> dict:
    """registered, excused, absent, walk_ins, participants, waiting_list, cancelled."""
    s = workshop_summary(workshop)
    return {
        "registered": s.registered,
        "excused": s.excused,
        "absent": s.absent,
        "walk_ins": s.walk_ins,
        "participants": s.participants,
        "waiting_list": s.waiting_list,
        "cancelled": s.cancelled,
    }


def present_participants(workshop) -> list[Participant]:
    """People present at the workshop (walk-ins included), in name order: the
    audience of its satisfaction questionnaire ("5 réponses sur 13 participants")."""
    rows = workshop.registrations.present().select_related("organisation").in_sheet_order()
    return [
        Participant(
            registration_id=r.pk,
            name=r.display_name,
            email=r.email,
            organisation=r.organisation_display,
            organisation_id=r.organisation_id,
        )
        for r in rows
    ]


def attendance_by_organisation(workshops) -> dict:
    """{(workshop_id, organisation_id): number present} for a set of workshops: the
    progress of holders through a series of sessions (PAM modules)."""
    from ouverture.events.models import Registration

    counts = Counter(
        Registration.objects.present()
        .filter(workshop__in=workshops, organisation__isnull=False)
        .values_list("workshop_id", "organisation_id")
    )
    return dict(counts)


def workshop_figures(workshop, summary: WorkshopSummary) -> dict:
    data = {
        "date": workshop.date.isoformat(),
        "title": workshop.title,
        "kind": workshop.kind,
        "registered": summary.registered,
        "excused": summary.excused,
        "walk_ins": summary.walk_ins,
        "participants": summary.participants,
        "structures": summary.structure_count,
        "structures_by_type": dict(summary.structures_by_type),
    }
    answers = hooks.questionnaire_answers(workshop)
    if answers is not None:
        data["questionnaire_answers"] = answers
    return data


def training_figures(training) -> dict:
    days = training.preparation_days
    return {
        "date": training.workshop.date.isoformat(),
        "holder": training.holder.name,
        "place": training.workshop.place,
        "young_people": training.young_people,
        "destination": training.destination,
        "preparation_days": int(days) if days == days.to_integral_value() else str(days),
        "staff": training.staff_count,
    }


def year_summary(year) -> dict:
    """Per workshop held in the year (not cancelled) and per pre-departure training."""
    from ouverture.events.models import Registration, Training, Workshop

    workshops = list(
        Workshop.objects.collective().in_year(year).filter(cancelled=False).order_by("date", "pk")
    )
    by_workshop: dict = {w.pk: [] for w in workshops}
    for r in Registration.objects.filter(workshop__in=workshops).with_related():
        by_workshop[r.workshop_id].append(r)
    trainings = (
        Training.objects.filter(workshop__date__year=year, workshop__cancelled=False)
        .select_related("workshop", "holder", "destination_country")
        .order_by("workshop__date", "pk")
    )
    return {
        "year": year,
        "workshops": [workshop_figures(w, summarise(by_workshop[w.pk])) for w in workshops],
        "trainings": [training_figures(t) for t in trainings],
    }


__all__ = [
    "Participant",
    "WorkshopKind",
    "attendance_by_organisation",
    "attendance_counts",
    "match_organisation",
    "present_participants",
    "summarise",
    "workshop_summary",
    "year_summary",
]


# How far back the public agenda feeds go: a subscribed calendar keeps the past year.
AGENDA_PAST_DAYS = 365


def public_agenda_kinds():
    """The kinds with a public agenda of their own: every collective kind (a pre-departure
    training is a holder's own group, never public)."""
    return [
        (value, label)
        for value, label in WorkshopKind.choices
        if value != WorkshopKind.PRE_DEPARTURE_TRAINING
    ]


def public_agenda(kind="", today=None):
    """The workshops of a public agenda feed: collective, open to all (a session reserved to
    the PAM cohort is not public), from a year back on, the cancelled ones included (the feed
    marks them CANCELLED). `kind` narrows to one kind. Prefetches what the feed shows and
    annotates `last_changed` (the latest history row): a fixed number of queries."""
    from ouverture.events.models import AgendaItem, Workshop

    today = today or timezone.localdate()
    history = Workshop.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    workshops = (
        Workshop.objects.collective()
        .open_to_all()
        .filter(date__gte=today - dt.timedelta(days=AGENDA_PAST_DAYS))
        .annotate(last_changed=Subquery(history.values("history_date")[:1]))
        .prefetch_related(
            "facilitators",
            Prefetch(
                "agenda_items", queryset=AgendaItem.objects.order_by("order", "start_time", "pk")
            ),
        )
        .order_by("date", "start_time", "pk")
    )
    return workshops.filter(kind=kind) if kind else workshops

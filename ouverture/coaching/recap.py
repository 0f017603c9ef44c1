"""The "Tableau récapitulatif des accompagnements": one row per organisation with
contacts in the period (project types, channels, sessions, total hours), and its totals.

Figures come from one aggregate query over the contacts of the period (sessions,
minutes and one count per channel, grouped by organisation) plus one query for the
project types of the follow-ups concerned and one for document review time: the cost
does not grow with the number of organisations. The page, the exports and the
`ouverture recap` command all use `CoachingRecap`.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from ouverture.coaching.enums import CHANNEL_SHORT, MEETING_CHANNELS, Channel, FollowUpKind
from ouverture.coaching.models import DocumentReview, FollowUp, Interaction
from ouverture.core.formats import format_date, format_hours, hours_decimal
from ouverture.core.tables import Column, Table
from ouverture.geo.text import normalize_name
from ouverture.organisations.enums import ProjectTypeCode

CHANNELS = list(Channel.values)  # the document's order: Tél, mails, visio, présentiel
PROJECT_TYPES = list(ProjectTypeCode.values)
PROJECT_TYPE_LABELS = dict(ProjectTypeCode.choices)

# Column titles of the source document's table (the importer reads the same ones).
COLUMN_LABELS = {
    "organisation": "Nom de l'organisation",
    "project_types": "Type de projet",
    "channels": "Type d'accompagnement",
    "sessions": "Nombre de session d'accompagnement",
    "hours": "Nombre d'heures au total",
}


def channels_text(codes) -> str:
    """['phone', 'email', 'in_person'] -> 'Tél, mails, présentiel' (as the document writes it)."""
    text = ", ".join(CHANNEL_SHORT[Channel(code)] for code in codes)
    return text[:1].upper() + text[1:]


def project_types_text(codes) -> str:
    return " / ".join(PROJECT_TYPE_LABELS[code] for code in codes)


@dataclass
class RecapRow:
    organisation_id: int
    organisation: str  # the organisation's display name (usual name when it has one)
    project_types: list[str]  # codes, in the reference order
    channels: list[str]  # codes, in the document's order
    sessions: int
    minutes: int

    @property
    def channels_text(self):
        return channels_text(self.channels)

    @property
    def project_types_text(self):
        return project_types_text(self.project_types)


@dataclass
class Recap:
    start: dt.date
    end: dt.date
    rows: list[RecapRow] = field(default_factory=list)
    review_minutes: int = 0

    @property
    def organisations(self):
        return len(self.rows)

    @property
    def sessions(self):
        return sum(r.sessions for r in self.rows)

    @property
    def minutes(self):
        return sum(r.minutes for r in self.rows)


class CoachingRecap:
    """The recap for a period and filters: build it, then render it (table, JSON)."""

    code = "coaching.recap"
    label = "Tableau récapitulatif des accompagnements"

    def __init__(self, start, end, *, project_type="", kind="", staff=None):
        if start > end:
            raise ValueError("La date de début est après la date de fin.")
        self.start, self.end = start, end
        self.project_type, self.kind, self.staff = project_type or "", kind or "", staff

    @classmethod
    def for_year(cls, year, **filters):
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), **filters)

    # Queries ------------------------------------------------------------

    def interactions(self):
        qs = Interaction.objects.between(self.start, self.end)
        if self.kind:
            qs = qs.filter(follow_up__kind=self.kind)
        if self.project_type:
            qs = qs.filter(
                follow_up__in=FollowUp.objects.filter(project_types__code=self.project_type)
            )
        if self.staff is not None:
            qs = qs.filter(staff=self.staff)
        return qs

    def reviews(self):
        qs = DocumentReview.objects.filter(date__gte=self.start, date__lte=self.end)
        # Review time not tied to a follow-up counts only when no follow-up filter applies.
        if self.kind:
            qs = qs.filter(follow_up__kind=self.kind)
        if self.project_type:
            qs = qs.filter(
                follow_up__in=FollowUp.objects.filter(project_types__code=self.project_type)
            )
        if self.staff is not None:
            qs = qs.filter(staff=self.staff)
        return qs

    def aggregate(self):
        """One row per organisation: name, sessions, minutes, and a count per channel."""
        per_channel = {f"n_{code}": Count("pk", filter=Q(channel=code)) for code in CHANNELS}
        return (
            self.interactions()
            .order_by()
            .values(
                "follow_up__organisation_id",
                "follow_up__organisation__name",
                "follow_up__organisation__usual_name",
            )
            .annotate(
                sessions=Count("pk", filter=Q(channel__in=MEETING_CHANNELS)),
                minutes=Sum("duration_minutes"),
                **per_channel,
            )
        )

    def project_types_by_organisation(self):
        through = FollowUp.project_types.through
        pairs = (
            through.objects.filter(followup_id__in=self.interactions().values("follow_up_id"))
            .values_list("followup__organisation_id", "projecttype_id")
            .distinct()
        )
        found = {}
        for organisation_id, code in pairs:
            found.setdefault(organisation_id, set()).add(code)
        return found

    def build(self) -> Recap:
        types = self.project_types_by_organisation()
        rows = []
        for item in self.aggregate():
            organisation_id = item["follow_up__organisation_id"]
            codes = types.get(organisation_id, ())
            rows.append(
                RecapRow(
                    organisation_id=organisation_id,
                    organisation=item["follow_up__organisation__usual_name"]
                    or item["follow_up__organisation__name"],
                    project_types=[c for c in PROJECT_TYPES if c in codes],
                    channels=[c for c in CHANNELS if item[f"n_{c}"]],
                    sessions=item["sessions"],
                    minutes=item["minutes"] or 0,
                )
            )
        rows.sort(key=lambda r: (normalize_name(r.organisation), r.organisation_id))
        review = self.reviews().aggregate(minutes=Sum("duration_minutes"))["minutes"] or 0
        return Recap(start=self.start, end=self.end, rows=rows, review_minutes=review)

    # Renderings ---------------------------------------------------------

    def period_text(self):
        if self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(
            self.start.year, 12, 31
        ):
            return str(self.start.year)
        return f"du {format_date(self.start)} au {format_date(self.end)}"

    def filters_text(self):
        parts = []
        if self.project_type:
            parts.append(f"type de projet : {PROJECT_TYPE_LABELS[self.project_type]}")
        if self.kind:
            parts.append(f"type de suivi : {FollowUpKind(self.kind).label}")
        if self.staff is not None:
            parts.append(f"chargé·e de mission : {self.staff}")
        return ", ".join(parts)

    def table(self, recap: Recap) -> Table:
        """The source document's columns, with a totals row; review time as a note."""
        table = Table(
            f"Accompagnements {self.period_text()}"[:31],
            [
                Column("organisation", COLUMN_LABELS["organisation"]),
                Column("project_types", COLUMN_LABELS["project_types"]),
                Column("channels", COLUMN_LABELS["channels"]),
                Column("sessions", COLUMN_LABELS["sessions"], "int"),
                Column("hours", COLUMN_LABELS["hours"], "duration"),
            ],
        )
        for row in recap.rows:
            table.add(
                organisation=row.organisation,
                project_types=row.project_types_text,
                channels=row.channels_text,
                sessions=row.sessions,
                hours=row.minutes,
            )
        table.totals = {
            "organisation": f"Total : {recap.organisations} structure{'s' if recap.organisations > 1 else ''}",
            "sessions": recap.sessions,
            "hours": recap.minutes,
        }
        table.notes = [
            f"{self.label} — {self.period_text()}"
            + (f" ({self.filters_text()})" if self.filters_text() else ""),
            "Sessions : rendez-vous par téléphone, en visio ou en présentiel ; les échanges "
            "de mails sont des contacts, pas des sessions.",
            f"Relecture et annotation des dossiers, comptée à part : "
            f"{format_hours(recap.review_minutes) or '0h'}.",
        ]
        return table

    @staticmethod
    def as_json(recap: Recap) -> dict:
        """Codes for project types and channels; hours as decimal strings ("49.0")."""
        return {
            "rows": [
                {
                    "organisation": row.organisation,
                    "project_types": row.project_types,
                    "channels": row.channels,
                    "sessions": row.sessions,
                    "hours": str(hours_decimal(row.minutes)),
                }
                for row in recap.rows
            ],
            "totals": {
                "organisations": recap.organisations,
                "sessions": recap.sessions,
                "hours": str(hours_decimal(recap.minutes)),
            },
        }

    def filename(self):
        return f"accompagnements-{self.start:%Y%m%d}-{self.end:%Y%m%d}"

"""The "Tableau récapitulatif des accompagnements": one row per organisation with
contacts in the period (project types, channels, sessions, total hours), and its totals.

build() reads its rows in one query (by_organisation_sql): the period's contacts grouped
by follow-up, then by organisation with its names, minutes, sessions and the masks of
its channels and project types, ordered by the stored Organisation.sort_name (the key of
the display name: accent- and case-insensitive, as a French reader expects); plus the
document review time: two queries whatever the number of organisations, on SQLite and
PostgreSQL. Python maps masks to shared tuples. The page, the exports and the `ouverture
recap` command all use `CoachingRecap`: exports and the command `build()` every row; the
page reads `totals()` (sessions and minutes by one aggregate, organisations by one count
over the follow-ups with a contact) and `rows_slice()` (its organisations ordered by
sort_name with LIMIT/OFFSET, then the GROUP BY for them), so it never reads more than
its own rows.

Indexes (coaching.Interaction.Meta): (date, follow_up, channel, duration_minutes, staff)
holds every column the period's queries read, so a period is one index range, never a
table lookup per contact; (follow_up, date) answers "has this follow-up a contact in the
period?" for the EXISTS probes.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Collate

from ouverture.coaching.enums import CHANNEL_SHORT, MEETING_CHANNELS, Channel, FollowUpKind
from ouverture.coaching.models import DocumentReview, FollowUp, Interaction
from ouverture.core.formats import format_date, format_hours
from ouverture.organisations.enums import ProjectTypeCode

if TYPE_CHECKING:  # core.tables imports openpyxl: loaded by table() only
    from ouverture.core.tables import Table

CHANNELS = list(Channel.values)  # the document's order: Tél, mails, visio, présentiel
PROJECT_TYPES = list(ProjectTypeCode.values)


def _subsets(codes):
    """Bit mask -> tuple of the codes it holds, in the given order."""
    return {
        mask: tuple(c for i, c in enumerate(codes) if mask & (1 << i))
        for mask in range(1 << len(codes))
    }


CHANNEL_BITS = [1 << i for i in range(len(CHANNELS))]
CHANNEL_SETS = _subsets(CHANNELS)
TYPE_BIT = {code: 1 << i for i, code in enumerate(PROJECT_TYPES)}
TYPE_SETS = _subsets(PROJECT_TYPES)
PROJECT_TYPE_LABELS = dict(ProjectTypeCode.choices)
_SHORT = {str(code): text for code, text in CHANNEL_SHORT.items()}

# Column titles of the source document's table (the importer reads the same ones).
COLUMN_LABELS = {
    "organisation": "Nom de l'organisation",
    "project_types": "Type de projet",
    "channels": "Type d'accompagnement",
    "sessions": "Nombre de session d'accompagnement",
    "hours": "Nombre d'heures au total",
}


def hours_text(minutes) -> str:
    """Minutes as decimal hours with one decimal, half-up: 2940 -> '49.0', 50 -> '0.8'.

    The same figure as core.formats.hours_decimal, in integers (no Decimal per row).
    """
    tenths = (int(minutes or 0) + 3) // 6
    return f"{tenths // 10}.{tenths % 10}"


def channels_text(codes) -> str:
    """['phone', 'email', 'in_person'] -> 'Tél, mails, présentiel' (as the document writes it)."""
    text = ", ".join(_SHORT[code] for code in codes)
    return text[:1].upper() + text[1:]


def project_types_text(codes) -> str:
    return " / ".join(PROJECT_TYPE_LABELS[code] for code in codes)


@dataclass(slots=True)
class RecapRow:
    organisation_id: int
    organisation: str  # the organisation's display name (usual name when it has one)
    project_types: tuple[str, ...]  # codes, in the reference order
    channels: tuple[str, ...]  # codes, in the document's order
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


@dataclass
class RecapTotals:
    """The figures of the whole period, without its rows (the page shows a slice of them)."""

    start: dt.date
    end: dt.date
    organisations: int = 0
    sessions: int = 0
    minutes: int = 0
    review_minutes: int = 0


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
            qs = qs.filter(self._of_project_type())
        if self.staff is not None:
            qs = qs.filter(staff=self.staff)
        return qs

    def _of_project_type(self):
        """A probe of the (follow-up, type) unique index per row. `follow_up__in=<follow-ups
        of the type>` nested in the totals' EXISTS let PostgreSQL, with no statistics on
        freshly written tables, run the subquery once per pair: minutes for 1 000 rows."""
        through = FollowUp.project_types.through
        return Exists(
            through.objects.filter(
                followup_id=OuterRef("follow_up_id"), projecttype_id=self.project_type
            )
        )

    def reviews(self):
        qs = DocumentReview.objects.filter(date__gte=self.start, date__lte=self.end)
        # Review time not tied to a follow-up counts only when no follow-up filter applies.
        if self.kind:
            qs = qs.filter(follow_up__kind=self.kind)
        if self.project_type:
            qs = qs.filter(self._of_project_type())
        if self.staff is not None:
            qs = qs.filter(staff=self.staff)
        return qs

    def aggregate(self):
        """One row per follow-up with contacts: follow-up, organisation, minutes, then a
        count per channel (in CHANNELS order). Kept for callers; build() reads
        by_organisation(), where the database also merges follow-ups."""
        per_channel = {f"n_{code}": Count("pk", filter=Q(channel=code)) for code in CHANNELS}
        return (
            self.interactions()
            .order_by()
            .values("follow_up_id", "follow_up__organisation_id")
            .annotate(minutes=Sum("duration_minutes"), **per_channel)
            .values_list("follow_up_id", "follow_up__organisation_id", "minutes", *per_channel)
        )

    def by_organisation(self):
        """One row per organisation with contacts, merged by the database: organisation,
        its name and usual name, minutes, sessions (meeting channels), then a count per
        channel (in CHANNELS order)."""
        per_channel = {f"n_{code}": Count("pk", filter=Q(channel=code)) for code in CHANNELS}
        organisation = "follow_up__organisation"
        return (
            self.interactions()
            .order_by()
            .values(f"{organisation}_id", f"{organisation}__name", f"{organisation}__usual_name")
            .annotate(
                minutes=Sum("duration_minutes"),
                sessions=Count("pk", filter=Q(channel__in=MEETING_CHANNELS)),
                **per_channel,
            )
            .values_list(
                f"{organisation}_id",
                f"{organisation}__name",
                f"{organisation}__usual_name",
                "minutes",
                "sessions",
                *per_channel,
            )
        )

    def by_organisation_sql(self):
        """build()'s rows for the whole period in one query, in the shape that reads fastest:
        the contacts grouped by follow-up first (integers only, from the covering index),
        then those per-follow-up rows joined to their follow-up and organisation and merged
        by organisation, with one flag per project type (EXISTS in the follow-ups' types,
        never a join that would repeat a follow-up per type), ordered by the stored
        sort_name. Grouping 100 000 contacts with the names attached made the database sort
        wide rows (2.7x slower on SQLite, 2.5x on PostgreSQL).

        Rows: organisation, name, usual name, minutes, sessions, the mask of its channels
        (CHANNEL_BITS), the mask of its project types (TYPE_BIT)."""
        from ouverture.organisations.models import Organisation

        per_channel = {f"n_{code}": Count("pk", filter=Q(channel=code)) for code in CHANNELS}
        per_follow_up = (
            self.interactions()
            .order_by()
            .values("follow_up_id")
            .annotate(
                minutes=Sum("duration_minutes"),
                sessions=Count("pk", filter=Q(channel__in=MEETING_CHANNELS)),
                **per_channel,
            )
            .values_list("follow_up_id", "minutes", "sessions", *per_channel)
        )
        inner, inner_params = per_follow_up.query.sql_with_params()
        connection = connections[per_follow_up.db]
        quote = connection.ops.quote_name
        through = quote(FollowUp.project_types.through._meta.db_table)
        # Sets as bit masks (CHANNEL_SETS / TYPE_SETS keys), computed by the database.
        channels = " + ".join(
            f"CASE WHEN SUM(x.{quote(name)}) > 0 THEN {bit} ELSE 0 END"
            for name, bit in zip(per_channel, CHANNEL_BITS, strict=True)
        )
        types = " + ".join(
            f"MAX(CASE WHEN EXISTS (SELECT 1 FROM {through} t WHERE t.followup_id = f.id "
            f"AND t.projecttype_id = %s) THEN {TYPE_BIT[code]} ELSE 0 END)"
            for code in PROJECT_TYPES
        )
        order = "o.sort_name"
        if connection.vendor == "postgresql":
            order += ' COLLATE "C"'  # code point order, as Python compares strings
        sql = (
            "SELECT o.id, o.name, o.usual_name, SUM(x.minutes), SUM(x.sessions), "
            f"{channels}, {types} FROM ({inner}) x "
            f"JOIN {quote(FollowUp._meta.db_table)} f ON f.id = x.follow_up_id "
            f"JOIN {quote(Organisation._meta.db_table)} o ON o.id = f.organisation_id "
            # The names depend on the primary key (both databases accept it).
            f"GROUP BY o.id ORDER BY {order}, o.id"
        )
        return per_follow_up.db, sql, (*PROJECT_TYPES, *inner_params)

    def project_type_pairs(self):
        """(organisation, project type) once each, over the follow-ups with contacts in the
        period (DISTINCT, by the database)."""
        through = FollowUp.project_types.through
        # EXISTS per follow-up (an index probe on follow_up, date), not IN (every contact
        # of the period): the page asks for 100 organisations' types and reads only theirs.
        with_contacts = Exists(self.interactions().filter(follow_up_id=OuterRef("followup_id")))
        return (
            through.objects.filter(with_contacts)
            .order_by()
            .values_list("followup__organisation_id", "projecttype_id")
            .distinct()
        )

    @staticmethod
    def _rows(query):
        # The ORM writes the SQL; rows are read straight from the cursor, without
        # per-value converters: integers and text whatever the database.
        sql, params = query.query.sql_with_params()
        with connections[query.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _type_bits(self, query):
        type_bits = {}
        for organisation_id, code in self._rows(query):
            type_bits[organisation_id] = type_bits.get(organisation_id, 0) | TYPE_BIT[code]
        return type_bits

    @staticmethod
    def _recap_rows(grouped, type_bits):
        rows = []
        for organisation_id, name, usual_name, minutes, sessions, *counts in grouped:
            bits = 0
            for bit, count in zip(CHANNEL_BITS, counts, strict=True):
                if count:
                    bits |= bit
            rows.append(
                RecapRow(
                    organisation_id,
                    usual_name or name,
                    TYPE_SETS[type_bits.get(organisation_id, 0)],
                    CHANNEL_SETS[bits],
                    int(sessions),
                    int(minutes or 0),
                )
            )
        return rows

    def review_minutes(self) -> int:
        return self.reviews().aggregate(minutes=Sum("duration_minutes"))["minutes"] or 0

    def build(self) -> Recap:
        # The database groups contacts by organisation, masks its channels and project
        # types and orders the rows (by sort_name, the key of the display name); Python maps
        # the masks to shared tuples.
        alias, sql, params = self.by_organisation_sql()
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            grouped = cursor.fetchall()
        rows = [
            RecapRow(
                organisation_id,
                usual_name or name,
                TYPE_SETS[int(types)],
                CHANNEL_SETS[int(channels)],
                int(sessions),
                int(minutes or 0),
            )
            for organisation_id, name, usual_name, minutes, sessions, channels, types in grouped
        ]
        return Recap(
            start=self.start, end=self.end, rows=rows, review_minutes=self.review_minutes()
        )

    def with_contacts(self):
        """The organisations with contacts in the period (the recap's rows), as a queryset:
        EXISTS per organisation, probed on the (follow_up, date) index."""
        from ouverture.organisations.models import Organisation

        return Organisation.objects.filter(
            Exists(self.interactions().filter(follow_up__organisation=OuterRef("pk")))
        )

    def totals(self) -> RecapTotals:
        """The period's figures without reading a row per organisation: sessions and minutes
        by one aggregate over the period's contacts (read from the covering index, no join),
        the organisations by one count over the follow-ups with a contact (the organisations
        rows_slice() pages through), and the review time. The same figures as build()'s."""
        figures = (
            self.interactions()
            .order_by()
            .aggregate(
                sessions=Count("pk", filter=Q(channel__in=MEETING_CHANNELS)),
                minutes=Sum("duration_minutes"),
            )
        )
        # Distinct organisations of the follow-ups with a contact: the semi-join reads the
        # period's follow-up ids from the index and joins each follow-up once, not each contact.
        organisations = (
            FollowUp.objects.filter(Exists(self.interactions().filter(follow_up_id=OuterRef("pk"))))
            .order_by()
            .aggregate(n=Count("organisation_id", distinct=True))["n"]
        )
        return RecapTotals(
            start=self.start,
            end=self.end,
            organisations=organisations or 0,
            sessions=figures["sessions"] or 0,
            minutes=int(figures["minutes"] or 0),
            review_minutes=self.review_minutes(),
        )

    def rows_slice(self, offset: int, limit: int) -> list[RecapRow]:
        """build().rows[offset:offset + limit], read from the database alone: the page's
        organisations (with contacts, ordered by the stored Organisation.sort_name — the
        key build() sorts by — with LIMIT/OFFSET), then the group-by and the project
        types of those organisations only."""
        if limit <= 0:
            return []
        page = self.with_contacts()
        order = F("sort_name")
        if connections[page.db].vendor == "postgresql":
            order = Collate(order, "C")  # code point order, as Python compares strings
        # The organisations with contacts, walked in the sort_name index's order: the
        # database stops after the page instead of grouping the whole period first.
        page = page.order_by(order, "pk").values_list("pk")[offset : offset + limit]
        ids = [pk for (pk,) in self._rows(page)]
        if not ids:
            return []
        position = {pk: i for i, pk in enumerate(ids)}
        grouped = sorted(
            self._rows(self.by_organisation().filter(follow_up__organisation_id__in=ids)),
            key=lambda row: position[row[0]],
        )
        pairs = self.project_type_pairs().filter(followup__organisation_id__in=ids)
        return self._recap_rows(grouped, self._type_bits(pairs))

    def paged_rows(self, totals: RecapTotals) -> "RecapPageRows":
        """A sequence for django's Paginator: its count is the totals', a slice reads one page."""
        return RecapPageRows(self, totals.organisations)

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

    def table(self, recap: Recap) -> "Table":
        """The source document's columns, with a totals row; review time as a note."""
        from ouverture.core.tables import Column, Table  # openpyxl: only for the exports

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
            f"{format_hours(recap.review_minutes) if recap.review_minutes else '0h'}.",
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
                    "hours": hours_text(row.minutes),
                }
                for row in recap.rows
            ],
            "totals": {
                "organisations": recap.organisations,
                "sessions": recap.sessions,
                "hours": hours_text(recap.minutes),
            },
        }

    @staticmethod
    def json_text(recap: Recap) -> str:
        """json.dumps(as_json(recap), ensure_ascii=False, indent=2), the same text at C
        speed: with an indent, json falls back to its pure-Python encoder, which took a
        third of `ouverture recap`'s time at national scale. Strings go through json's own
        (C) string encoder; the layout of each row is written here (tested against json)."""
        string = json.encoder.encode_basestring
        lists = {}

        def codes(values):
            text = lists.get(values)
            if text is None:
                items = ",\n        ".join(string(v) for v in values)
                text = lists[values] = f"[\n        {items}\n      ]" if values else "[]"
            return text

        rows = ",\n".join(
            f'    {{\n      "organisation": {string(row.organisation)},\n'
            f'      "project_types": {codes(row.project_types)},\n'
            f'      "channels": {codes(row.channels)},\n'
            f'      "sessions": {int(row.sessions)},\n'
            f'      "hours": {string(hours_text(row.minutes))}\n    }}'
            for row in recap.rows
        )
        rows = f"[\n{rows}\n  ]" if recap.rows else "[]"
        return (
            f'{{\n  "rows": {rows},\n'
            f'  "totals": {{\n    "organisations": {recap.organisations},\n'
            f'    "sessions": {recap.sessions},\n'
            f'    "hours": {string(hours_text(recap.minutes))}\n  }}\n}}'
        )

    def filename(self):
        return f"accompagnements-{self.start:%Y%m%d}-{self.end:%Y%m%d}"


class RecapPageRows:
    """The recap's rows as Paginator reads them: count() without a query, a slice by SQL."""

    def __init__(self, builder: CoachingRecap, count: int):
        self.builder, self._count = builder, count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("RecapPageRows reads slices only.")
        start, stop, _ = index.indices(self._count)
        return self.builder.rows_slice(start, stop - start)

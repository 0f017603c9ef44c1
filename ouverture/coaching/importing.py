"""Import of a coaching table in the source document's shape (CSV, TSV or XLSX).

Columns: "Nom de l'organisation", "Type de projet", "Type d'accompagnement" (the
channels: "Tél, mails, visio, présentiel"), "Nombre de session d'accompagnement",
"Nombre d'heures au total" ("3h30", "2h", "2", "1h45", "90 min"), and optionally
"Date" (of the row's last contact).

Such a table gives totals per organisation, not contacts. Each row becomes one
coaching follow-up whose contacts are laid out as `layout_contacts` says:
- one meeting per session, cycling through the listed meeting channels
  (phone, video, in person, in that order);
- the total hours split across the sessions in quarter hours (the first sessions
  take the extra quarters): 3h30 over 4 sessions gives 1h, 1h, 45 min, 45 min;
- one e-mail contact without duration when "mails" is listed, before the meetings
  (with no session, it carries the hours);
- dates spread evenly over the window (the year asked, up to today), staggered from
  one row to the next; with a "Date" column, the row's contacts are a week apart
  and the last one is on that date (not before January 1st of its year).

All or nothing: `read_coaching_table` checks every row and lists every problem with
its line and column; `apply_plan` writes only a plan without issues, through the
services, in one transaction.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ouverture.coaching import services
from ouverture.coaching.enums import MEETING_CHANNELS, Channel, FollowUpKind
from ouverture.coaching.recap import COLUMN_LABELS, channels_text, project_types_text
from ouverture.coaching.services import EARLIEST_CONTACT
from ouverture.core.formats import format_date, format_hours, parse_duration
from ouverture.core.tabular import FileRejected, Issue, check_length, read_table
from ouverture.core.wording import plural
from ouverture.geo.text import normalize_name
from ouverture.organisations.enums import LegalKind, ProjectTypeCode
from ouverture.organisations.models import Organisation
from ouverture.organisations.services import create_organisation

MAX_SESSION_MINUTES = 24 * 60

ALIASES = {
    "organisation": [COLUMN_LABELS["organisation"], "Organisation", "Structure", "Nom"],
    "project_types": [COLUMN_LABELS["project_types"], "Types de projet", "Type de projets"],
    "channels": [COLUMN_LABELS["channels"], "Canaux", "Canal", "Type d'accompagnements"],
    "sessions": [
        COLUMN_LABELS["sessions"],
        "Nombre de sessions d'accompagnement",
        "Nombre de sessions",
        "Sessions",
    ],
    "hours": [COLUMN_LABELS["hours"], "Nombre d'heures", "Heures", "Durée totale"],
    "date": ["Date", "Date du dernier contact", "Date de la dernière session"],
}
REQUIRED = ["organisation", "project_types", "channels", "sessions", "hours"]

CHANNEL_WORDS = {
    Channel.PHONE: ["tel", "tél", "telephone", "téléphone", "phone", "appel", "appels"],
    Channel.EMAIL: [
        "mail",
        "mails",
        "e-mail",
        "e-mails",
        "email",
        "emails",
        "courriel",
        "courriels",
    ],
    Channel.VIDEO: ["visio", "visios", "visioconference", "video", "vidéo", "teams", "zoom"],
    Channel.IN_PERSON: ["presentiel", "présentiel", "rendez-vous", "rdv", "rencontre", "in_person"],
}
CHANNEL_LOOKUP = {normalize_name(w): c.value for c, words in CHANNEL_WORDS.items() for w in words}

TYPE_WORDS = {
    ProjectTypeCode.YOUTH_MOBILITY: ["mobilite", "mobilite jeunesse", "mobilite internationale"],
    ProjectTypeCode.COOPERATION: [
        "cooperation",
        "cooperation internationale",
        "solidarite internationale",
    ],
    ProjectTypeCode.TWINNING: ["jumelage", "jumelages", "jumelages innovants"],
}
TYPE_LOOKUP = {normalize_name(w): c.value for c, words in TYPE_WORDS.items() for w in words}
TYPE_LOOKUP.update({normalize_name(c.value): c.value for c in ProjectTypeCode})
TYPE_LOOKUP.update({normalize_name(c.label): c.value for c in ProjectTypeCode})

_SPLIT = re.compile(r"\s*(?:[,;/+&]|\bet\b)\s*", re.IGNORECASE)
_TOTAL = re.compile(r"^total\b")
_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass
class PlannedContact:
    date: dt.date
    channel: str
    minutes: int | None

    @property
    def channel_label(self):
        return Channel(self.channel).label


@dataclass
class PlannedRow:
    line: int
    name: str  # as written in the file
    organisation: Organisation | None  # None: created when the plan is applied
    project_types: list[str]
    channels: list[str]
    sessions: int
    minutes: int
    contacts: list[PlannedContact] = field(default_factory=list)

    @property
    def channels_text(self):
        return channels_text(self.channels)

    @property
    def project_types_text(self):
        return project_types_text(self.project_types)

    @property
    def hours_text(self):
        return format_hours(self.minutes) if self.minutes else "0h"


@dataclass
class ImportPlan:
    filename: str
    rows: list[PlannedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the reader corrected

    @property
    def ok(self):
        return not self.issues and bool(self.rows)

    @property
    def organisations_to_create(self):
        return sorted({r.name for r in self.rows if r.organisation is None}, key=normalize_name)

    def summary(self):
        sessions = sum(r.sessions for r in self.rows)
        emails = sum(1 for r in self.rows for c in r.contacts if c.channel == Channel.EMAIL)
        minutes = sum(r.minutes for r in self.rows)
        text = (
            f"{len(self.rows)} ligne{'s' if len(self.rows) > 1 else ''} : "
            f"{len(self.rows)} suivi{'s' if len(self.rows) > 1 else ''}, "
            f"{sessions} session{'s' if sessions > 1 else ''}, "
            f"{emails} échange{'s' if emails > 1 else ''} de mails, "
            f"{format_hours(minutes) or '0h'} au total"
        )
        create = self.organisations_to_create
        if create:
            text += f" ; {len(create)} structure{'s' if len(create) > 1 else ''} à créer"
        return text + "."


def split_minutes(total, parts):
    """Split `total` minutes into `parts` sessions in quarter hours (minutes when too short)."""
    unit = 15 if total >= 15 * parts else 1
    base = (total // parts) // unit * unit
    sizes = [base] * parts
    rest, index = total - base * parts, 0
    while rest >= unit:
        sizes[index % parts] += unit
        rest -= unit
        index += 1
    sizes[sizes.index(min(sizes))] += rest  # never pushes a session past the average's quarter
    return sizes


def spread_dates(count, start, end, offset=0.0):
    """`count` dates spread evenly over [start, end], shifted by `offset` (0 ≤ offset < 1) of a step."""
    span = (end - start).days
    return [start + dt.timedelta(days=int(span * (j + offset) / count)) for j in range(count)]


def layout_contacts(channels, sessions, minutes, *, window=None, last_date=None, index=0):
    """The contacts that make up a row's totals (see the module's docstring)."""
    meeting_channels = [c for c in channels if c in MEETING_CHANNELS]
    has_email = Channel.EMAIL in channels
    kinds = []
    if has_email:
        kinds.append((Channel.EMAIL.value, None if sessions else (minutes or None)))
    if sessions:
        for k, size in enumerate(split_minutes(minutes, sessions)):
            kinds.append((meeting_channels[k % len(meeting_channels)], size))
    if last_date is not None:
        floor = dt.date(last_date.year, 1, 1)
        dates = [
            max(floor, last_date - dt.timedelta(weeks=len(kinds) - 1 - j))
            for j in range(len(kinds))
        ]
    else:
        dates = spread_dates(len(kinds), *window, offset=(index * 0.37) % 1)
    return [
        PlannedContact(date=d, channel=c, minutes=m) for d, (c, m) in zip(dates, kinds, strict=True)
    ]


def _codes(text, lookup):
    tokens = [t for t in _SPLIT.split(text or "") if t.strip()]
    found, unknown = [], []
    for token in tokens:
        code = lookup.get(normalize_name(token))
        if code is None:
            unknown.append(token.strip())
        elif code not in found:
            found.append(code)
    return found, unknown


def _parse_date(text):
    text = text.strip()
    match = _DATE_FR.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"Date « {text} » illisible : écrivez-la « 14/10/2023 » ou « 2023-10-14 »."
        ) from None


def _organisation_index():
    index = {}
    for organisation in Organisation.objects.only("pk", "name", "usual_name"):
        for name in {organisation.name, organisation.usual_name}:
            if name:
                index.setdefault(normalize_name(name), {})[organisation.pk] = organisation
    return index


def year_window(year):
    """The year asked for, up to today: contacts are never dated in the future."""
    today = timezone.localdate()
    if year > today.year:
        raise ValueError(f"L'année {year} n'a pas commencé : on ne consigne que ce qui a eu lieu.")
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def read_coaching_table(
    content: bytes,
    filename: str,
    *,
    year=None,
    window=None,
    encoding="utf-8",
    create_organisations=False,
) -> ImportPlan:
    """Read and check every row. Raises FileRejected when the file itself cannot be read."""
    table = read_table(content, filename, aliases=ALIASES, required=REQUIRED, encoding=encoding)
    plan = ImportPlan(filename=filename, warnings=list(table.warnings))
    name_limit = Organisation._meta.get_field("name").max_length
    if window is None and year is not None:
        try:
            window = year_window(int(year))
        except ValueError as error:
            raise FileRejected(str(error)) from None
    if window is None and "date" not in table.columns:
        raise FileRejected(
            "Le fichier n'a pas de colonne « Date » : indiquez l'année des accompagnements."
        )
    organisations = _organisation_index()
    today = timezone.localdate()
    col = table.columns

    for index, row in enumerate(table.rows):
        values, line = row.values, row.line
        issues = []

        def issue(key, message, line=line, issues=issues):
            issues.append(Issue(line, col.get(key), message))

        name = values.get("organisation", "")
        if _TOTAL.match(normalize_name(name)):
            continue  # the totals row of an exported recap
        organisation = None
        too_long = check_length(
            name, name_limit, line=line, column=col.get("organisation"), what="Le nom"
        )
        if not name:
            issue("organisation", "Le nom de l'organisation est vide.")
        elif too_long:
            issues.append(too_long)
        else:
            matches = list(organisations.get(normalize_name(name), {}).values())
            if len(matches) > 1:
                listed = ", ".join(sorted(o.name for o in matches))
                issue("organisation", f"Plusieurs structures répondent à « {name} » : {listed}.")
            elif matches:
                organisation = matches[0]
            elif not create_organisations:
                issue(
                    "organisation",
                    f"Structure « {name} » inconnue : créez-la d'abord, ou demandez la création "
                    "des structures inconnues (case à cocher, ou --create-organisations).",
                )

        types, unknown = _codes(values.get("project_types"), TYPE_LOOKUP)
        if unknown:
            issue(
                "project_types",
                f"Type de projet « {', '.join(unknown)} » inconnu : coopération internationale, "
                "mobilité jeunesse ou jumelage.",
            )
        elif not types and organisation is None:
            issue("project_types", "Indiquez le type de projet.")

        channels, unknown = _codes(values.get("channels"), CHANNEL_LOOKUP)
        channels = [c for c in Channel.values if c in channels]
        if unknown:
            issue(
                "channels",
                f"Canal « {', '.join(unknown)} » inconnu : écrivez « Tél », « mails », « visio » "
                "ou « présentiel », séparés par des virgules.",
            )
        elif not channels:
            issue("channels", "Indiquez au moins un canal (Tél, mails, visio, présentiel).")

        sessions = None
        raw_sessions = values.get("sessions", "")
        if not re.fullmatch(r"\d{1,4}", raw_sessions):
            issue(
                "sessions",
                f"Nombre de sessions « {raw_sessions} » illisible : un nombre entier, 0 ou plus.",
            )
        else:
            sessions = int(raw_sessions)
            meetings = [c for c in channels if c in MEETING_CHANNELS]
            if sessions and channels and not meetings:
                issue(
                    "sessions",
                    f"{sessions} {plural('session', sessions)} mais aucun canal de rendez-vous (Tél, visio, "
                    "présentiel) : les mails ne comptent pas comme des sessions.",
                )
            if not sessions and channels and Channel.EMAIL not in channels:
                issue("sessions", "Aucune session et pas d'échange de mails : rien à consigner.")

        minutes = 0
        raw_hours = values.get("hours", "")
        if raw_hours or sessions:
            try:
                minutes = parse_duration(
                    raw_hours, max_minutes=MAX_SESSION_MINUTES * max(sessions or 1, 1)
                )
            except ValueError as error:
                issue("hours", str(error))
            else:
                if sessions and minutes < sessions:
                    issue(
                        "hours",
                        f"{format_hours(minutes)} pour {sessions} {plural('session', sessions)} : "
                        "moins d'une minute "
                        "par session.",
                    )

        last_date = None
        if values.get("date"):
            try:
                last_date = _parse_date(values["date"])
            except ValueError as error:
                issue("date", str(error))
            else:
                if last_date > today:
                    issue("date", f"Le {format_date(last_date)} est dans le futur.")
                elif last_date < EARLIEST_CONTACT:
                    issue(
                        "date",
                        f"Le {format_date(last_date)} est antérieur au "
                        f"{format_date(EARLIEST_CONTACT)} : vérifiez l'année.",
                    )
        elif window is None:
            issue("date", "Date vide : indiquez-la, ou l'année des accompagnements.")

        if issues:
            plan.issues.extend(issues)
            continue
        plan.rows.append(
            PlannedRow(
                line=line,
                name=name,
                organisation=organisation,
                project_types=[c for c in ProjectTypeCode.values if c in types],
                channels=channels,
                sessions=sessions,
                minutes=minutes,
                contacts=layout_contacts(
                    channels, sessions, minutes, window=window, last_date=last_date, index=index
                ),
            )
        )
    if not plan.rows and not plan.issues:
        plan.issues.append(Issue(None, None, "Aucune ligne à importer."))
    return plan


@transaction.atomic
def apply_plan(plan: ImportPlan, *, actor, note=None, follow_up_fields=None):
    """Write a checked plan: organisations asked for, one follow-up per row, its contacts.

    `follow_up_fields(row)` may give extra arguments for `open_follow_up` (the loader
    sets the target scheme and year). Returns the follow-ups created.
    """
    if not plan.ok:
        raise ValueError("Plan d'import avec des erreurs : rien n'est écrit.")
    created = {}
    entries = []
    for row in plan.rows:
        organisation = row.organisation
        if organisation is None:
            key = normalize_name(row.name)
            if key not in created:
                created[key] = create_organisation(
                    actor=actor,
                    name=row.name,
                    legal_kind=LegalKind.OTHER,
                    project_types=row.project_types,
                    notes=f"Créée par l'import de {plan.filename}.",
                )
            organisation = created[key]
        entries.append(
            {
                "organisation": organisation,
                "kind": FollowUpKind.COACHING,
                "opened_on": min(c.date for c in row.contacts),
                "project_types": row.project_types,
                "notes": note or f"Importé de {plan.filename}, ligne {row.line}.",
                "contacts": [(c.date, c.channel, c.minutes) for c in row.contacts],
                **(follow_up_fields(row) if follow_up_fields else {}),
            }
        )
    # In bulk (a few queries for the whole file), with the rules of open_follow_up and
    # log_interaction checked on every row first, history included.
    return services.open_follow_ups_with_contacts(entries, actor=actor)

"""Tables of a workshop (registrations and attendance, structures, project types) and
of trainings, for XLSX/CSV downloads."""

from ouverture.core.formats import format_date
from ouverture.core.tables import Column, Table
from ouverture.events.queries import SHORT_TYPE_LABELS


def registrations_table(workshop, registrations) -> Table:
    table = Table(
        title="Inscriptions et présences",
        columns=[
            Column("name", "Nom"),
            Column("role", "Fonction"),
            Column("email", "E-mail"),
            Column("organisation", "Structure"),
            Column("review", "Rattachement"),
            Column("city", "Commune"),
            Column("project_type", "Type de projet"),
            Column("ateliers", "Ateliers choisis"),
            Column("status", "Statut"),
            Column("walk_in", "Venu·e sans inscription"),
            Column("registered_at", "Inscrit·e le", "date"),
        ],
    )
    for r in registrations:
        table.add(
            name=r.full_name,
            role=r.role,
            email=r.email,
            organisation=r.organisation_display,
            review=r.get_organisation_review_display(),
            city=r.city_display,
            project_type=r.get_project_type_display() if r.project_type else "",
            ateliers=[a.title for a in r.ateliers.all()],
            status=r.get_status_display(),
            walk_in="oui" if r.walk_in else "non",
            registered_at=r.registered_at.date(),
        )
    table.notes.append(f"{workshop.title} — {format_date(workshop.date)}")
    return table


def structures_table(summary) -> Table:
    table = Table(
        title="Structures représentées",
        columns=[
            Column("name", "Nom de la structure"),
            Column("city", "Ville"),
            Column("project_type", "Type de projet"),
            Column("participants", "Nombre de participant(s)", "int"),
        ],
    )
    for s in summary.structures:
        table.add(
            name=s.name,
            city=s.city,
            project_type=SHORT_TYPE_LABELS.get(s.project_type, ""),
            participants=s.participants,
        )
    table.totals = {"name": "Total", "participants": summary.participants_in_structures}
    return table


def types_table(summary) -> Table:
    table = Table(
        title="Structures par type de projet",
        columns=[Column("label", "Type de projet"), Column("count", "Structures", "int")],
    )
    for row in summary.type_rows():
        table.add(label=row["label"], count=row["count"])
    table.totals = {"label": "Total", "count": summary.structure_count}
    return table


def trainings_table(trainings) -> Table:
    table = Table(
        title="Préparations au départ",
        columns=[
            Column("date", "Date", "date"),
            Column("place", "Lieu"),
            Column("holder", "Porteur"),
            Column("young_people", "Jeunes", "int"),
            Column("destination", "Destination"),
            Column("preparation_days", "Journées de préparation", "decimal", places=1),
            Column("staff", "Équipe mobilisée", "int"),
        ],
    )
    for t in trainings:
        table.add(
            date=t.workshop.date,
            place=t.workshop.place,
            holder=t.holder.name,
            young_people=t.young_people,
            destination=t.destination,
            preparation_days=t.preparation_days,
            staff=t.staff_count,
        )
    return table

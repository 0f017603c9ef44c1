"""Exports of a cohort (core.tables): candidates with both sides' scores, and progress."""

from ouverture.core.formats import format_date
from ouverture.core.tables import Column, Table
from ouverture.pathways.enums import Criterion, Side
from ouverture.pathways.ranking import MAX_TOTAL, RULE

SHORT = {
    Criterion.COHERENCE: "cohérence",
    Criterion.MATURITY: "maturité",
    Criterion.EXPERIENCE: "expérience",
}
SIDE_SHORT = {Side.NETWORK: "Lianes", Side.FUNDER: "Département"}


def candidates_table(cohort, ranking) -> Table:
    columns = [
        Column("rank", "Rang", "int"),
        Column("organisation", "Structure"),
        Column("contact", "Contact"),
        Column("email", "E-mail"),
        Column("submitted", "Déposée le", "date"),
        Column("status", "Décision"),
        Column("waiting_rank", "Rang en liste d'attente", "int"),
    ]
    for side in Side.values:
        columns += [
            Column(f"{side}_{c}", f"{SIDE_SHORT[side]} — {SHORT[c]}", "int")
            for c in Criterion.values
        ]
        columns.append(Column(f"{side}_total", f"{SIDE_SHORT[side]} — total", "int"))
    columns.append(Column("total", f"Note cumulée (sur {MAX_TOTAL})", "int"))
    table = Table(title="Candidatures", columns=columns, notes=[RULE])
    for row in ranking.rows():
        candidate = row.candidate
        data = {
            "rank": row.rank,
            "organisation": candidate.display_name,
            "contact": candidate.contact_name,
            "email": candidate.contact_email,
            "submitted": candidate.submitted_at.date(),
            "status": candidate.get_status_display(),
            "waiting_rank": row.waiting_rank,
            "total": row.total,
        }
        for side in Side.values:
            for criterion, value in zip(Criterion.values, row.side_values(side), strict=True):
                data[f"{side}_{criterion}"] = value
            data[f"{side}_total"] = row.side_total(side)
        table.add(**data)
    return table


def progress_table(cohort, progress) -> Table:
    columns = [Column("holder", "Porteur")]
    columns += [
        Column(
            f"module_{s.module.number}",
            f"Module {s.module.number} ({format_date(s.workshop.date)})",
        )
        for s in progress.sessions
    ]
    columns += [
        Column("attended", "Modules suivis", "int"),
        Column("held", "Séances tenues", "int"),
        Column("percent", "Assiduité", "percent", places=0),
    ]
    table = Table(
        title="Progression",
        columns=columns,
        notes=["« présent » : au moins une personne de la structure était présente à la séance."],
    )
    for holder in progress.holders:
        data = {
            "holder": holder.candidate.display_name,
            "attended": holder.attended,
            "held": holder.held,
            "percent": holder.percent,
        }
        for session, count in holder.cells:
            data[f"module_{session.module.number}"] = (
                "à venir" if count is None else ("présent" if count else "absent")
            )
        table.add(**data)
    return table

"""Figure providers and chapter builders of the activity report (see activity_report.py).

A provider returns {code: Figure}; a builder returns blocks, using `report.ref(code)` for
every number so the HTML preview links it to its rows and the annex counts them.
"""

from decimal import Decimal

from django.urls import reverse

from ouverture.agreements.progress import NO_TARGET
from ouverture.coaching.enums import MEETING_CHANNELS, Channel
from ouverture.coaching.recap import CoachingRecap
from ouverture.core.formats import format_date, format_decimal, format_hours
from ouverture.core.indicators import Figure, MeasureRow
from ouverture.documents.wording import plural
from ouverture.events.enums import RegistrationStatus as S
from ouverture.events.enums import WorkshopKind
from ouverture.events.exports import structures_table
from ouverture.events.models import Training, Workshop
from ouverture.events.queries import summarise
from ouverture.events.reviews import review_of
from ouverture.events.satisfaction import questionnaire_for
from ouverture.reports import charts
from ouverture.reports.blocks import Bullets, Heading, Image, Para
from ouverture.reports.blocks import TableBlock as T
from ouverture.reports.tables import Column, Table
from ouverture.surveys import results
from ouverture.surveys.models import Response

# Rows of the coaching table printed in the report; the recap document gives them all.
TABLE_ROWS_LIMIT = 200


def area_name(organisation):
    commune = getattr(organisation, "commune", None)
    return commune.departement.name if commune is not None else ""


def _n(value):
    """A count as written ('30', '2,5'); a missing target or amount is said so."""
    if value is None:
        return NO_TARGET
    value = Decimal(value)
    return format_decimal(value, 0 if value == value.to_integral_value() else 1)


# Figures ----------------------------------------------------------------------------------


def commitment_figures(report):
    out = {}
    for index, item in enumerate(report.progress, start=1):
        c = item.commitment
        out[f"engagement{index}"] = Figure(
            code=f"engagement{index}",
            label=c.label,
            unit=plural(c.unit, item.value),
            value=item.value if item.value is not None else Decimal(0),
            rows=list(item.rows),
            definition=f"Réalisé de l'engagement, mesuré par : {item.source or 'non renseigné'}"
            + (f" — {item.problem}" if item.problem else "")
            + f" ({format_date(c.period_start)} – {format_date(c.period_end)}).",
        )
    return out


def coaching_recap(report):
    if not hasattr(report, "_coaching_recap"):
        recap = CoachingRecap(report.start, report.end)
        report._coaching_recap = (recap, recap.build())
    return report._coaching_recap


def coaching_figures(report):
    recap_query, recap = coaching_recap(report)
    url = reverse("coaching:follow_up", args=[0]).rsplit("0", 1)[0]
    organisations = [
        MeasureRow(
            label=r.organisation,
            detail=f"{r.sessions} {plural('session', r.sessions)}, {format_hours(r.minutes) if r.minutes else '0h'}",
        )
        for r in recap.rows
    ]
    # One query, no model instances: the period's contacts give both the sessions' rows
    # (meetings) and the hours' rows (contacts with a duration), at any volume.
    channels = dict(Channel.choices)
    session_rows, hours_rows = [], []
    contacts = (
        recap_query.interactions()
        .order_by("date", "pk")
        .values_list("follow_up_id", "follow_up__organisation__name", "date", "channel",
                     "duration_minutes")
    )  # fmt: skip
    for follow_up_id, organisation, date, channel, minutes in contacts.iterator(chunk_size=5000):
        if channel in MEETING_CHANNELS:
            session_rows.append(
                MeasureRow(organisation, date, channels[channel], f"{url}{follow_up_id}/")
            )
        if minutes:
            hours_rows.append(
                MeasureRow(organisation, date, f"{channels[channel]}, {format_hours(minutes)}")
            )
    reviews = list(recap_query.reviews().order_by("date", "pk"))
    review_rows = [
        MeasureRow(
            label="Relecture de dossiers", date=r.date, detail=format_hours(r.duration_minutes)
        )
        for r in reviews
    ]
    return {
        "coaching.organisations": Figure(
            "coaching.organisations", "Structures accompagnées", plural("structure", recap.organisations),
            Decimal(recap.organisations), organisations,
            "Structures ayant eu au moins un contact d'accompagnement sur la période "
            "(tableau récapitulatif des accompagnements).",
        ),
        "coaching.sessions": Figure(
            "coaching.sessions", "Sessions d'accompagnement", plural("session", recap.sessions),
            Decimal(recap.sessions), session_rows,
            "Rendez-vous par téléphone, en visio ou en présentiel sur la période ; un e-mail "
            "est un contact, pas une session.",
        ),
        "coaching.hours": Figure(
            "coaching.hours", "Heures d'accompagnement", "h",
            Decimal(recap.minutes) / 60, hours_rows,
            "Durée totale des contacts d'accompagnement de la période.",
        ),
        "coaching.review_hours": Figure(
            "coaching.review_hours", "Relecture des dossiers", "h",
            Decimal(recap.review_minutes) / 60, review_rows,
            "Temps de relecture et d'annotation des dossiers, compté à part.",
        ),
    }  # fmt: skip


def collective_workshops(report):
    if not hasattr(report, "_workshops"):
        workshops = list(
            Workshop.objects.collective()
            .between(report.start, report.end)
            .filter(cancelled=False)
            .exclude(kind=WorkshopKind.PRE_DEPARTURE_TRAINING)
            .prefetch_related("agenda_items")
            .order_by("date", "pk")
        )
        report._workshops = [(w, list(w.registrations.with_related())) for w in workshops]
    return report._workshops


COUNTS = [
    ("registered", "Inscrits", "inscrit", None),
    ("excused", "Excusés", "excusé", S.EXCUSED),
    ("walk_ins", "Venus sans inscription", "venu sans inscription", "walk_in"),
    ("participants", "Participants", "participant", S.PRESENT),
]


def _registration_rows(registrations, which):
    out = []
    for r in registrations:
        if r.status in (S.CANCELLED, S.WAITING_LIST):
            continue
        if which is None and r.walk_in:
            continue
        if which == "walk_in" and not (r.walk_in and r.status == S.PRESENT):
            continue
        if which not in (None, "walk_in") and r.status != which:
            continue
        out.append(MeasureRow(label=r.display_name, detail=r.organisation_display))
    return out


def workshop_figures(report):
    out = {}
    for index, (workshop, registrations) in enumerate(collective_workshops(report), start=1):
        summary = summarise(registrations)
        prefix = f"atelier{index}"
        for key, label, unit, which in COUNTS:
            out[f"{prefix}.{key}"] = Figure(
                f"{prefix}.{key}", f"{label} — {workshop.title} ({format_date(workshop.date)})",
                plural(unit, getattr(summary, key)), Decimal(getattr(summary, key)), _registration_rows(registrations, which),
                f"Inscriptions du temps collectif du {format_date(workshop.date)} ({label.lower()}).",
            )  # fmt: skip
        out[f"{prefix}.structures"] = Figure(
            f"{prefix}.structures", f"Structures présentes — {workshop.title}",
            plural("structure", summary.structure_count),
            Decimal(summary.structure_count),
            [MeasureRow(label=s.name, detail=f"{s.city}, {s.participants} {plural('participant', s.participants)}") for s in summary.structures],
            "Structures dont au moins une personne était présente.",
        )  # fmt: skip
        questionnaire = questionnaire_for(workshop)
        if questionnaire is not None:
            responses = list(Response.objects.filter(questionnaire=questionnaire))
            out[f"{prefix}.answers"] = Figure(
                f"{prefix}.answers", f"Réponses au questionnaire — {workshop.title}",
                plural("réponse", len(responses)),
                Decimal(len(responses)),
                [MeasureRow(label=f"Réponse n° {n}", date=r.submitted_at.date()) for n, r in enumerate(responses, 1)],
                "Réponses au questionnaire de satisfaction, rapportées aux participants présents.",
            )  # fmt: skip
    return out


def trainings(report):
    return list(
        Training.objects.filter(
            workshop__date__gte=report.start,
            workshop__date__lte=report.end,
            workshop__cancelled=False,
        )
        .select_related("workshop", "holder", "destination_country")
        .order_by("workshop__date", "pk")
    )


def training_figures(report):
    items = trainings(report)
    return {
        "formations": Figure(
            "formations", "Formations de préparation au départ", plural("formation", len(items)),
            Decimal(len(items)),
            [MeasureRow(label=t.holder.name, date=t.workshop.date, detail=t.destination) for t in items],
            "Formations de préparation au départ tenues sur la période.",
        )
    }  # fmt: skip


# Chapters ---------------------------------------------------------------------------------


def introduction(report, links):
    text = report.narrative("introduction", links=links)
    return [Heading("Introduction", 1), *text] if text else []


def commitments_reminder(report, links):
    a = report.agreement
    from ouverture.documents.activity_report import reminder_bullets

    return [
        Heading("Rappel des engagements pris", 1),
        Para(
            [
                f"Convention {a.reference} ({format_date(a.action_start)} – {format_date(a.action_end)}) :"
            ]
        ),
        reminder_bullets(report),
    ]


def commitment_chapters(report, links):
    out = [Heading("Les engagements, un par un", 1)]
    for index, item in enumerate(report.progress, start=1):
        c = item.commitment
        out.append(Heading(c.label, 2))
        target = (
            f"Cible : {_n(c.target)} {plural(c.unit, c.target)}"
            if c.target is not None
            else f"Engagement {NO_TARGET}"
        )
        parts = [f"{target} ; réalisé : ", report.ref(f"engagement{index}", links=links)]
        if c.indicator_code.startswith("coaching."):
            parts += [" (", report.ref("coaching.organisations", links=links), ", ",
                      report.ref("coaching.sessions", links=links), ", ",
                      report.ref("coaching.hours", links=links), ")"]  # fmt: skip
        parts.append(f" — {item.state_label}." if c.target is not None else ".")
        out.append(Para(parts))
        if item.problem:
            out.append(Para([f"Mesure : {item.problem}."], style="note"))
        out += report.narrative(f"commitment-{c.pk}", links=links)
    return out


def coaching_chapter(report, links):
    recap_query, recap = coaching_recap(report)
    if not recap.rows:
        return []
    table = recap_query.table(recap)
    table.notes = []
    if len(table.rows) > TABLE_ROWS_LIMIT:
        # A document a person reads: past the limit, the first rows and the full recap's way
        # (the totals row still covers every structure).
        table.notes.append(
            f"Les {format_decimal(TABLE_ROWS_LIMIT, 0)} premières structures sur "
            f"{format_decimal(len(table.rows), 0)} ; le tableau complet est le document "
            f"« {CoachingRecap.label} » (XLSX, CSV)."
        )
        table.rows = table.rows[:TABLE_ROWS_LIMIT]
    return [
        Heading("Accompagnements personnalisés", 1),
        Para(
            [
                "Structures accompagnées : ",
                report.ref("coaching.organisations", links=links),
                " ; sessions : ",
                report.ref("coaching.sessions", links=links),
                " ; durée totale : ",
                report.ref("coaching.hours", links=links),
                ".",
            ]
        ),  # fmt: skip
        T(table),
        Para(
            [
                "Relecture et annotation des dossiers, comptée à part : ",
                report.ref("coaching.review_hours", links=links),
                ".",
            ]
        ),  # fmt: skip
    ]


def _agenda_table(workshop):
    table = Table(
        "Programme",
        [Column("time", "Heure"), Column("activity", "Activité"), Column("by", "Animation")],
    )
    for item in workshop.agenda_items.all():
        table.add(
            time=f"{item.start_time:%Hh%M}" if item.start_time else "",
            activity=item.activity,
            by=item.facilitation,
        )
    return table


def workshops_chapter(report, links):
    items = collective_workshops(report)
    if not items:
        return []
    out = [Heading("Temps collectifs", 1)]
    for index, (workshop, registrations) in enumerate(items, start=1):
        p = f"atelier{index}"
        out.append(Heading(f"{workshop.title} — {format_date(workshop.date)}", 2))
        if workshop.place:
            out.append(Para([f"Lieu : {workshop.place}."]))
        if workshop.agenda_items.all():
            out += [Heading("Programme", 3), T(_agenda_table(workshop))]
        out.append(Heading("Participation", 3))
        out.append(Bullets([
            ["Inscrits : ", report.ref(f"{p}.registered", links=links)],
            ["Excusés : ", report.ref(f"{p}.excused", links=links)],
            ["Venus sans inscription : ", report.ref(f"{p}.walk_ins", links=links)],
            ["Participants : ", report.ref(f"{p}.participants", links=links)],
            ["Structures présentes : ", report.ref(f"{p}.structures", links=links)],
        ]))  # fmt: skip
        summary = summarise(registrations)
        out.append(T(structures_table(summary)))
        questionnaire = questionnaire_for(workshop)
        if questionnaire is not None:
            out += _questionnaire_blocks(report, p, questionnaire, summary, links)
        out += _review_blocks(workshop)
    return out


REVIEW_PARTS = [
    ("strengths", "Points positifs"),
    ("weaknesses", "Points négatifs"),
    ("proposals", "Axes d'amélioration"),
]


def _review_blocks(workshop):
    """The workshop's review (events.reviews), when written."""
    review = review_of(workshop)
    if review is None:
        return []
    out = [Heading("Bilan du temps collectif", 3)]
    for key, label in REVIEW_PARTS:
        if review[key]:
            out += [Para([f"{label} :"]), Bullets(list(review[key]))]
    if review["adaptations"]:
        out += [Para(["Adaptations apportées :"]), Para([review["adaptations"]])]
    return out


def _questionnaire_blocks(report, prefix, questionnaire, summary, links):
    rate = results.response_rate(questionnaire, audience=summary.participants)
    out = [
        Heading("Questionnaire de satisfaction", 3),
        Para(
            [
                "Taux de réponse : ",
                report.ref(f"{prefix}.answers", links=links, text=rate.text("participants")),
                ".",
            ]
        ),  # fmt: skip
    ]
    for result in results.questionnaire_results(questionnaire).questions():
        title = result.derived_title or result.question.text
        if result.texts:
            out += [
                Para([f"{title} ({len(result.texts)} {plural('réponse', len(result.texts))}) :"]),
                Bullets(list(result.texts)),
            ]
        elif not result.chart_rows or not charts.has_data(result.chart["values"]):
            out.append(Para([f"{title} : {charts.NO_DATA_TEXT}"], style="note"))
        else:
            out.append(Image(results.chart_png(result), alt=title))
    return out


def trainings_chapter(report, links):
    items = trainings(report)
    if not items:
        return []
    table = Table(
        "Formations",
        [Column("date", "Date", "date"), Column("holder", "Structure"), Column("young", "Jeunes", "int"),
         Column("destination", "Destination"), Column("days", "Jours de préparation", "decimal", 1),
         Column("staff", "Équipe mobilisée", "int")],
    )  # fmt: skip
    for t in items:
        table.add(date=t.workshop.date, holder=t.holder.name, young=t.young_people,
                  destination=t.destination, days=t.preparation_days, staff=t.staff_count)  # fmt: skip
    return [
        Heading("Formations de préparation au départ", 1),
        Para(["Formations tenues : ", report.ref("formations", links=links), "."]),
        T(table),
    ]


def conclusion(report, links):
    text = report.narrative("conclusion", links=links)
    return [Heading("Conclusion", 1), *text] if text else []

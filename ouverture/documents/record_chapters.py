"""Providers and builders of the activity report's chapters read from the report records:
the survey campaign (Activity 4), the meetings with the funder (Activity 5) and the
promotion events (Activity 6). Each reads its app's plain reporting function once per report
and turns every number into a Figure whose rows link to the records' pages."""

from dataclasses import dataclass
from decimal import Decimal

from ouverture.core.formats import format_date, format_percent
from ouverture.core.indicators import Figure, MeasureRow
from ouverture.documents.wording import plural
from ouverture.liaison.reporting import meetings_chapter, promotion_chapter
from ouverture.reports.blocks import Bullets, Heading, Para
from ouverture.surveys.reporting import survey_chapter


@dataclass
class PercentFigure(Figure):
    """A rate: the exact value kept, rounded for display only ('19 %')."""

    @property
    def number_text(self) -> str:
        return format_percent(self.value)

    @property
    def text(self) -> str:
        return format_percent(self.value)


def _read(report, key, read):
    cache = report.__dict__.setdefault("_record_chapters", {})
    if key not in cache:
        cache[key] = read(report.start, report.end)
    return cache[key]


def _count(code, label, unit, value, rows, definition):
    return Figure(code, label, plural(unit, value), Decimal(value), rows, definition)


# Activity 4: the survey campaign -----------------------------------------------------------


def survey_figures(report):
    out = {}
    for index, c in enumerate(_read(report, "survey", survey_chapter)["campaigns"], start=1):
        p = f"enquete{index}"
        source = MeasureRow(
            label=c["title"],
            detail=c["counts_source"] or "compté sur les réponses de la plateforme",
            url=c["url"],
        )
        exclusions = [
            MeasureRow(label=e["response"], detail=e["reason"], url=e["url"])
            for e in c["exclusions"]
        ]
        period = f"collecte {c['collection_text']}"
        out[f"{p}.invited"] = _count(
            f"{p}.invited", f"Structures sollicitées — {c['title']}", "association",
            c["invited"], [source],
            f"Structures à qui le questionnaire a été adressé ({c['invited_text']}).",
        )  # fmt: skip
        out[f"{p}.answers"] = _count(
            f"{p}.answers", f"Réponses reçues — {c['title']}", "réponse", c["answers"],
            [source], f"Réponses au questionnaire, {period}.",
        )  # fmt: skip
        out[f"{p}.kept"] = _count(
            f"{p}.kept", f"Réponses traitées — {c['title']}", "réponse", c["kept"],
            [source, *exclusions],
            "Réponses gardées après le nettoyage des données (les réponses écartées sont listées).",
        )  # fmt: skip
        if c["rate"] is not None:
            out[f"{p}.rate"] = PercentFigure(
                f"{p}.rate", f"Taux de réponse — {c['title']}", "%", c["rate"], [source],
                "Réponses traitées rapportées aux structures sollicitées, arrondi à l'affichage.",
            )  # fmt: skip
        if c["interviews"]:
            out[f"{p}.interviews"] = _count(
                f"{p}.interviews", f"Entretiens — {c['title']}", "entretien", c["interviews"],
                [MeasureRow(label=c["title"], detail=c["interviews_note"] or c["interviews_text"],
                            url=c["url"])],
                f"Entretiens menés {c['interviews_text']}.",
            )  # fmt: skip
        focus = c["focus"]
        if focus:
            for key, label in (
                ("respondents", "Associations interrogées"),
                ("already_applied", "Déjà candidates à un dispositif du Département"),
                ("applied_to_scheme", f"Candidates au dispositif {focus['scheme']}".strip()),
            ):
                if focus[key] is None:
                    continue
                out[f"{p}.focus.{key}"] = _count(
                    f"{p}.focus.{key}", f"{label} — {focus['label']}", "association",
                    focus[key], [MeasureRow(label=focus["label"], url=c["url"])],
                    f"Focus « {focus['label']} » de l'enquête.",
                )  # fmt: skip
    return out


def survey_builder(report, links):
    campaigns = _read(report, "survey", survey_chapter)["campaigns"]
    if not campaigns:
        return []
    out = [Heading("Focus dans l'enquête régionale", 1)]
    for index, c in enumerate(campaigns, start=1):
        p = f"enquete{index}"
        ref = report.all_figures
        out.append(Heading(c["title"], 2))
        parts = [
            "Le questionnaire a été adressé à ",
            report.ref(f"{p}.invited", links=links,
                       text=f"{c['invited_text']} {ref[f'{p}.invited'].unit}"),
            f" ; collecte {c['collection_text']} : ",
            report.ref(f"{p}.answers", links=links), " reçues, ",
            report.ref(f"{p}.kept", links=links), " traitées après nettoyage des données",
        ]  # fmt: skip
        if f"{p}.rate" in ref:
            parts += [", soit un taux de réponse de ", report.ref(f"{p}.rate", links=links)]
        parts.append(".")
        out.append(Para(parts))
        if f"{p}.interviews" in ref:
            out.append(Para([report.ref(f"{p}.interviews", links=links),
                             f" réalisés {c['interviews_text']}."]))  # fmt: skip
        focus = c["focus"]
        if focus:
            items = []
            for key, label in (
                ("respondents", "Associations interrogées"),
                ("already_applied", "Déjà candidates à un dispositif du Département"),
                ("applied_to_scheme", f"Dont candidates au dispositif {focus['scheme']}".strip()),
            ):
                if f"{p}.focus.{key}" in ref:
                    items.append([f"{label} : ", report.ref(f"{p}.focus.{key}", links=links)])
            out += [Heading(f"Focus : {focus['label']}", 3), Bullets(items)]
        if c["note"]:
            out.append(Para([c["note"]], style="note"))
    return out


# Activity 5: meetings with the funder ------------------------------------------------------


def meeting_figures(report):
    data = _read(report, "meetings", meetings_chapter)
    rows = [
        MeasureRow(label=r["subject"] or "Rendez-vous", date=r["date"],
                   detail=r["parties"], url=r["url"])
        for r in data["rows"]
    ]  # fmt: skip
    return {
        "rendez_vous": _count(
            "rendez_vous",
            "Rendez-vous avec le financeur",
            "rendez-vous",
            data["count"],
            rows,
            "Rendez-vous avec l'équipe du financeur enregistrés sur la période.",
        )
    }


def meetings_builder(report, links):
    data = _read(report, "meetings", meetings_chapter)
    if not data["rows"]:
        return []
    return [
        Heading("Participation aux réflexions du financeur", 1),
        Para([report.ref("rendez_vous", links=links),
              f" avec l'équipe du financeur au cours de la période ({data['dates_text']})."]),
        Bullets([
            f"{format_date(r['date'])}"
            + (f" : {r['subject']}" if r["subject"] else "")
            + (f" ({r['parties']})" if r["parties"] else "")
            for r in data["rows"]
        ]),
    ]  # fmt: skip


# Activity 6: promotion of the schemes ------------------------------------------------------


def promotion_figures(report):
    data = _read(report, "promotion", promotion_chapter)
    events = [
        MeasureRow(label=e["name"], date=e["date"],
                   detail=", ".join(x for x in (e["place"], e["organiser"]) if x), url=e["url"])
        for e in data["events"]
    ]  # fmt: skip
    met = [
        MeasureRow(label=m["label"], detail=m["note"], url=m["organisation_url"] or data["url"])
        for m in [*(m for e in data["events"] for m in e["organisations_met"]),
                  *data["organisations_met"]]
    ]  # fmt: skip
    return {
        "evenements": _count(
            "evenements",
            "Événements de valorisation des dispositifs",
            "événement",
            data["count"],
            events,
            "Événements où les dispositifs ont été présentés.",
        ),
        "structures_rencontrees": _count(
            "structures_rencontrees",
            "Structures rencontrées",
            "structure",
            data["organisations_met_count"],
            met,
            "Structures rencontrées pour les encourager à se lancer sur les dispositifs.",
        ),
    }


def promotion_builder(report, links):
    data = _read(report, "promotion", promotion_chapter)
    if not data["events"] and not data["organisations_met"]:
        return []
    out = [
        Heading("Valorisation des dispositifs", 1),
        Para(["Événements : ", report.ref("evenements", links=links), " ; structures rencontrées : ",
              report.ref("structures_rencontrees", links=links), "."]),
    ]  # fmt: skip
    for e in data["events"]:
        where = ", ".join(
            x for x in (e["place"], f"organisé par {e['organiser']}" if e["organiser"] else "") if x
        )
        out.append(Heading(f"{e['name']} — {format_date(e['date'])}", 2))
        text = f"{e['kind']}" + (f", {where}" if where else "") + "."
        if e["schemes"]:
            text += " Dispositifs présentés : " + ", ".join(e["schemes"]) + "."
        out.append(Para([text]))
        if e["organisations_met"]:
            out.append(Bullets([m["label"] for m in e["organisations_met"]]))
        if e["note"]:
            out.append(Para([e["note"]], style="note"))
    if data["organisations_met"]:
        out.append(Heading("Structures rencontrées", 2))
        out.append(Bullets([
            m["label"] + (f" ({', '.join(m['schemes'])})" if m["schemes"] else "")
            + (f" : {m['note']}" if m["note"] else "")
            for m in data["organisations_met"]
        ]))  # fmt: skip
    return out

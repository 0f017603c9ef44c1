"""The "Convention" generated from the agreement record.

Wording that is not a figure lives in the editable DOCX template (documents/shipped/
agreement.docx, built by `shipped_templates.py`); amounts, dates, names and commitments come
from the record through `context()`. The typed `articles` field of the agreement is no longer
used for the generated document; the "Vu" of the deliberations come from the act records that
link the agreement (`deliberation_citations`).
"""

from functools import cached_property

from django.db.models import Prefetch

from ouverture.agreements import finance
from ouverture.agreements.overview import AgreementOverview
from ouverture.agreements.progress import NO_TARGET
from ouverture.assemblies.models import Citation, Deliberation
from ouverture.core.formats import format_date, format_decimal, format_money
from ouverture.core.indicators import MeasureRow
from ouverture.documents.base import Document
from ouverture.documents.proposal import money_figures
from ouverture.documents.wording import plural


def _of_body(name):
    """ "de la Commission Permanente", "du Conseil départemental"."""
    masculine = ("conseil", "comité", "bureau")
    return f"du {name}" if name.lower().startswith(masculine) else f"de la {name}"


def act_citation(deliberation):
    """ "Vu la délibération n°2024-401 de la Commission Permanente du 14 octobre 2024 « … »",
    every part from the record."""
    return (
        f"Vu la délibération n°{deliberation.number} {_of_body(deliberation.body.name)} "
        f"du {format_date(deliberation.date)} « {deliberation.title} »"
    )


def deliberation_citations(agreement):
    """The "Vu" lines of the acts that link the agreement (`Deliberation.agreements`): the
    deliberations each act cites, dated from their own records, then the act itself. None
    typed: an agreement that no act links cites none."""
    acts = (
        Deliberation.objects.filter(agreements=agreement)
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "citations", Citation.objects.select_related("cited__body").order_by("position")
            )
        )
        .order_by("date", "number")
    )
    lines, seen = [], set()
    for act in acts:
        for citation in act.citations.all():
            if citation.cited_id and citation.cited_id not in seen:
                seen.add(citation.cited_id)
                lines.append(act_citation(citation.cited))
        if act.pk not in seen:
            seen.add(act.pk)
            lines.append(act_citation(act))
    return lines


def schedule_lines(agreement):
    """The instalments of the payment schedule, their amounts computed from the subsidy
    (`AgreementOverview.schedule`): never typed in the template."""
    rows = AgreementOverview(agreement).schedule
    return [
        {
            "kind": row.instalment.get_kind_display(),
            "share": row.instalment.share_text,
            "amount": finance.money_text(row.amount),
            "condition": row.instalment.condition,
            "due": format_date(row.instalment.due_on) if row.instalment.due_on else "",
        }
        for row in rows
    ]


def party(organisation, representative, title):
    return {
        "name": organisation.name,
        "siret": organisation.siret or "non renseigné",
        "address": " ".join(
            x for x in (organisation.address, str(organisation.commune or "")) if x
        ),
        "representative": representative,
        "representative_title": title,
    }


class Convention(Document):
    kind = "agreement"
    label = "Convention"
    template_file = "agreement.docx"
    fields = {
        "header_line", "title", "subtitle", "funder", "beneficiary", "vu", "reference",
        "object", "year", "commitments", "action_start", "action_end", "eligibility_start",
        "eligibility_end", "report_due", "subsidy", "forecast_cost", "pro_rata_example",
        "pro_rata_examples", "schedule",
    }  # fmt: skip
    needs_commitments = True
    wording_only = True
    needs_amounts = True
    blocking_codes = {
        "amounts_known", "budget_total", "subsidy_cap", "commitment_dates", "report_date",
    }  # fmt: skip

    def figures(self):
        a = self.agreement
        row = [MeasureRow(label=f"Convention {a.reference}")]
        examples = [
            (f"article5.exemple{n}", f"Article 5, exemple {n} : subvention due", due,
             [MeasureRow(label=f"Exemple {n} de la convention {a.reference}",
                         detail=f"dépense réalisée {format_money(realised)}")],
             f"Article 5 : {format_money(a.subsidy)} × {format_money(realised)} / "
             f"{format_money(a.forecast_cost)}, au centime (plafonné à la subvention).")
            for n, (realised, due) in enumerate(self.pro_rata_examples, start=1)
        ]  # fmt: skip
        return money_figures(
            ("subvention", "Subvention", a.subsidy, row, "Article 4 : montant de la subvention."),
            ("cout_total", "Coût total prévisionnel", a.forecast_cost, row,
             "Article 4 : coût total prévisionnel."),
            *examples,
        )  # fmt: skip

    @cached_property
    def pro_rata_examples(self):
        """[(realised, subsidy due)] for the agreement's recorded Article 5 examples (else half
        the forecast cost); empty while an amount of Article 4 is not known."""
        a = self.agreement
        if a.subsidy is None or a.forecast_cost is None:
            return []
        realised = [e.realised for e in a.pro_rata_examples.in_order()] or [
            finance.round_cents(a.forecast_cost / 2)
        ]
        return [(r, finance.pro_rata(a.subsidy, a.forecast_cost, r)) for r in realised]

    def context(self):
        a = self.agreement
        examples = [
            f"pour une dépense réalisée de {format_money(realised)}, la subvention due serait de "
            f"{format_money(due)}"
            for realised, due in self.pro_rata_examples
        ]
        vu = [
            "Vu le Code général des collectivités territoriales",
            "Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs "
            "relations avec les administrations, notamment son article 10",
        ]
        vu.extend(deliberation_citations(a))
        return {
            "header_line": f"Convention {a.reference}",
            "title": f"Convention {a.year}",
            "subtitle": a.title,
            "reference": a.reference,
            "object": a.title,
            "year": a.year,
            "funder": party(a.funder, a.funder_representative, a.funder_representative_title),
            "beneficiary": party(
                a.beneficiary, a.beneficiary_representative, a.beneficiary_representative_title
            ),
            "vu": vu,
            "commitments": [
                {
                    "label": c.label,
                    "target": NO_TARGET if c.target is None else format_decimal(c.target, 0),
                    "unit": f"({c.unit})" if c.target is None else plural(c.unit, c.target),
                    "period": f"{format_date(c.period_start)} – {format_date(c.period_end)}",
                }
                for c in a.commitments.in_order()
            ],
            "action_start": format_date(a.action_start),
            "action_end": format_date(a.action_end),
            "eligibility_start": format_date(a.eligibility_start),
            "eligibility_end": format_date(a.eligibility_end),
            "report_due": format_date(a.report_due),
            "subsidy": finance.money_text(a.subsidy),
            "forecast_cost": finance.money_text(a.forecast_cost),
            # One sentence per example; `pro_rata_example` joins them (templates of before).
            "pro_rata_examples": examples,
            "pro_rata_example": " ; ".join(examples)
            or f"exemple non calculable : {finance.UNKNOWN_AMOUNT}",
            "schedule": schedule_lines(a),
        }

    def blocks(self, *, links=True):
        return []

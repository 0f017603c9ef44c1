"""The awarded subsidies of a year in the national SCDL "Subventions" 2.1.1 format.

One row per beneficiary of an adopted deliberation's agreement that year (the agreements a
deliberation links to, `assemblies.Deliberation.agreements`). Everything comes from records:
the funder and beneficiary (names, SIRET), the act (number, date), the agreement (reference,
object, subsidy, periods, signature date), the application when there is one (amount asked,
scheme). Nothing personal: only organisations with a SIRET are exported (an informal group may
be a person; it is left out and counted in `skipped`), and no representative's name.

Where the schema requires what the records do not hold:
- `dateConvention` is the signature date; an agreement not yet signed takes the date of the
  deliberation that authorises its signature (the 2024 agreement is loaded unsigned).
- `conditionsVersement` comes from the agreement's payment schedule (`Instalment` records):
  one instalment is "unique", several "échelonné", each described ("Avance 30 % (… €) à
  la signature ; …", 256 characters at most) and `datesPeriodeVersement` is the due date of a
  single instalment, else the span of the due dates (the action period when they are not
  given). An agreement without a recorded schedule is "autre", described as "selon la
  convention <reference>", over the action period (the 2024 agreement: the source lacks the
  convention's payment articles).
- `cofinancement`, `attribuantsCofinanceurs` and `idCofinancement` come from the agreement's
  co-fundings (`Revenue`: the funders other than the agreement's own): "oui", their names
  separated by commas, and the agreement's reference as the id shared by the co-funders;
  "non" and empty otherwise.
- `pourcentageSubvention` is 1 (one beneficiary per row, the subsidy is its own).
- `notificationUE` is "non" (no de minimis aid is recorded).
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Max

from ouverture.agreements import finance
from ouverture.assemblies.enums import Result
from ouverture.assemblies.models import Deliberation
from ouverture.core.formats import format_money
from ouverture.core.tables import safe_text

SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "scdl_subventions_2.1.1_schema.json"


def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def columns():
    return [field["name"] for field in schema()["fields"]]


def _digits(text):
    return "".join(ch for ch in (text or "") if ch.isdigit())


@dataclass
class Export:
    rows: list
    skipped: list

    def csv_text(self):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns(), lineterminator="\r\n")
        writer.writeheader()
        for row in self.rows:
            # Names come from records people typed: neutralised as every export is.
            writer.writerow({k: safe_text(v) if isinstance(v, str) else v for k, v in row.items()})
        return out.getvalue()


def _payment_terms(agreement):
    instalments = sorted(agreement.instalments.all(), key=lambda i: i.position)
    period = f"{agreement.action_start.isoformat()}/{agreement.action_end.isoformat()}"
    if not instalments or agreement.subsidy is None:
        return {
            "conditionsVersement": "autre",
            "descriptionConditionsVersement": f"Selon la convention {agreement.reference}",
            "datesPeriodeVersement": period,
        }
    amounts = finance.schedule_amounts(
        agreement.subsidy, [(i.share, i.amount) for i in instalments]
    )
    text = (
        " ; ".join(
            f"{i.get_kind_display()}{f' {i.share_text}' if i.share is not None else ''} "
            f"({format_money(a)}) {i.condition}"
            for i, a in zip(instalments, amounts, strict=True)
        )
        .replace("\u202f", " ")
        .replace("\xa0", " ")
    )
    dues = sorted(i.due_on for i in instalments if i.due_on)
    if len(instalments) == 1:
        dates = dues[0].isoformat() if dues else period
    else:
        dates = f"{dues[0].isoformat()}/{dues[-1].isoformat()}" if len(dues) > 1 else period
    return {
        "conditionsVersement": "unique" if len(instalments) == 1 else "échelonné",
        "descriptionConditionsVersement": text if len(text) <= 256 else text[:255] + "…",
        "datesPeriodeVersement": dates,
    }


def _cofunding(agreement):
    names = [r.funder_label for r in sorted(agreement.revenues.all(), key=lambda r: r.position)]
    if not names:
        return {"cofinancement": "non", "attribuantsCofinanceurs": "", "idCofinancement": ""}
    return {
        "cofinancement": "oui",
        "attribuantsCofinanceurs": ", ".join(n.replace(",", " ") for n in names),
        "idCofinancement": agreement.reference,
    }


def subsidies(year):
    acts = (
        Deliberation.objects.filter(year=year, result=Result.ADOPTED)
        .select_related("body__funder__organisation", "item")
        .prefetch_related(
            "agreements__beneficiary",
            "agreements__revenues",
            "agreements__instalments",
            "item__applications__call__scheme",
        )
        .order_by("date", "number")
    )
    rows, skipped = [], []
    for act in acts:
        funder = act.body.funder.organisation
        service = act.item.service if act.item else ""
        applications = list(act.item.applications.all()) if act.item else []
        for agreement in act.agreements.all():
            beneficiary = agreement.beneficiary
            siret = _digits(beneficiary.siret)
            if len(siret) != 14:
                skipped.append(beneficiary.name)
                continue
            application = next(
                (a for a in applications if a.organisation_id == beneficiary.pk), None
            )
            rows.append(
                {
                    "idSubvention": agreement.reference,
                    "nomAttribuant": funder.name,
                    "idAttribuant": _digits(funder.siret),
                    "nomServiceInstructeur": service or funder.name,
                    "idServiceInstructeur": _digits(funder.siret),
                    "nomBeneficiaire": beneficiary.name,
                    "idBeneficiaire": siret,
                    "rnaBeneficiaire": "",
                    "exerciceBudgetaire": agreement.year,
                    "pluriannualite": "oui"
                    if agreement.action_start.year != agreement.action_end.year
                    else "non",
                    "dateDecision": act.date.isoformat(),
                    "dateConvention": (agreement.signed_on or act.date).isoformat(),
                    "referenceDecision": act.number,
                    "dateDebut": agreement.action_start.isoformat(),
                    "dateFin": agreement.action_end.isoformat(),
                    "dispositif": str(application.call.scheme.name) if application else "",
                    "statutLabel": "attribuée",
                    "objet": agreement.title,
                    "nature": "aide en numéraire",
                    "montantDemande": str(application.requested_amount)
                    if application and application.requested_amount is not None
                    else "",
                    "montant": str(agreement.subsidy),
                    **_payment_terms(agreement),
                    **_cofunding(agreement),
                    "notificationUE": "non",
                    "pourcentageSubvention": "1.00",
                }
            )
    return Export(rows, skipped)


def years():
    """The years with an adopted deliberation (the public page offers one file each)."""
    return sorted(
        set(
            Deliberation.objects.filter(
                result=Result.ADOPTED, agreements__isnull=False
            ).values_list("year", flat=True)
        ),
        reverse=True,
    )


def latest_acts():
    """{year: date of its latest adopted deliberation with an agreement}, one query."""
    return dict(
        Deliberation.objects.filter(result=Result.ADOPTED, agreements__isnull=False)
        .values("year")
        .annotate(last=Max("date"))
        .values_list("year", "last")
    )

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
- `conditionsVersement` is "autre", described as "selon la convention <reference>", and
  `datesPeriodeVersement` the agreement's action period: the payment schedule is in the
  agreement's text, not in a record.
- `pourcentageSubvention` is 1 (one beneficiary per row, the subsidy is its own).
- `notificationUE` is "non" (no de minimis aid is recorded).
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Max

from ouverture.assemblies.enums import Result
from ouverture.assemblies.models import Deliberation
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


def subsidies(year):
    acts = (
        Deliberation.objects.filter(year=year, result=Result.ADOPTED)
        .select_related("body__funder__organisation", "item")
        .prefetch_related("agreements__beneficiary", "item__applications__call__scheme")
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
                    "conditionsVersement": "autre",
                    "descriptionConditionsVersement": f"Selon la convention {agreement.reference}",
                    "datesPeriodeVersement": f"{agreement.action_start.isoformat()}/"
                    f"{agreement.action_end.isoformat()}",
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

"""Documents : le bilan d'activités 2023 sur les données du document source.

The source data are loaded (idempotent) and a 2023 agreement with the source's three
measurable commitments is created if missing (the same minimal agreement as the tests, until
the 2023 agreement is part of the source data). Timed, best of three:

- the report in DOCX and in PDF through `render.generate`, exactly as the command does;
- the floor: the same figures' queries alone (`ActivityReport.all_figures`) plus an empty
  template's render (the shipped DOCX template with no blocks; for the PDF, the HTML template
  with no blocks through WeasyPrint).

When the bench database already holds the national-scale coaching data (bench.coaching runs
after this module), the 2023 contacts count is printed in the line's name.
"""

import datetime as dt
from decimal import Decimal

from bench.__main__ import timed

REFERENCE = "CD62-LIANES-2023"


def _agreement():
    import io

    from django.core.management import call_command

    from ouverture.agreements.models import Agreement, Commitment

    if not Agreement.objects.filter(reference="CD62-LIANES-2024").exists():
        call_command("load_source_data", stdout=io.StringIO())
    existing = Agreement.objects.filter(reference=REFERENCE).first()
    if existing is not None and existing.commitments.exists():
        return existing
    model = Agreement.objects.get(reference="CD62-LIANES-2024")
    year = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    agreement = existing or Agreement.objects.create(
        reference=REFERENCE, title="Lianes coopération — programme 2023", funder=model.funder,
        funder_representative=model.funder_representative, beneficiary=model.beneficiary,
        beneficiary_representative=model.beneficiary_representative, year=2023,
        action_start=year[0], action_end=year[1], eligibility_start=year[0],
        eligibility_end=year[1], report_due=dt.date(2024, 4, 1),
        subsidy=Decimal("1.00"), forecast_cost=Decimal("1.00"),
    )  # fmt: skip
    for position, (label, target, unit, code, params) in enumerate(
        [
            (
                "Réalisation de 30 accompagnements personnalisés",
                30,
                "accompagnements",
                "coaching.follow_ups_opened",
                {"kind": "coaching"},
            ),
            (
                "Réalisation de 2 temps d'accompagnement collectif",
                2,
                "temps collectifs",
                "events.workshops_held",
                {"kind": "call_preparation"},
            ),
            (
                "Organisation de 2 journées de formation « préparation au départ »",
                2,
                "formations",
                "events.workshops_held",
                {"kind": "pre_departure_training"},
            ),
        ]  # fmt: skip
    ):
        Commitment.objects.create(
            agreement=agreement, position=position, label=label, target=target, unit=unit,
            period_start=year[0], period_end=year[1], indicator_code=code,
            indicator_params=params,
        )  # fmt: skip
    return agreement


def run(report):
    from ouverture.coaching.models import Interaction
    from ouverture.documents.activity_report import ActivityReport
    from ouverture.documents.render import generate, template_bytes
    from ouverture.reports.docx import render_docx

    agreement = _agreement()
    contacts = Interaction.objects.filter(date__year=2023).count()
    scale = f" ({contacts} contacts 2023)"

    def figures_and_empty_template(fmt):
        document = ActivityReport(agreement)
        document.all_figures  # noqa: B018  (the figures' queries)
        if fmt == "docx":
            return render_docx(template_bytes(document), document.context(), [])
        from django.template.loader import render_to_string
        from weasyprint import HTML

        html = render_to_string(
            "reports/document.html", {"context": document.context(), "blocks": [], "checks": []}
        )
        return HTML(string=html, base_url=".").write_pdf()

    for fmt in ("docx", "pdf"):
        floor, _ = timed(figures_and_empty_template, fmt)
        seconds, (content, _) = timed(lambda f=fmt: generate(ActivityReport(agreement), f))
        report(f"Bilan d'activités 2023, {fmt.upper()}{scale}", seconds, floor, goal=2)

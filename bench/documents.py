"""Documents : le bilan d'activités 2023, données du document source puis échelle nationale.

The source data are loaded (idempotent) and the 2023 agreement (loaded by the source data;
created with the source's three measurable commitments if missing). Each line alternates the
report with its floor over BENCH_ROUNDS rounds (`Report.compare`: min and median):

- the report in DOCX and in PDF through `render.generate`, exactly as the command does;
- the floor the issue names: the same figures' queries alone (`ActivityReport.all_figures`)
  plus an empty template's render (the shipped DOCX template with no blocks; for the PDF, the
  HTML template with no blocks through WeasyPrint);
- for the PDF, also the honest floor of the same content: the figures' queries plus
  WeasyPrint's bare rendering of the very HTML the report gives (built before the clock
  starts). Its ratio is what our code adds to the layout of that content (goal 2×); the
  empty-template ratio is mostly WeasyPrint laying out pages of tables.

Then the national-scale set of bench.coaching (20 000 organisations, 200 000 contacts over
2023-2024, × BENCH_SCALE; generated here if missing) is added and the same report is timed
again (goal: under 10 s), with the number of queries at both sizes (it must not grow with the
data). On a bench database where bench.coaching already ran, the first lines already read
the national contacts: the 2023 contacts count is printed in each line's name.
"""

import datetime as dt
import gc
from decimal import Decimal

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


def _queries(function):
    """Queries run by `function` (an execute wrapper: no 9 000-query log limit)."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        function()
    return count


def _level(report, agreement, label, *, rounds=None, limit=None):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from ouverture.coaching.models import Interaction
    from ouverture.documents.activity_report import ActivityReport
    from ouverture.documents.render import generate, html_text, template_bytes
    from ouverture.reports.docx import render_docx

    contacts = Interaction.objects.filter(date__year=2023).count()
    scale = f"{label}, {contacts} contacts 2023"

    def figures_and_empty_template(fmt):
        document = ActivityReport(agreement)
        document.all_figures  # noqa: B018  (the figures' queries)
        if fmt == "docx":
            return render_docx(template_bytes(document), document.context(), [])
        html = render_to_string(
            "reports/document.html", {"context": document.context(), "blocks": [], "checks": []}
        )
        return HTML(string=html, base_url=".").write_pdf()

    same_html = html_text(ActivityReport(agreement), links=False)

    def figures_and_bare_rendering():
        ActivityReport(agreement).all_figures  # noqa: B018
        return HTML(string=same_html, base_url=".").write_pdf()

    for fmt in ("docx", "pdf"):
        report.compare(
            f"Bilan 2023 {fmt.upper()} ({scale})",
            lambda f=fmt: generate(ActivityReport(agreement), f),
            lambda f=fmt: figures_and_empty_template(f),
            floor_name="requêtes + gabarit vide",
            rounds=rounds,
            limit=limit,
            goal=None if fmt == "pdf" else 2,
            setup=gc.collect,  # the previous side's garbage is not collected on this side's clock
        )
    report.compare(
        f"Bilan 2023 PDF ({scale})",
        lambda: generate(ActivityReport(agreement), "pdf"),
        figures_and_bare_rendering,
        floor_name="requêtes + rendu nu du même HTML",
        rounds=rounds,
        goal=2,
        setup=gc.collect,
    )
    counts = {
        fmt: _queries(lambda f=fmt: generate(ActivityReport(agreement), f))
        for fmt in ("docx", "html", "pdf")
    }
    print(
        f"   requêtes ({label}) : " + ", ".join(f"{k.upper()} {v}" for k, v in counts.items()),
        flush=True,
    )
    return counts


def run(report):
    from bench.coaching import generate_national

    agreement = _agreement()
    source = _level(report, agreement, "données source")
    generate_national()
    national = _level(report, agreement, "échelle nationale", rounds=3, limit=10)
    grew = {k: national[k] - source[k] for k in source if national[k] != source[k]}
    print(
        "   requêtes identiques aux deux tailles ✓"
        if not grew
        else f"   ✗ requêtes qui croissent avec les données : {grew}",
        flush=True,
    )

"""`ouverture agreement list|show|prorata|check|remind`: the agreements from the command line.

ouverture agreement list [--year 2024] [--format json]
ouverture agreement show CD62-LIANES-2024 [--format json]
ouverture agreement prorata CD62-LIANES-2024 --realised 10000 [--format json]
ouverture agreement check CD62-LIANES-2024      (exit status 1 when a check fails)
ouverture agreement remind [--today 2025-03-02] (e-mails the reminders due; for a daily cron)
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ouverture.agreements import serializers
from ouverture.agreements.checks import failures
from ouverture.agreements.finance import money_text
from ouverture.agreements.models import Agreement
from ouverture.agreements.overview import AgreementOverview
from ouverture.agreements.services import send_due_reminders
from ouverture.core.formats import format_date, format_money, format_percent, parse_decimal_fr
from ouverture.core.tables import dumps
from ouverture.core.wording import plural

SYMBOLS = {"ok": "✓", "warn": "!", "ko": "✗"}


class Command(BaseCommand):
    help = "Conventions : liste, fiche, prorata de l'article 5, contrôles de cohérence, rappels."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = sub.add_parser(
            "list",
            help="Les conventions (référence, bénéficiaire, financeur, exercice, subvention).",
        )
        listing.add_argument("--year", type=int)
        listing.add_argument("--format", choices=["text", "json"], default="text")
        show = sub.add_parser(
            "show", help="La fiche d'une convention, ses chiffres et ses engagements."
        )
        show.add_argument("reference")
        show.add_argument("--format", choices=["text", "json"], default="text")
        prorata = sub.add_parser(
            "prorata", help="La subvention due pour un montant réalisé (article 5)."
        )
        prorata.add_argument("reference")
        prorata.add_argument(
            "--realised",
            required=True,
            help="Dépenses réalisées, par exemple « 10000 » ou « 10 000,00 ».",
        )
        prorata.add_argument("--format", choices=["text", "json"], default="text")
        check = sub.add_parser("check", help="Les contrôles de cohérence d'une convention.")
        check.add_argument("reference")
        remind = sub.add_parser(
            "remind", help="Envoie les rappels d'échéance du jour (à lancer chaque jour)."
        )
        remind.add_argument(
            "--today", type=dt.date.fromisoformat, help="AAAA-MM-JJ (par défaut : aujourd'hui)"
        )
        # fmt: skip

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def _agreement(self, reference):
        try:
            return Agreement.objects.with_parties().by_reference(reference)
        except Agreement.DoesNotExist:
            known = ", ".join(Agreement.objects.values_list("reference", flat=True)) or "aucune"
            raise CommandError(
                f"Aucune convention « {reference} ». Références connues : {known}."
            ) from None

    def do_list(self, *, year=None, format="text", **_):
        agreements = Agreement.objects.with_parties().order_by("year", "reference")
        if year:
            agreements = agreements.for_year(year)
        rows = [serializers.summary(a) for a in agreements]
        if format == "json":
            self.stdout.write(dumps(rows))
            return
        for a in agreements:
            self.stdout.write(
                f"{a.reference:20} {a.year}  {a.beneficiary} ← {a.funder}  "
                f"{money_text(a.subsidy)}  {a.get_status_display()}"
            )

    def do_show(self, *, reference, format="text", **_):
        overview = AgreementOverview(self._agreement(reference))
        if format == "json":
            self.stdout.write(dumps(serializers.detail(overview)))
            return
        a = overview.agreement
        out = self.stdout.write
        out(f"{a.reference} — {a.title} ({a.get_status_display()})")
        out(f"Financeur : {a.funder} ; bénéficiaire : {a.beneficiary}")
        out(
            f"Action du {format_date(a.action_start)} au {format_date(a.action_end)} ; bilan au {format_date(a.report_due)}"
        )
        out(
            f"Subvention {money_text(a.subsidy)} sur un coût prévisionnel de {money_text(a.forecast_cost)}"
        )
        out("Budget :")
        for line in overview.lines:
            out(
                f"  {line.label:60} {format_money(line.total):>14}  (écart d'arrondi {format_money(line.rounding_gap)})"
            )
        out("Plan de financement :")
        for row in overview.expense_shares.rows + overview.revenue_shares.rows:
            out(f"  {row.label:60} {format_money(row.amount):>14} {format_percent(row.percent):>6}")
        out("Engagements :")
        for p in overview.commitments:
            realised = "—" if p.value is None else f"{p.value.normalize():f}"
            target = "sans cible chiffrée" if p.target is None else f"{p.target.normalize():f}"
            out(
                f"  {p.commitment.label:60} {realised} / {target} {p.commitment.unit} ({p.state_label})"
            )
        out(f"Réalisé {format_money(overview.realised)} ; subvention due {money_text(overview.subsidy_due)} ; "
            f"versé {format_money(overview.paid)} ; reste {money_text(overview.left_to_pay)}")  # fmt: skip

    def do_prorata(self, *, reference, realised, format="text", **_):
        try:
            amount = parse_decimal_fr(realised)
        except ValueError as error:
            raise CommandError(str(error)) from None
        overview = AgreementOverview(self._agreement(reference))
        data = serializers.prorata(overview, amount)
        if format == "json":
            self.stdout.write(dumps(data))
            return
        a = overview.agreement
        self.stdout.write(
            f"{a.reference} : pour {format_money(amount)} réalisés sur {money_text(a.forecast_cost)} "
            f"prévus, subvention due {money_text(overview.subsidy_due_for(amount))} "
            f"(sur {money_text(a.subsidy)})."
        )

    def do_check(self, *, reference, **_):
        overview = AgreementOverview(self._agreement(reference))
        for check in overview.checks:
            self.stdout.write(f"{SYMBOLS[check.level]} {check.label} — {check.detail}")
        failed = failures(overview.checks)
        if failed:
            raise CommandError(f"{len(failed)} {plural('contrôle à corriger', len(failed))}.")
        self.stdout.write(self.style.SUCCESS("Aucun contrôle à corriger."))

    def do_remind(self, *, today=None, **_):
        sent = send_due_reminders(today=today)
        for deadline, step in sent:
            self.stdout.write(
                f"Rappel J-{step} : {deadline.agreement.reference} — {deadline.label} ({format_date(deadline.date)})"
            )
        self.stdout.write(f"{len(sent)} {plural('rappel envoyé', len(sent))}.")

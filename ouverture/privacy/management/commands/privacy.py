"""ouverture privacy retention [--dry-run] | export --email ADDRESS [--output FILE] | erase --email ADDRESS"""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ouverture.accounts.services import system_user
from ouverture.privacy import services
from ouverture.privacy.registry import PROCESSINGS


class Command(BaseCommand):
    help = "Données personnelles : durées de conservation, export et effacement d'une personne."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        retention = sub.add_parser("retention", help="anonymise ce qui a dépassé sa durée")
        retention.add_argument("--dry-run", action="store_true", help="compter sans écrire")
        retention.add_argument("--today", type=dt.date.fromisoformat, help="AAAA-MM-JJ")
        export = sub.add_parser("export", help="tout ce qui est conservé sur une personne (JSON)")
        export.add_argument("--email", required=True)
        export.add_argument("--output", help="fichier JSON (sinon la sortie standard)")
        erase = sub.add_parser("erase", help="anonymise une personne partout, historique compris")
        erase.add_argument("--email", required=True)

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _retention(self, dry_run=False, today=None, **options):
        done = services.apply_retention(dry_run=dry_run, today=today)
        verb = "à anonymiser" if dry_run else "anonymisé·es"
        for p in PROCESSINGS:
            self.stdout.write(f"{p.title} : conservation {p.months} mois")
            for row in done:
                if row.processing == p.title:
                    self.stdout.write(f"  {row.store} {verb} : {row.count}")
        if dry_run:
            self.stdout.write("Essai : rien n'a été écrit.")

    def _export(self, email, output=None, **options):
        text = services.export_json(email)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"Export écrit dans {output}.")
        else:
            self.stdout.write(text)

    def _erase(self, email, **options):
        try:
            erased = services.erase_person(email, actor=system_user())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not erased:
            self.stdout.write(f"Aucune donnée conservée pour {email}.")
        for label, count in erased.items():
            self.stdout.write(f"{label} anonymisé·es : {count}")

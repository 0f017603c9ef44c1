"""`ouverture opendata scdl --year 2024 --output subventions-2024.csv`: the SCDL file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ouverture.core.wording import plural
from ouverture.opendata import scdl


class Command(BaseCommand):
    help = "Données ouvertes : les subventions attribuées au format SCDL « Subventions » 2.1.1."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        export = sub.add_parser("scdl", help="Le fichier CSV SCDL des subventions d'une année.")
        export.add_argument("--year", type=int, required=True)
        export.add_argument("--output", required=True, help="Fichier CSV à écrire (« - » : sortie)")

    def handle(self, *args, action, year, output, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"Année {year} hors bornes (2000 à 2100).")
        export = scdl.subsidies(year)
        text = export.csv_text()
        if output == "-":
            self.stdout.write(text, ending="")
        else:
            path = Path(output)
            if not path.parent.exists():
                raise CommandError(f"Le dossier {path.parent} n'existe pas.")
            path.write_text(text, encoding="utf-8")
            self.stderr.write(
                f"{len(export.rows)} {plural('subvention écrite', len(export.rows))} dans {output}"
            )
        for name in export.skipped:
            self.stderr.write(f"Non publiée (pas de SIRET) : {name}")

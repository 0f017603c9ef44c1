"""`ouverture import_coaching FILE`: import a coaching table in the source document's shape."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ouverture.accounts.services import system_user
from ouverture.coaching.importing import apply_plan, read_coaching_table
from ouverture.core.tabular import ENCODINGS, FileRejected
from ouverture.core.wording import plural


class Command(BaseCommand):
    help = (
        "Importe un tableau d'accompagnements (CSV, TSV ou XLSX) aux colonnes du bilan : "
        "« Nom de l'organisation », « Type de projet », « Type d'accompagnement », "
        "« Nombre de session d'accompagnement », « Nombre d'heures au total » (et « Date », "
        "facultative). Tout ou rien : la moindre erreur est signalée avec sa ligne et sa "
        "colonne, et rien n'est écrit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, help="année des accompagnements (lignes sans date)")
        parser.add_argument(
            "--dry-run", action="store_true", help="vérifier et résumer sans rien écrire"
        )
        parser.add_argument(
            "--create-organisations",
            action="store_true",
            help="créer les structures absentes de la plateforme",
        )
        parser.add_argument(
            "--encoding",
            choices=list(ENCODINGS),
            default="utf-8",
            help="cp1252 pour un ancien « CSV séparateur point-virgule » d'Excel",
        )

    def handle(self, *args, file, year, dry_run, create_organisations, encoding, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        try:
            plan = read_coaching_table(
                path.read_bytes(),
                path.name,
                year=year,
                encoding=encoding,
                create_organisations=create_organisations,
            )
        except FileRejected as error:
            hint = " (option --encoding cp1252)" if "UTF-8" in str(error) else ""
            raise CommandError(
                f"{path.name} refusé, rien n'a été importé : {error}{hint}"
            ) from None
        for warning in plan.warnings:
            self.stdout.write(f"  attention : {warning}")
        if plan.issues:
            for issue in plan.issues:
                self.stderr.write(f"  {issue}")
            raise CommandError(
                f"{len(plan.issues)} {plural('erreur', len(plan.issues))} dans {path.name} : rien n'a été importé."
            )
        if dry_run:
            self.stdout.write(f"Vérification sans écriture — {plan.summary()}")
            for name in plan.organisations_to_create:
                self.stdout.write(f"  structure à créer : {name}")
            return
        apply_plan(plan, actor=system_user())
        self.stdout.write(self.style.SUCCESS(f"Importé — {plan.summary()}"))

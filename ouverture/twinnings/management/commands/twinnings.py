"""`ouverture twinnings import FILE [--dry-run]` and `ouverture twinnings stats --format json`."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ouverture.accounts.services import system_user
from ouverture.core.tables import dumps
from ouverture.twinnings import stats
from ouverture.twinnings.enums import RowOutcome
from ouverture.twinnings.importer import FIELDS_BY_KEY
from ouverture.twinnings.services import import_file


class Command(BaseCommand):
    help = "Jumelages : importer un fichier (CSV, TSV, XLSX) ou afficher les statistiques."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Importer un fichier de jumelages (tout ou rien).")
        imp.add_argument("file", help="Fichier CSV, TSV ou XLSX")
        imp.add_argument("--dry-run", action="store_true", help="Vérifier sans rien enregistrer")
        imp.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="CHAMP=COLONNE",
            help=f"Colonne d'un champ ({', '.join(FIELDS_BY_KEY)}); sinon devinée des titres",
        )
        imp.add_argument("--skip-foreign", action="store_true",
                         help="Ignorer les lignes dont aucune ville n'est en France")  # fmt: skip
        imp.add_argument("--encoding", default="utf-8", choices=["utf-8", "cp1252"])
        imp.add_argument("--source", default="", help="Note de source ajoutée à chaque jumelage")
        imp.add_argument("--status-value", action="append", default=[], metavar="TEXTE=STATUT",
                         help="Statut d'une valeur non reconnue (mémorisé) : "
                              "« plus de nouvelles=dormant »")  # fmt: skip
        di = sub.add_parser("directory", help="Contacts des mairies depuis l'Annuaire de "
                            "l'administration (export CSV, Licence Ouverte).")  # fmt: skip
        di.add_argument("file")
        di.add_argument("--dry-run", action="store_true")
        ls = sub.add_parser("list", help="Lister les jumelages.")
        ls.add_argument("--commune", default="", help="Code INSEE d'une commune partie")
        ls.add_argument("--format", choices=["json", "text"], default="text")
        st = sub.add_parser("stats", help="Statistiques des jumelages.")
        st.add_argument("--grouping", choices=["insee", "seven"], default="insee",
                        help="Continents : INSEE (défaut) ou les 7 continents")  # fmt: skip
        st.add_argument("--format", choices=["json", "text"], default="text")
        for name in ("status", "kind", "continent", "country", "epci", "review"):
            st.add_argument(f"--{name}", default="")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self.do_import(options)
        if options["action"] == "list":
            return self.do_list(options)
        if options["action"] == "directory":
            return self.do_directory(options)
        return self.do_stats(options)

    def do_import(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        mapping = None
        if options["map"]:
            mapping = {}
            for item in options["map"]:
                key, _, column = item.partition("=")
                if key not in FIELDS_BY_KEY or not column:
                    raise CommandError(f"--map « {item} » : écrivez CHAMP=COLONNE, CHAMP parmi "
                                       f"{', '.join(FIELDS_BY_KEY)}.")  # fmt: skip
                mapping[key] = column
        from ouverture.twinnings.services import set_value_mapping

        for item in options["status_value"]:
            text, _, status = item.rpartition("=")
            try:
                set_value_mapping(actor=system_user(), raw=text, value=status.strip())
            except ValidationError as error:
                raise CommandError(
                    f"--status-value « {item} » : " + " ".join(error.messages)
                ) from None
        try:
            result = import_file(
                path.read_bytes(), path.name, actor=system_user(), mapping=mapping,
                dry_run=options["dry_run"], skip_foreign=options["skip_foreign"],
                source_label=options["source"], encoding=options["encoding"],
            )  # fmt: skip
        except ValidationError as error:
            raise CommandError(
                "Fichier refusé, rien n'a été enregistré. " + " ".join(error.messages)
            ) from None
        for row in result.rows:
            if row.outcome != RowOutcome.CREATED or row.flags:
                flags = f" [{', '.join(row.flags)}]" if row.flags else ""
                label = RowOutcome(row.outcome).label
                self.stdout.write(
                    f"ligne {row.line} : {label}{flags} — {' '.join(row.messages)}".rstrip(" —")
                )
                for title, items in (("ajouté", row.added), ("conflit", row.conflicts),
                                     ("ignoré", row.ignored)):  # fmt: skip
                    for item in items:
                        self.stdout.write(f"    {title} : {item}")
        s = result.summary
        if s.get("nothing_new") and not result.errors:
            self.stdout.write(
                "Rien de nouveau : le registre connaît déjà tout ce que dit ce fichier."
            )
        self.stdout.write(
            f"{s['updated']} lignes ont complété un jumelage connu ({s['changes']} ajouts, "
            f"{s['conflicts']} conflits à décider)."
        )
        self.stdout.write(
            f"{s['rows']} lignes : {s['agreements']} jumelages {'à créer' if not result.written else 'créés'}, "
            f"{s['merged']} fusionnées, {s['existing']} déjà présentes, {s['skipped']} ignorées, "
            f"{s['error']} en erreur ; {s['to_review']} jumelages à vérifier."
        )
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} ligne(s) en erreur : rien n'a été enregistré."
            )
        if options["dry_run"]:
            self.stdout.write("Essai à blanc : rien n'a été enregistré.")
        else:
            self.stdout.write(self.style.SUCCESS("Import terminé."))

    def do_stats(self, options):
        filters = {
            k: options[k] for k in ("status", "kind", "continent", "country", "epci", "review")
        }
        if filters["country"]:
            filters["country"] = filters["country"].upper()
        figures = stats.compute(grouping=options["grouping"], **filters)
        if options["format"] == "json":
            self.stdout.write(dumps(figures.as_json()))
            return
        share = figures.european_share
        self.stdout.write(
            f"{figures.agreements} accords, {figures.communes} communes, {figures.countries} pays, "
            f"{figures.continents} continents, {figures.european} européens"
            + (f" ({share:.1f} %)" if share is not None else "")
        )
        for row in figures.by_country:
            self.stdout.write(f"  {row['code']} {row['name']:30} {row['count']:5}")
        self.stdout.write(figures.grouping_note)

    def do_list(self, options):
        from ouverture.twinnings.listing import agreements_as_json

        rows = agreements_as_json(commune=options["commune"].strip())
        if options["format"] == "json":
            self.stdout.write(dumps(rows))
            return
        for row in rows:
            self.stdout.write(f"{row['id']:6} {row['status']:8} {row['title']}")

    def do_directory(self, options):
        from ouverture.twinnings.directory import import_directory

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            result = import_directory(path.read_bytes(), path.name, actor=system_user(),
                                      dry_run=options["dry_run"])  # fmt: skip
        except ValidationError as error:
            raise CommandError("Fichier refusé, rien n'a été enregistré. "
                               + " ".join(error.messages)) from None  # fmt: skip
        for message in result.messages:
            self.stdout.write(message)
        self.stdout.write(
            f"{result.rows} lignes, {result.town_halls} mairies avec e-mail ; "
            f"{len(result.filled)} contact(s) {'à remplir' if options['dry_run'] else 'remplis'}, "
            f"{result.already_known} déjà connu(s), {result.not_in_file} commune(s) absente(s) du fichier."
        )

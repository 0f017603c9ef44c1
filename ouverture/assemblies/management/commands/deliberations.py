"""`ouverture deliberations list|show|check-citations`.

ouverture deliberations list [--year 2024]
ouverture deliberations show 2024-401 [--format json]
ouverture deliberations check-citations FILE   (exit status 1 when a citation disagrees)
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ouverture.assemblies.deliberations import check_citations
from ouverture.assemblies.models import Deliberation
from ouverture.assemblies.serializers import deliberation_json
from ouverture.core.formats import format_date


class Command(BaseCommand):
    help = "Délibérations : liste, fiche, contrôle des dates citées dans un texte."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = sub.add_parser("list", help="Les délibérations enregistrées.")
        listing.add_argument("--year", type=int)
        show = sub.add_parser("show", help="Une délibération : présences, vote, avis, « Vu ».")
        show.add_argument("number")
        show.add_argument("--format", choices=["text", "json"], default="text")
        check = sub.add_parser(
            "check-citations", help="Les délibérations citées dans un texte, contre leurs dates."
        )
        check.add_argument("file")

    def handle(self, *args, action, **options):
        getattr(self, action.replace("-", "_"))(**options)

    def list(self, *, year=None, **_):
        rows = Deliberation.objects.select_related("body").order_by("date", "number")
        if year:
            rows = rows.filter(year=year)
        for d in rows:
            self.stdout.write(f"{d.number}\t{format_date(d.date)}\t{d.body}\t{d.title}")

    def show(self, *, number, format, **_):
        deliberation = Deliberation.objects.filter(number=number).first()
        if deliberation is None:
            raise CommandError(f"Aucune délibération n°{number}.")
        data = deliberation_json(deliberation)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Délibération n°{data['number']} — {data['body']}, {format_date(deliberation.date)}"
        )
        self.stdout.write(data["title"])
        self.stdout.write(
            f"Présents : {data['present']} · excusés : {data['excused']} · représentés : "
            f"{data['represented']}"
        )
        self.stdout.write(
            f"Pour : {data['for']} · contre : {data['against']} · abstention : {data['abstention']}"
            f" — {'Adopté' if data['adopted'] else 'Non adopté'}"
        )
        for citation in data["citations"]:
            self.stdout.write(f"Vu la délibération n°{citation['number']} du {citation['date']}")

    def check_citations(self, *, file, **_):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {file}")
        problems = check_citations(path.read_text(encoding="utf-8"))
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise SystemExit(1)
        self.stdout.write("Toutes les délibérations citées ont la date de leur enregistrement.")

"""`ouverture recap --year 2023 --format json`: the coaching recap, as the page computes it."""

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from ouverture.accounts.models import User
from ouverture.coaching.enums import FollowUpKind
from ouverture.coaching.recap import CoachingRecap
from ouverture.core.wording import plural
from ouverture.organisations.enums import ProjectTypeCode


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Date « {text} » illisible : écrivez-la AAAA-MM-JJ.") from None


class Command(BaseCommand):
    help = (
        "Tableau récapitulatif des accompagnements d'une année ou d'une période, "
        "en JSON (par défaut), CSV ou XLSX."
    )
    # A read-only report: the system checks would import every URL and view (charts, PDF,
    # spreadsheets), seconds of start-up for nothing; `migrate`, `check` and tests run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="année civile, par exemple 2023")
        parser.add_argument("--from", dest="start", help="début de période (AAAA-MM-JJ)")
        parser.add_argument("--to", dest="end", help="fin de période (AAAA-MM-JJ)")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", "-o", help="fichier à écrire (sinon la sortie standard)")
        parser.add_argument("--project-type", choices=ProjectTypeCode.values, default="")
        parser.add_argument("--kind", choices=FollowUpKind.values, default="")
        parser.add_argument("--staff", help="identifiant du ou de la chargé·e de mission")

    def handle(self, *args, year, start, end, format, output, project_type, kind, staff, **o):
        if year is None and not (start or end):
            raise CommandError("Indiquez --year, ou --from et --to.")
        if year is not None and (start or end):
            raise CommandError("Indiquez soit --year, soit --from/--to, pas les deux.")
        if year is not None:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        else:
            end = _date(end) if end else dt.date.today()
            start = _date(start) if start else dt.date(end.year, 1, 1)
        staff_user = None
        if staff:
            staff_user = User.objects.filter(username=staff).first()
            if staff_user is None:
                raise CommandError(f"Aucun compte « {staff} ».")
        try:
            builder = CoachingRecap(
                start, end, project_type=project_type, kind=kind, staff=staff_user
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        recap = builder.build()
        if format == "json":
            # core.tables.dumps' text (json, indent 2) written at C speed, without importing
            # openpyxl (the command starts in django.setup() time).
            content = (builder.json_text(recap) + "\n").encode("utf-8")
        else:
            from ouverture.core.tables import to_csv, to_xlsx

            render = to_csv if format == "csv" else to_xlsx
            content = render(builder.table(recap))
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
            n = recap.organisations
            self.stderr.write(f"{output} écrit ({n} {plural('structure', n)}).")
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            if format == "xlsx" and (not hasattr(stream, "buffer") or stream.isatty()):
                raise CommandError("Un classeur XLSX s'écrit dans un fichier : ajoutez --output.")
            stream.flush()
            if hasattr(stream, "buffer"):
                stream.buffer.write(content)
                stream.buffer.flush()
            else:
                stream.write(content.decode("utf-8"))

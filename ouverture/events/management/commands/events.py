"""`ouverture events summary --year 2023 --format json`: per workshop and per training."""

from django.core.management.base import BaseCommand, CommandError

from ouverture.core.tables import dumps
from ouverture.core.wording import plural
from ouverture.events.queries import TYPE_LABELS, year_summary


class Command(BaseCommand):
    help = "Temps collectifs : bilan d'une année (inscrits, excusés, présents, structures, formations)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        summary = actions.add_parser("summary", help="Bilan des temps collectifs d'une année.")
        summary.add_argument("--year", type=int, required=True)
        summary.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, action, year, format, **options):
        if action != "summary":
            raise CommandError(f"Action inconnue : {action}")
        data = year_summary(year)
        if format == "json":
            self.stdout.write(dumps(data))
            return
        self.stdout.write(f"Temps collectifs {year}")
        for w in data["workshops"]:
            types = ", ".join(
                f"{TYPE_LABELS.get(k, k)} {v}" for k, v in w["structures_by_type"].items()
            )
            answers = w.get("questionnaire_answers")
            self.stdout.write(
                f"- {w['date']} {w['title']} : {w['registered']} inscrit·e·s, {w['excused']} excusé·e·s, "
                f"{w['walk_ins']} sans inscription, {w['participants']} participant·e·s, "
                f"{w['structures']} {plural('structure', w['structures'])} ({types})"
                + (
                    f", {answers} {plural('réponse au questionnaire', answers)}"
                    if answers is not None
                    else ""
                )
            )
        self.stdout.write(f"Préparations au départ {year}")
        for t in data["trainings"]:
            self.stdout.write(
                f"- {t['date']} {t['holder']}, {t['place']} : {t['young_people']} {plural('jeune', t['young_people'])}, "
                f"destination {t['destination']}, {t['preparation_days']} {plural('jour de préparation', t['preparation_days'])}, "
                f"{t['staff']} {plural('membre', t['staff'])} de l'équipe"
            )

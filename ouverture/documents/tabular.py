"""Table documents: the coaching recap and the agreement workbook, as document classes so a
format is chosen in one place (`render.generate`). They wrap the apps' own builders."""

import datetime as dt

from ouverture.agreements import exports
from ouverture.agreements.models import Expense
from ouverture.coaching.recap import CoachingRecap
from ouverture.documents.base import Document
from ouverture.reports.tables import dumps, to_csv, to_json_data, to_xlsx


class TableDocument(Document):
    formats = ("xlsx", "csv", "json")

    def tables(self):
        return []

    def render_table(self, fmt):
        tables = self.tables()
        if fmt == "xlsx":
            return to_xlsx(*tables)
        if fmt == "csv":
            return to_csv(tables[0])
        return dumps([to_json_data(t) for t in tables]).encode()


class AgreementWorkbook(TableDocument):
    kind = "agreement-workbook"
    label = "Classeur de la convention"

    def tables(self):
        expenses = (
            Expense.objects.for_agreement(self.agreement)
            .select_related("budget_line")
            .order_by("date", "pk")
        )
        return exports.workbook_tables(self.overview, expenses)


class CoachingRecapDocument(TableDocument):
    kind = "coaching-recap"
    label = CoachingRecap.label

    def tables(self):
        a = self.agreement
        recap = CoachingRecap(a.action_start or dt.date(a.year, 1, 1), a.action_end)
        return [recap.table(recap.build())]

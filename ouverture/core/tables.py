"""A table of figures and its renderers: XLSX, CSV (French Excel), JSON.

Exports build a Table from their query, then any renderer writes it. Money and
decimals stay Decimal until the renderer: XLSX gets numbers with a French number
format, CSV gets French text ("9 879,54"), JSON gets decimal strings ("9879.54").

Every text that reaches an XLSX or CSV cell (labels, values, totals, notes, sheet
titles) goes through `safe_text`: control characters that break XLSX are removed
and a text that a spreadsheet would run as a formula (it begins with =, +, -, @,
a tab or a carriage return) is prefixed with an apostrophe. Numbers stay numbers:
only values that are text in the record are neutralised, never a figure we format.
"""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ouverture.core.formats import format_date, format_decimal, format_hours

KINDS = {"text", "int", "money", "decimal", "percent", "date", "duration"}


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # one of KINDS; "duration" values are minutes
    places: int = 2

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind}")


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    totals: dict | None = None
    notes: list[str] = field(default_factory=list)

    def add(self, **row):
        self.rows.append(row)


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("\\/?*[]:", " "))


def safe_text(text: str) -> str:
    """A text as a spreadsheet cell must hold it: no control character, never a formula.

    The single place where exports neutralise what people typed (formula injection,
    OWASP "CSV injection"); used by the XLSX and the CSV renderers alike.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", str(text))
    if text.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _joined(value):
    return ", ".join(str(v) for v in value)


def _text(column, value):
    """A cell's CSV text (also used to size XLSX columns)."""
    if value is None or value == "":
        return ""
    if isinstance(value, list | tuple | set):
        return safe_text(_joined(value))
    if isinstance(value, str):
        return safe_text(value)
    if column.kind == "money":
        return format_decimal(value, 2)
    if column.kind in {"decimal", "percent"}:
        return format_decimal(value, column.places)
    if column.kind == "int":
        return str(value)
    if column.kind == "date":
        return value.strftime("%d/%m/%Y")
    if column.kind == "duration":
        return format_hours(value)
    return str(value)


def to_csv(table: Table) -> bytes:
    """Semicolon-separated, UTF-8 with a BOM: French Excel opens it as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow([_text(c, row.get(c.key)) for c in table.columns])
    if table.totals:
        writer.writerow([_text(c, table.totals.get(c.key)) for c in table.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


NUMBER_FORMATS = {
    "money": '#,##0.00 "€"',
    "decimal": "#,##0.00",
    "int": "#,##0",
    "date": "DD/MM/YYYY",
    # Hours as a number (49,5 h), so Excel can sum them; the cell holds minutes / 60.
    "duration": '#,##0.00" h"',
}


def _cell_value(column, value):
    if value is None:
        return None
    if isinstance(value, list | tuple | set):
        return safe_text(_joined(value))
    if isinstance(value, str):
        return safe_text(value)
    if column.kind == "duration":
        return round(float(Decimal(value) / 60), 4)
    if column.kind == "percent":
        return float(Decimal(value) / 100)
    if isinstance(value, Decimal):
        return float(value) if column.kind != "int" else int(value)
    return value


def write_sheet(sheet, table: Table):
    bold = Font(bold=True)
    sheet.title = (
        safe_text(table.title).translate(SHEET_TITLE_FORBIDDEN).strip("' ")[:31] or "Feuille"
    )
    sheet.append([safe_text(c.label) for c in table.columns])
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rows = list(table.rows)
    if table.totals:
        rows.append(table.totals)
    for row in rows:
        sheet.append([_cell_value(c, row.get(c.key)) for c in table.columns])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        fmt = NUMBER_FORMATS.get(column.kind)
        if column.kind == "percent":
            fmt = "0" + ("." + "0" * column.places if column.places else "") + " %"
        width = (
            max([len(column.label)] + [len(_text(column, r.get(column.key))) for r in rows[:500]])
            + 2
        )
        sheet.column_dimensions[letter].width = min(max(width, 8), 60)
        if fmt:
            for cell in sheet[letter][1:]:
                cell.number_format = fmt
    if table.totals:
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    sheet.freeze_panes = "A2"
    for note in table.notes:
        sheet.append([])
        sheet.append([safe_text(note)])


def to_xlsx(*tables: Table) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        write_sheet(workbook.create_sheet(), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(f"Not JSON serialisable: {type(value)}")


def to_json_data(table: Table) -> dict:
    return {"title": table.title, "rows": table.rows, "totals": table.totals}


def dumps(data) -> str:
    """JSON with amounts as decimal strings and French text kept readable."""
    return json.dumps(data, default=json_default, ensure_ascii=False, indent=2)


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def download(table_or_tables, fmt, filename):
    """An HttpResponse with the table(s) as an attachment in the chosen format."""
    tables = table_or_tables if isinstance(table_or_tables, list | tuple) else [table_or_tables]
    if fmt == "xlsx":
        content = to_xlsx(*tables)
    elif fmt == "csv":
        content = to_csv(tables[0])
    elif fmt == "json":
        content = dumps(
            to_json_data(tables[0]) if len(tables) == 1 else [to_json_data(t) for t in tables]
        )
    else:
        raise ValueError(f"Format inconnu : {fmt}")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


__all__ = [
    "Column",
    "Table",
    "download",
    "dumps",
    "format_date",
    "safe_text",
    "to_csv",
    "to_json_data",
    "to_xlsx",
]

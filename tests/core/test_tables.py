import io
import json
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from ouverture.core.tables import Column, Table, dumps, to_csv, to_json_data, to_xlsx
from ouverture.core.tabular import FileRejected, read_table


def _table():
    table = Table(
        "Budget",
        [
            Column("label", "Libellé"),
            Column("amount", "Montant", "money"),
            Column("share", "Part", "percent"),
        ],
    )
    table.add(label="Coûts RH", amount=Decimal("8139.54"), share=Decimal("68.517"))
    table.totals = {"label": "Total", "amount": Decimal("8139.54")}
    return table


def test_csv_opens_in_french_excel():
    content = to_csv(_table())
    assert content.startswith("\ufeff".encode())
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Libellé;Montant;Part"
    assert lines[1] == "Coûts RH;8\u00a0139,54;68,52"


def test_xlsx_keeps_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(to_xlsx(_table()))).active
    assert sheet["B2"].value == pytest.approx(8139.54)
    assert sheet["B2"].number_format == '#,##0.00 "€"'
    assert sheet["A3"].value == "Total"


def test_json_amounts_are_decimal_strings():
    data = json.loads(dumps(to_json_data(_table())))
    assert data["rows"][0]["amount"] == "8139.54"


ALIASES = {
    "name": ["Nom de l'organisation", "Nom"],
    "hours": ["Nombre d'heures au total", "Heures"],
}


def test_reads_semicolon_csv_with_bom_and_line_numbers():
    content = "\ufeffNom de l'organisation;Nombre d'heures au total\n\nTantely Soa;5h\nMisola;2\n".encode()
    table = read_table(content, "recap.csv", aliases=ALIASES, required=["name", "hours"])
    assert [(r.line, r.values["name"], r.values["hours"]) for r in table.rows] == [
        (3, "Tantely Soa", "5h"),
        (4, "Misola", "2"),
    ]
    assert table.columns["hours"] == "« Nombre d'heures au total » (B)"


def test_latin1_file_is_refused_with_a_way_out_unless_asked():
    content = "Nom;Heures\nSolidarité Cœur de Corneille;3h\n".encode("cp1252")
    with pytest.raises(FileRejected, match="Windows-1252"):
        read_table(content, "recap.csv", aliases=ALIASES)
    table = read_table(content, "recap.csv", aliases=ALIASES, encoding="cp1252")
    assert table.rows[0].values["name"] == "Solidarité Cœur de Corneille"


@pytest.mark.parametrize("content", [b"", b"   \n\n"])
def test_empty_file_is_refused(content):
    with pytest.raises(FileRejected, match="vide"):
        read_table(content, "x.csv", aliases=ALIASES)


def test_xlsx_with_merged_header_cells_is_refused():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Heures", ""])
    sheet.merge_cells("B1:C1")
    sheet.append(["Misola", "2", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileRejected, match="fusionnées.*B1:C1"):
        read_table(buffer.getvalue(), "x.xlsx", aliases=ALIASES)


def test_missing_columns_are_named():
    with pytest.raises(FileRejected, match="Colonnes introuvables"):
        read_table(b"Foo;Bar\n1;2\n", "x.csv", aliases=ALIASES, required=["name"])

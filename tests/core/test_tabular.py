"""The reading layer on real files (finding 9 of issue 9): line endings, encodings,
huge cells, control characters, true line numbers, Excel times, limits."""

import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ouverture.core import tabular
from ouverture.core.tabular import FileRejected, check_length, read_table

ALIASES = {"name": ["Nom"], "hours": ["Heures"]}
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60)


def _read(content, filename="f.csv", **kwargs):
    return read_table(content, filename, aliases=ALIASES, required=["name"], **kwargs)


def _rows(table):
    return [(r.line, r.values["name"], r.values.get("hours", "")) for r in table.rows]


def test_carriage_return_only_line_endings():
    table = _read(b"Nom;Heures\rMisola;2\rTantely;3\r")
    assert _rows(table) == [(2, "Misola", "2"), (3, "Tantely", "3")]


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_windows_1252_undefined_bytes_do_not_crash(byte):
    content = b"Nom;Heures\nCaf\xe9 " + bytes([byte]) + b";2\n"
    table = _read(content, encoding="cp1252")
    assert _rows(table) == [(2, "Café", "2")]
    [warning] = table.warnings
    assert f"0x{byte:02X}" in warning and "ligne 2" in warning


def test_undefined_bytes_warning_agrees_with_how_many_bytes_and_lines():
    [one] = _read(b"Nom;Heures\nA\x81;2\n", encoding="cp1252").warnings
    assert one.startswith("Octet 0x81 sans caractère en Windows-1252, ignoré (ligne 2) :")
    [two] = _read(b"Nom;Heures\nA\x81;2\nB\x8d;3\n", encoding="cp1252").warnings
    assert two.startswith(
        "Octets 0x81, 0x8D sans caractère en Windows-1252, ignorés (lignes 2, 3) :"
    )


def test_utf8_error_is_a_french_message_with_the_line():
    with pytest.raises(FileRejected, match="pas en UTF-8.*ligne 3"):
        _read(b"Nom\nA\nCaf\xe9\n")


def test_a_cell_too_long_names_line_and_column():
    content = b"Nom;Heures\nA;1\nB;" + b"x" * 140_000 + b"\n"
    with pytest.raises(FileRejected, match=r"Ligne 3, colonne B : la cellule compte 140\u00a0000"):
        _read(content)


def test_headers_only_reads_past_a_first_row_over_64_kb():
    content = b"Nom;Heures\n" + b"A" * 30_000 + b";" + b"1" * 30_000 + b";" + b"x" * 30_000
    content += b"\nB;2\n"
    assert _read(content, headers_only=True).headers == ["Nom", "Heures"]
    assert len(_read(content).rows) == 2


def test_nul_and_vertical_tab_are_removed_with_a_warning():
    table = _read(b"Nom;Heures\nMi\x00sola\x0b;2\nB;3\n")
    assert _rows(table)[0] == (2, "Misola", "2")
    assert table.warnings == [
        "Caractères de contrôle invisibles (NUL, tabulation verticale…) supprimés, ligne 2."
    ]


def test_control_characters_warning_names_many_lines_in_the_plural():
    content = b"Nom;Heures\n" + b"".join(b"A\x00%d;1\n" % n for n in range(12))
    assert _read(content).warnings == [
        "Caractères de contrôle invisibles (NUL, tabulation verticale…) supprimés, "
        "lignes 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 et 2 autres."
    ]


def test_true_line_numbers_after_a_cell_spanning_lines():
    content = b'Nom;Heures\n"Misola\nHDF";2\nTantely;3\n\nLast;4\n'
    assert _rows(_read(content)) == [(2, "Misola\nHDF", "2"), (4, "Tantely", "3"), (6, "Last", "4")]


def test_an_unclosed_quote_swallowing_the_file_is_a_message_at_its_line():
    with pytest.raises(FileRejected, match="Ligne 3, colonne A"):
        _read(b'Nom;Heures\nA;1\n"B;2\n' + b"x" * 200_000)


def _xlsx(rows, build=None):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if build:
        build(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_excel_times_read_as_durations():
    def formats(sheet):
        sheet["B3"].number_format = "[h]:mm"

    content = _xlsx(
        [["Nom", "Heures"], ["A", dt.time(1, 30)], ["B", dt.timedelta(hours=26)],
         ["C", dt.datetime(1899, 12, 30, 2, 0)], ["D", dt.date(2023, 3, 2)]],
        formats,
    )  # fmt: skip
    assert [r[2] for r in _rows(_read(content, "f.xlsx"))] == ["1h30", "26h", "2h", "02/03/2023"]


def test_a_huge_declared_dimension_and_styled_empty_cells_cost_nothing():
    def bloat(sheet):
        for row in range(3, 400):
            for column in range(1, 150):
                sheet.cell(row=row, column=column).number_format = "0.00"  # styled, empty

    content = _xlsx([["Nom", "Heures"], ["A", 2]], bloat)
    content = content.replace(b'<dimension ref="A1:ES399"/>', b'<dimension ref="A1:XFD1048576"/>')
    table = _read(content, "f.xlsx")
    assert _rows(table) == [(2, "A", "2")]


def test_xlsx_merged_titles():
    content = _xlsx([["Nom", "Heures"], ["A", 1]], lambda s: s.merge_cells("A1:B1"))
    with pytest.raises(FileRejected, match="fusionnées \\(A1:B1\\)"):
        _read(content, "f.xlsx")


def test_limits_before_parsing(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    with pytest.raises(FileRejected, match="plus de 3 lignes"):
        _read(b"Nom\n" + b"A\n" * 5)
    with pytest.raises(FileRejected, match="plus de 3 lignes"):
        _read(_xlsx([["Nom"]] + [["A"]] * 5), "f.xlsx")
    monkeypatch.setattr(tabular, "MAX_BYTES", 10)
    with pytest.raises(FileRejected, match="dépasse"):
        _read(b"Nom\n" + b"A\n" * 10)


def test_check_length_says_the_bound():
    assert check_length("a" * 200, 200, line=2, column="A") is None
    issue = check_length("a" * 201, 200, line=2, column="« Nom » (A)", what="Le nom")
    assert str(issue) == (
        "ligne 2, colonne « Nom » (A) : Le nom compte 201 caractères : au plus 200. Raccourcissez-le."
    )


cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)


@PROPERTY
@given(
    st.binary(max_size=400),
    st.sampled_from(["utf-8", "cp1252"]),
    st.sampled_from(["f.csv", "f.tsv", "f.xlsx"]),
)
def test_any_bytes_are_read_or_refused_in_french(content, encoding, filename):
    try:
        table = read_table(content, filename, aliases=ALIASES, encoding=encoding)
    except FileRejected as error:
        assert str(error)
    else:
        for row in table.rows:
            assert all(not tabular.CONTROL_RE.search(v) for v in row.values.values())


@PROPERTY
@given(
    st.lists(st.tuples(cell, cell), min_size=1, max_size=8), st.sampled_from(["\n", "\r\n", "\r"])
)
def test_written_csv_reads_back_with_its_lines(rows, newline):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator=newline, quoting=csv.QUOTE_ALL)
    writer.writerows([("Nom", "Heures"), *rows])
    expected, line = [], 2
    for a, b in rows:
        clean = (tabular.CONTROL_RE.sub("", a).strip(), tabular.CONTROL_RE.sub("", b).strip())
        if any(clean):
            expected.append((line, *clean))
        line += sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in (a, b)) + 1
    if not expected:
        with pytest.raises(FileRejected, match="que la ligne de titres"):
            _read(buffer.getvalue().encode())
        return
    table = _read(buffer.getvalue().encode())
    assert [(r.line, r.values["name"], r.values["hours"]) for r in table.rows] == expected

"""Formula injection and control characters: what a person types on a public form
reaches staff exports as inert text (finding 6 of issue 9)."""

import csv
import io
import pathlib
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ouverture.core.tables import Column, Table, safe_text, to_csv, to_xlsx
from tests.events.factories import make_workshop
from tests.pathways.factories import apply, make_cohort
from tests.surveys.factories import VALID, questionnaire

HYPERLINK = '=HYPERLINK("http://x","y")'
TYPED = [HYPERLINK, "@SUM(1)", "+33 1 23", "-2+3", "\tcmd", "\r=1"]


@pytest.mark.parametrize("typed", TYPED)
def test_a_formula_is_made_text(typed):
    assert safe_text(typed) == "'" + typed


@pytest.mark.parametrize("plain", ["Malco HDF", "Léa = Lina", "12,50", "", "'=déjà"])
def test_plain_text_is_kept(plain):
    assert safe_text(plain) == plain


def test_control_characters_that_break_xlsx_are_removed():
    assert safe_text("Ma\x00lco\x0b HDF\x1f") == "Malco HDF"
    assert safe_text("\x00=1") == "'=1"  # stripping cannot uncover a formula


def _table():
    table = Table(
        "Liste\x0b [test]: =a/b",
        [Column("name", "=Nom"), Column("amount", "Montant", "money"), Column("n", "N", "int")],
    )
    table.add(name=HYPERLINK, amount=Decimal("-12.50"), n=-3)
    table.add(name=["@SUM(1)", "Léa"], amount=Decimal("4"), n=2)
    table.add(name="Ma\x00lco\x0b", amount=None, n=None)
    table.notes.append("=note")
    return table


def test_xlsx_cells_are_text_and_negative_numbers_stay_numbers():
    sheet = load_workbook(io.BytesIO(to_xlsx(_table()))).active
    assert sheet["A1"].value == "'=Nom"
    assert sheet["A2"].value == "'" + HYPERLINK and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == pytest.approx(-12.5) and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == -3 and sheet["C2"].data_type == "n"
    assert sheet["A3"].value == "'@SUM(1), Léa"
    assert sheet["A4"].value == "Malco"
    assert sheet["A6"].value == "'=note"
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_csv_cells_are_text_and_negative_numbers_are_not_prefixed():
    lines = to_csv(_table()).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("'=Nom;")
    assert lines[1] == '"\'=HYPERLINK(""http://x"",""y"")";-12,50;-3'
    assert lines[2].startswith("'@SUM(1), Léa;")
    assert lines[3].startswith("Malco;")


def _assert_inert(content, fmt):
    """No formula, no control character, and each typed value present only neutralised."""
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(content))
        values = [
            c.value
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for c in row
            if c.value is not None
        ]
        assert not [
            c
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for c in row
            if c.data_type == "f"
        ]
        texts = [str(v) for v in values]
    else:
        reader = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
        texts = [cell for row in reader for cell in row]
    joined = "\n".join(texts)
    assert "\x00" not in joined and "\x0b" not in joined
    for typed in (HYPERLINK, "@SUM(1)"):
        assert typed in joined, typed  # the value made it to the export…
        for text in texts:
            if typed in text:  # …only ever behind an apostrophe
                assert text.startswith("'"), text


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_export_fed_by_a_public_form(client, client_for, staff, fmt):
    # workshop registration, through the public page
    workshop = make_workshop()
    response = client.post(
        reverse("events:public_workshop", args=[workshop.public_key]),
        {
            "full_name": HYPERLINK,
            "role": "@SUM(1)\x0b",
            "email": "lea@example.org",
            "organisation_name": "@SUM(1)",
            "project_type": "youth_mobility",
            "consent": "on",
            "ateliers": [workshop.ateliers.first().pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # PAM intake (the public page's write path), and a public questionnaire
    cohort = make_cohort()
    apply(cohort, "@SUM(1)", name=HYPERLINK, what="Ma\x0clco\x0b")  # no NUL: PostgreSQL refuses it
    q = questionnaire(is_public=True, asks_identity=True)
    from ouverture.surveys import services as survey_services

    survey_services.submit_response(
        q,
        {**VALID, "lessons": HYPERLINK + "\x0b"},
        respondent_name="@SUM(1)",
        respondent_email="x@example.org",
    )
    client = client_for(staff)
    urls = [
        reverse("events:export", args=[workshop.pk, fmt]),
        reverse("pathways:export_candidates", args=[cohort.pk, fmt]),
        reverse("surveys:export", args=[q.pk, fmt]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_inert(response.content, fmt)


def test_every_xlsx_or_csv_is_written_by_core_tables():
    """No export writes a spreadsheet by itself: the neutralising lives in one place."""
    root = pathlib.Path(__file__).resolve().parents[2] / "ouverture"
    allowed = {root / "core" / "tables.py", root / "core" / "tabular.py"}
    # The open-data file keeps the SCDL's column order and passes each text through safe_text.
    neutralised = {root / "opendata" / "scdl.py"}
    writers = re.compile(
        r"csv\.writer|csv\.DictWriter|^\s*(from|import) openpyxl|\bWorkbook\(", re.M
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path not in allowed | neutralised and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    for path in neutralised:
        assert "safe_text(" in path.read_text(encoding="utf-8"), path

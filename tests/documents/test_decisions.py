"""The deliberation and the report to the Commission, generated from the source data by the
command and read back (python-docx, pypdf), hold the acceptance figures of
deliberation_2024_401 and funder_budget_2024."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document as WordDocument
from pypdf import PdfReader

from ouverture.core.formats import format_date, format_decimal, format_money
from ouverture.documents import registry
from ouverture.documents.decisions import find_deliberation


def generate(kind, fmt, target, number="2024-401"):
    out = io.StringIO()
    call_command(
        "documents", "generate", kind, "--deliberation", number, "--format", fmt,
        "--output", str(target), stdout=out,
    )  # fmt: skip
    assert target.exists() and "écrit" in out.getvalue()
    return target


def docx_text(path):
    word = WordDocument(str(path))
    paragraphs = [p.text for p in word.paragraphs]
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    return "\n".join(paragraphs), cells, word


def pdf_text(path):
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def day(text):
    return format_date(dt.date.fromisoformat(text))


def money(text):
    return format_money(Decimal(text))


def number(text):
    """Table cells: the column header says €, the cell holds the number."""
    return format_decimal(Decimal(text), 2)


def flat(text):
    """PDF extraction and Word both keep the non-breaking spaces of the French formats;
    compare on plain spaces."""
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def test_registry_lists_both_documents():
    assert set(registry.DELIBERATION_DOCUMENTS) == {"deliberation", "commission-report"}


def test_deliberation_docx_holds_the_acceptance_figures(source_data, seed_figures, tmp_path):
    want = seed_figures["deliberation_2024_401"]
    text, cells, word = docx_text(generate("deliberation", "docx", tmp_path / "d.docx"))
    plain = flat(text)
    assert f"Délibération n°{want['number']}" in plain
    assert f"Réunion du {day(want['date'])}" in plain
    assert want["body"] in plain
    assert f"Présents ({want['present']})" in plain
    assert f"Excusés ({want['excused']})" in plain
    assert f"Pouvoirs ({want['represented']})" in plain
    assert f"Président : M. {want['president']}" in plain
    assert f"Secrétaire : Mme {want['secretary']}" in plain
    groups = ", ".join(want["groups_for"])
    assert (
        f"Pour : {want['for']} voix ({groups}) Contre : {want['against']} voix "
        f"Abstention : {want['abstention']} voix"
    ) in plain
    assert "Résultat : Adopté" in plain
    for citation in want["citations"]:
        act = find_deliberation(citation["number"])
        date = citation["date"] or act.date.isoformat()
        assert f"n°{citation['number']} " in plain and f"en date du {day(date)}" in plain
    opinion = want["opinion"]
    assert f"{opinion['commission']} rendu le {day(opinion['date'])}" in plain
    assert "Caroline MATRAT a donné pouvoir à" in plain
    # The imputation table, figures in French formats.
    imputation, budget = want["imputation"], seed_figures["funder_budget_2024"]
    row = next(r for r in cells if r[0] == imputation["operation"])
    assert [flat(x) for x in row] == [
        imputation["operation"], imputation["imputation"], budget["label"],
        flat(number(imputation["cp"])), flat(number(imputation["expense"])),
    ]  # fmt: skip
    assert flat(number(imputation["cp"])) == "10 749,99"
    # Vote by group: the 'Pour' column adds up to the total.
    group_rows = [r for r in cells if r[0] in want["groups_for"]]
    assert sum(int(r[1]) for r in group_rows) == want["for"]
    # Real headings, A4.
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Décide" in headings and "Présences" in headings
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_deliberation_pdf_holds_the_figures(source_data, seed_figures, tmp_path):
    want = seed_figures["deliberation_2024_401"]
    plain = flat(pdf_text(generate("deliberation", "pdf", tmp_path / "d.pdf")))
    assert f"Délibération n°{want['number']}" in plain
    assert day(want["date"]) in plain
    assert f"Présents ({want['present']})" in plain and f"Excusés ({want['excused']})" in plain
    assert f"Pour : {want['for']} voix" in plain and "Adopté" in plain
    assert want["imputation"]["imputation"] in plain
    assert flat(money(want["imputation"]["expense"])) == "9 879,54 €"
    assert "9 879,54" in plain and "10 749,99" in plain


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_commission_report_holds_the_credit_table(source_data, seed_figures, tmp_path, fmt):
    budget = seed_figures["funder_budget_2024"]
    target = generate("commission-report", fmt, tmp_path / f"r.{fmt}")
    keys = ("credits", "available", "proposal", "balance")
    expected = [flat(number(budget[k])) for k in keys]
    if fmt == "docx":
        text, cells, _ = docx_text(target)
        row = next(r for r in cells if r[0] == budget["operation"])
        assert [flat(x) for x in row] == [budget["operation"], budget["imputation"],
                                          budget["label"], *expected]  # fmt: skip
        assert cells[0][3:] == ["CP", "Disponible", "Proposition", "Solde"]
    else:
        text = pdf_text(target)
        for value in expected:
            assert value in flat(text)
    plain = flat(text)
    assert "Rapport n°2" in plain and "Contexte" in plain
    assert "Montant total proposé : 9 879,54 €" in plain
    assert expected == ["10 749,99", "9 879,54", "9 879,54", "0,00"]


def test_command_refuses_an_unknown_number_and_writes_nothing(source_data, tmp_path):
    target = tmp_path / "x.docx"
    for kind in ("deliberation", "commission-report"):
        with pytest.raises(CommandError, match="Aucune délibération n°« 2099-999 »"):
            generate(kind, "docx", target, number="2099-999")
        assert not target.exists()
    with pytest.raises(CommandError, match="Format inconnu : « odt »"):
        generate("deliberation", "odt", target)
    with pytest.raises(CommandError, match="Indiquez la délibération"):
        call_command("documents", "generate", "deliberation", "--format", "docx",
                     "--output", str(target))  # fmt: skip
    assert not target.exists()

"""The proposal and the agreement for 2024: every amount of the source, from the record."""

import io
from decimal import Decimal

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from ouverture.accounts.services import system_user
from ouverture.agreements.services import update_agreement
from ouverture.core.formats import format_decimal, format_money
from ouverture.documents import services

pytestmark = pytest.mark.django_db


def _docx_all_text(data):
    document = WordDocument(io.BytesIO(data))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(out)


def _pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _money(text):
    return format_money(Decimal(text))


def _generate(kind, agreement, fmt):
    return bytes(services.generate_now(kind, agreement, fmt, actor=system_user()).content)


def test_the_proposal_holds_every_amount_of_the_source(agreement_2024, seed_figures):
    expected = seed_figures["agreement_2024"]
    amounts = {expected["subsidy"], expected["total_cost"]}
    for _label, _quantity, _unit, unit_cost, total in expected["budget_lines"]:
        amounts |= {unit_cost, total}
    amounts |= set(expected["unit_cost_rounding_gaps"].values())
    amounts |= {amount for amount, _share in expected["expenses_by_category"].values()}
    amounts |= {amount for amount, _share in expected["revenues"].values()}
    budget = expected["beneficiary_budget"]
    amounts |= {budget["revenues"], budget["expenses"], budget["result"]}
    funder = seed_figures["funder_budget_2024"]
    amounts |= {funder[k] for k in ("credits", "available", "proposal", "balance")}
    docx = _docx_all_text(_generate("proposal", agreement_2024, "docx"))
    pdf = _pdf_text(_generate("proposal", agreement_2024, "pdf"))
    for amount in sorted(amounts):
        shown = format_decimal(Decimal(amount), 2)  # table cells: "9 879,54", the € in the header
        assert shown in docx, amount
        # PDF text extraction turns no-break spaces into spaces
        assert shown.replace("\u202f", " ").replace("\xa0", " ") in pdf.replace(
            "\u202f", " "
        ).replace("\xa0", " "), amount
    for label, _quantity, unit, _cost, _total in expected["budget_lines"]:
        assert label in docx and f"\n{unit}\n" in docx
    for code in (funder["operation"], funder["imputation"], funder["label"]):
        assert code in docx
    for _name, (_amount, share) in expected["revenues"].items():
        assert f"\n{share}\n" in docx  # the "Part (%)" column, rounded for display
    assert budget["subsidy_share_percent"].replace(".", ",") in docx
    assert budget["programme_share_percent"].replace(".", ",") in docx
    # The unit-cost column is never summed as a "total" (the source's 9 346,55 €): the figure
    # appears only where the draft's checks flag the submitted table that printed it.
    flat = docx.replace("\u202f", " ").replace("\xa0", " ")
    wording, checks = flat.split("Vérifications avant envoi (projet)")
    assert "9 346,55" not in wording
    assert "Le tableau soumis additionne la colonne « coût unitaire »" in checks
    assert "9 346,55 €" in checks and "9 346,56 €" in checks


def test_the_agreement_follows_the_record(agreement_2024, seed_figures):
    expected = seed_figures["agreement_2024"]
    text = _docx_all_text(_generate("agreement", agreement_2024, "docx"))
    for needle in (
        _money(expected["subsidy"]), _money(expected["total_cost"]),
        agreement_2024.funder.siret, agreement_2024.beneficiary.siret,
        agreement_2024.funder_representative, agreement_2024.beneficiary_representative,
        "Vu ", "Préambule", "Article 2", "Article 3", "Article 4", "Article 5",
        "Article 6 – Résiliation", "Article 7 – Recours",
        "1er janvier 2024 au 31 décembre 2024", "1er avril 2025",
    ):  # fmt: skip
        assert needle in text, needle
    for label, target in expected["commitments"]:
        assert f"{label} : {target} " in text, label
    assert agreement_2024.articles == "" or agreement_2024.articles not in text

    update_agreement(agreement_2024, actor=system_user(), subsidy=Decimal("9500.00"))
    agreement_2024.refresh_from_db()
    convention = _docx_all_text(_generate("agreement", agreement_2024, "docx"))
    proposal = _docx_all_text(_generate("proposal", agreement_2024, "docx"))
    new, old = format_money(Decimal("9500.00")), _money(expected["subsidy"])
    assert f"subvention de {new} pour un coût total" in convention
    wording, checks = convention.split("Vérifications avant envoi (projet)")
    assert old not in wording
    # The draft lists what its checks found: the credit proposal no longer equals the subsidy.
    assert "Crédits du financeur : proposition = subvention" in checks
    assert f"Subvention demandée : {new}" in proposal
    html = _generate("agreement", agreement_2024, "html").decode()
    assert "Article 4" in html and format_money(Decimal("9500.00")) in html


def test_without_amounts_the_proposal_and_agreement_are_refused_and_previewed(
    agreement_2023, client_for, coordinator
):
    """The seeded 2023 agreement has no amount: generating its proposal or agreement is
    refused by a blocking check saying so; the preview shows "montant non connu"."""
    from ouverture.documents.base import DocumentError
    from ouverture.documents.models import Generation

    assert agreement_2023.subsidy is None and agreement_2023.forecast_cost is None
    for kind in ("proposal", "agreement"):
        for fmt in ("docx", "pdf"):
            with pytest.raises(DocumentError, match="Montants de la convention connus") as error:
                services.generate_now(kind, agreement_2023, fmt, actor=system_user())
            assert "Subvention, coût total : montant non connu" in str(error.value)
    assert not Generation.objects.filter(agreement=agreement_2023, status="done").exists()
    staff = client_for(coordinator)
    from django.urls import reverse

    for kind in ("proposal", "agreement"):
        page = staff.get(reverse("documents:preview", args=[kind, agreement_2023.pk]))
        assert page.status_code == 200, kind
        html = page.content.decode()
        assert "montant non connu" in html, kind
        assert "Montants de la convention connus" in html, kind
    convention = staff.get(reverse("documents:preview", args=["agreement", agreement_2023.pk]))
    assert "Participation aux réflexions du département : sans cible chiffrée" in (
        convention.content.decode()
    )

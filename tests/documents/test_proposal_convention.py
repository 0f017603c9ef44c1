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


def _article5(text):
    """The text from Article 5's heading to Article 6's."""
    return text.split("Article 5 – Versement et ajustement", 1)[1].split("Article 6", 1)[0]


def test_article_5_shows_the_seed_examples_computed_from_records(agreement_2024, seed_figures):
    """Both examples below the forecast cost, each subsidy computed from the agreement's
    recorded example and Article 4's amounts; in the DOCX, the PDF and the HTML preview."""
    from ouverture.agreements.services import set_pro_rata_examples

    expected = seed_figures["agreement_2024"]
    examples = [
        (realised, due)
        for realised, due in expected["pro_rata_examples"]
        if Decimal(realised) < Decimal(expected["total_cost"])
    ]
    assert len(examples) == 2
    assert [e.realised for e in agreement_2024.pro_rata_examples.in_order()] == [
        Decimal(realised) for realised, _due in examples
    ]
    docx = _article5(_docx_all_text(_generate("agreement", agreement_2024, "docx")))
    flat = lambda text: text.replace("\u202f", " ").replace("\xa0", " ")  # noqa: E731
    pdf = flat(_pdf_text(_generate("agreement", agreement_2024, "pdf")))
    html = _generate("agreement", agreement_2024, "html").decode()
    for realised, due in examples:
        sentence = (
            f"pour une dépense réalisée de {_money(realised)}, la subvention due serait de "
            f"{_money(due)}"
        )
        assert sentence in docx, sentence
        assert flat(_money(realised)) in pdf and flat(_money(due)) in pdf, realised
        assert sentence in html, sentence
    # The examples follow the records: another realised amount, another computed subsidy;
    # a changed subsidy changes every example.
    set_pro_rata_examples(agreement_2024, ["5 939,77"], actor=system_user())
    update_agreement(agreement_2024, actor=system_user(), subsidy=Decimal("9000.00"))
    agreement_2024.refresh_from_db()
    docx = _article5(_docx_all_text(_generate("agreement", agreement_2024, "docx")))
    assert (
        f"pour une dépense réalisée de {_money('5939.77')}, la subvention due serait de "
        f"{_money('4500.00')}" in docx
    )
    assert _money(examples[0][1]) not in docx and _money(examples[1][1]) not in docx


def test_article_5_examples_refuse_bad_amounts_and_write_nothing(agreement_2024):
    from django.core.exceptions import ValidationError

    from ouverture.agreements.services import set_pro_rata_examples

    before = list(agreement_2024.pro_rata_examples.values_list("realised", flat=True))
    for amounts, message in (
        (["10 000", "abc"], "Exemple n° 2 de l'article 5 : « abc » n'est pas un montant"),
        (["-5"], "Exemple n° 1 de l'article 5"),
        (["9000", "9 000,00"], "donné deux fois"),
        (["1"] * 6, "Au plus 5 exemples"),
    ):
        with pytest.raises(ValidationError, match=message):
            set_pro_rata_examples(agreement_2024, amounts, actor=system_user())
        assert list(agreement_2024.pro_rata_examples.values_list("realised", flat=True)) == before

"""With the source data loaded, `deliberations show 2024-401 --format json` gives back the
acceptance figures of deliberation_2024_401, and the content functions hold them."""

import io
import json
from decimal import Decimal

from django.core.management import call_command

from ouverture.agreements.models import Agreement
from ouverture.assemblies.content import commission_report_content, deliberation_content
from ouverture.assemblies.deliberations import check_citations
from ouverture.assemblies.models import Deliberation


def show(number):
    out = io.StringIO()
    call_command("deliberations", "show", number, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_show_reproduces_the_acceptance_figures(source_data, seed_figures):
    expected = seed_figures["deliberation_2024_401"]
    data = show("2024-401")
    for key in (
        "number", "date", "body", "present", "excused", "represented", "for", "against",
        "abstention", "adopted", "opinion", "present_without_vote", "excused_without_vote",
        "president", "secretary", "groups_for",
    ):  # fmt: skip
        assert data[key] == expected[key], key
    assert {k: data["imputation"][k] for k in expected["imputation"]} == expected["imputation"]
    assert [c["number"] for c in data["citations"]] == [c["number"] for c in expected["citations"]]
    for got, want in zip(data["citations"], expected["citations"], strict=True):
        if want["date"] is not None:
            assert got["date"] == want["date"]
        else:
            # One date per record; the note names the two the source writes.
            assert got["date"] == "2023-03-25" and "25/03/2023" in want["note"]
    # Totals equal present + represented.
    assert data["for"] + data["against"] + data["abstention"] + data["not_taking_part"] == (
        data["present"] + data["represented"]
    )
    assert sum(g["for"] for g in data["votes_by_group"]) == 44


def test_content_functions_hold_the_documents_figures(source_data, seed_figures):
    act = Deliberation.objects.get(number="2024-401")
    content = deliberation_content(act)
    assert len(content["presence"]["present"]) == 41
    assert content["presence"]["present"][0]["titled"] == "M. Jean-Claude LEROY"
    assert [p["giver"] for p in content["presence"]["proxies"]] == [
        "Caroline MATRAT", "Carole DUBOIS", "Stéphanie RIGAUX",
    ]  # fmt: skip
    assert [a["kind"] for a in content["articles"]] == ["grant", "authorisation", "imputation"]
    assert content["articles"][0]["amount"] == Decimal("9879.54")
    assert content["articles"][0]["beneficiary"] == "Lianes Coopération"
    assert content["result_label"] == "Adopté"
    assert [s["name"] for s in content["signatories"]] == [
        "Jean-Claude LEROY",
        "Maryline VINCLAIRE",
    ]
    assert content["agreements"] == ["CD62-LIANES-2024"]
    report = commission_report_content(act)
    budget = seed_figures["funder_budget_2024"]
    (row,) = report["credit_table"]
    assert row["operation"] == budget["operation"] and row["imputation"] == budget["imputation"]
    assert row["label"] == budget["label"]
    assert (row["cp"], row["available"], row["proposal"], row["balance"]) == tuple(
        Decimal(budget[k]) for k in ("credits", "available", "proposal", "balance")
    )
    assert report["report_number"] == "2" and report["amount"] == Decimal("9879.54")
    assert report["opinion"]["favourable"] and report["president"] == "Jean-Claude LEROY"
    # The agreement is linked and the credit committed.
    agreement = Agreement.objects.get(reference="CD62-LIANES-2024")
    assert [d.number for d in agreement.deliberations.all()] == ["2024-401"]
    (line,) = agreement.credit_lines.all()
    assert line.status == "committed" and line.operation.available_amount() == Decimal("0.00")
    # check_citations flags the source's other dates.
    agreement_text = (
        "Vu la délibération du Conseil départemental du 24 janvier 2022 « L'ouverture au monde » ;\n"
        "Vu la délibération de la Commission Permanente du 25 mars 2024 « L'ouverture » ;\n"
        "Vu la délibération de la Commission Permanente du 14 octobre 2024 « Soutien » ;"
    )
    problems = check_citations(agreement_text)
    assert len(problems) == 1
    assert "25 mars 2024" in problems[0] and "2023-125" in problems[0]
    report_text = "Dans la dynamique de l'adoption de la délibération du 23 janvier 2022, dédiée"
    (problem,) = check_citations(report_text)
    assert "2022-11" in problem and "24 janvier 2022" in problem
    act_text = "Vu la délibération n°2022-11 du Conseil départemental en date du 23/01/2022 « L' »"
    (problem,) = check_citations(act_text)
    assert "est du 24 janvier 2022" in problem
    assert check_citations("Vu la délibération n°2019-999 du 01/02/2019 ;") == [
        "« délibération n°2019-999 du 01/02/2019 » : la délibération n°2019-999 n'est pas "
        "enregistrée."
    ]
    assert check_citations("Vu la délibération n°2021-257 en date du 01/07/2021 ;") == []

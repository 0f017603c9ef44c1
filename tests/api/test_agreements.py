"""Agreements through the API: the list screen's, and one agreement as its page shows it
(AgreementOverview: budget, financing plan, execution, commitments with their figures)."""

import datetime as dt
from decimal import Decimal

from ouverture.accounts.enums import Role
from ouverture.agreements import services
from ouverture.agreements.overview import AgreementOverview
from tests.agreements.factories import expense, make_agreement
from tests.api.test_coaching import query_counts
from tests.organisations.factories import OrganisationFactory

AGREEMENTS = "/api/v1/conventions/"


def test_the_detail_is_the_page_s_overview(api_for, staff, db, actor):
    agreement = make_agreement(status="signed")
    commitment = services.add_commitment(
        agreement, actor=actor, label="Ateliers", target=2, unit="atelier",
        measure_kind="manual", manual_value=Decimal("1"), evidence_url="https://example.org/preuve",
    )  # fmt: skip
    expense(agreement, "500.00")
    body = api_for(staff).get(f"{AGREEMENTS}{agreement.pk}/").json()
    overview = AgreementOverview(agreement)
    assert body["reference"] == agreement.reference
    assert body["subsidy"] == "8000.00" and body["total_cost"] == "10000.00"
    assert [line["total"] for line in body["budget_lines"]] == [
        str(line.total) for line in overview.lines
    ]
    assert body["execution"]["realised"] == "500.00" == str(overview.realised)
    assert set(body["revenues"]) == {row.label for row in overview.revenue_shares.rows}
    (row,) = body["commitments"]
    assert row["id"] == commitment.pk and row["target"] == "2" and row["realised"] == "1"
    figure = row["figure"]
    assert (figure["label"], figure["unit"], figure["value"]) == ("Ateliers", "atelier", "1")
    assert figure["rows"] == [
        {
            "label": "Justificatif (lien)",
            "date": None,
            "detail": "",
            "url": "https://example.org/preuve",
        }
    ]
    assert figure["period"] == [str(commitment.period_start), str(commitment.period_end)]


def test_budget_lines_carry_the_id_an_expense_names(api_for, staff, finance_manager, db):
    """The expense write takes `budget_line`: the detail must give it, or no client can
    record an expense without reading the database."""
    agreement = make_agreement(status="signed")
    body = api_for(staff).get(f"{AGREEMENTS}{agreement.pk}/").json()
    overview = AgreementOverview(agreement)
    assert [line["id"] for line in body["budget_lines"]] == [line.pk for line in overview.lines]
    assert [row["budget_line"] for row in body["execution"]["by_line"]] == [
        line.pk for line in overview.lines
    ]
    line = body["budget_lines"][0]
    category = next(iter(line["categories"]))
    response = api_for(finance_manager).send(
        "post",
        f"{AGREEMENTS}{agreement.pk}/depenses/",
        {"budget_line": line["id"], "date": str(agreement.eligibility_start),
         "supplier": "Salaires", "amount": "10.00", "category": category},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["budget_line"] == line["id"]


def test_holders_reach_no_agreement(api_for, holder, db):
    agreement = make_agreement()
    api = api_for(holder)
    assert api.get(AGREEMENTS).status_code == 403
    other = api.get(f"{AGREEMENTS}{agreement.pk}/")
    assert other.status_code == 404 and agreement.reference not in other.content.decode()


def test_a_funder_officer_reaches_its_funder_s_agreements_only(
    api_for, funder_officer, make_user, db
):
    ours = make_agreement()
    other = OrganisationFactory(name="Région financeuse", representative_name="Présidence")
    theirs = make_agreement(funder=other, beneficiary=ours.beneficiary)
    default = api_for(funder_officer)  # no structure: the default funder's
    assert [r["reference"] for r in default.get(AGREEMENTS).json()["resultats"]] == [ours.reference]
    assert default.get(f"{AGREEMENTS}{theirs.pk}/").status_code == 404
    elsewhere = api_for(make_user(Role.FUNDER_OFFICER, organisation=other))
    assert [r["reference"] for r in elsewhere.get(AGREEMENTS).json()["resultats"]] == [
        theirs.reference
    ]
    refused = elsewhere.get(f"{AGREEMENTS}{ours.pk}/")
    assert refused.status_code == 404 and ours.reference not in refused.content.decode()
    assert elsewhere.get(f"{AGREEMENTS}{theirs.pk}/").status_code == 200


def test_filters_and_query_count(api_for, funder_officer, db):
    for year in (2023, 2024, 2024, 2024, 2025):
        make_agreement(year=year, action_start=dt.date(year, 1, 1), action_end=dt.date(year, 12, 31),
                       eligibility_start=dt.date(year, 1, 1), eligibility_end=dt.date(year, 12, 31),
                       report_due=dt.date(year + 1, 4, 1))  # fmt: skip
    api = api_for(funder_officer)
    assert api.get(AGREEMENTS, {"year": 2024}).json()["nombre"] == 3
    assert api.get(AGREEMENTS, {"year": "vingt"}).status_code == 400
    years = [r["year"] for r in api.get(AGREEMENTS).json()["resultats"]]
    assert years == sorted(years, reverse=True)
    counts = query_counts(api, AGREEMENTS, sizes=(2, 5))
    assert counts[0] == counts[1]


def test_the_2024_agreement_of_the_source_document(source_data, seed_figures, api_for, staff):
    from ouverture.agreements.models import Agreement

    expected = seed_figures["agreement_2024"]
    agreement = Agreement.objects.get(reference="CD62-LIANES-2024")
    body = api_for(staff).get(f"{AGREEMENTS}{agreement.pk}/").json()
    assert body["subsidy"] == expected["subsidy"] and body["total_cost"] == expected["total_cost"]
    assert body["period"] == expected["period"] and body["report_due"] == expected["report_due"]
    assert [
        [
            line["label"],
            int(Decimal(line["quantity"])),
            line["unit"],
            line["unit_cost"],
            line["total"],
        ]
        for line in body["budget_lines"]
    ] == expected["budget_lines"]
    assert {
        k: [v["amount"], int(v["percent"])] for k, v in body["expenses_by_category"].items()
    } == (expected["expenses_by_category"])
    assert {k: [v["amount"], int(v["percent"])] for k, v in body["revenues"].items()} == (
        expected["revenues"]
    )

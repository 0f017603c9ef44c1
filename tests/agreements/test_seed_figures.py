"""With the source document loaded, every figure of `agreement_2024` and `funder_budget_2024`
is computed from the records and compared with the acceptance figures."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from ouverture.agreements.enums import AgreementStatus
from ouverture.agreements.hooks import reference_text
from ouverture.agreements.models import Agreement, BudgetOperation
from ouverture.agreements.overview import AgreementOverview
from ouverture.core.formats import round_half_up

D = Decimal


@pytest.fixture
def overview(source_data):
    return AgreementOverview(Agreement.objects.with_parties().get(reference="CD62-LIANES-2024"))


@pytest.fixture
def figures(seed_figures):
    return seed_figures["agreement_2024"]


def test_terms_and_dates(overview, figures):
    a = overview.agreement
    assert a.subsidy == D(figures["subsidy"])
    assert a.forecast_cost == D(figures["total_cost"])
    assert [a.action_start.isoformat(), a.action_end.isoformat()] == figures["period"]
    assert [a.eligibility_start.isoformat(), a.eligibility_end.isoformat()] == figures["period"]
    assert a.report_due.isoformat() == figures["report_due"]
    assert a.funder.siret and a.beneficiary.siret
    assert a.funder_representative and a.beneficiary_representative
    assert reference_text(a) == (
        "Commission Permanente du 14 octobre 2024, délibération n°2024-401"
    )  # read from the act's record, never typed on the agreement
    assert a.status == AgreementStatus.DRAFT


def test_budget_lines_total_and_unit_costs(overview, figures):
    got = [
        [line.label, int(line.quantity), line.unit, str(line.unit_cost), str(line.total)]
        for line in overview.lines
    ]
    assert got == figures["budget_lines"]
    assert overview.budget_total == D(figures["total_cost"])


def test_the_four_rounding_gaps(overview, figures):
    gaps = {line.label: str(line.rounding_gap) for line in overview.lines if line.rounding_gap}
    assert gaps == figures["unit_cost_rounding_gaps"]


def test_expenses_by_category_and_their_percentages(overview, figures):
    got = {
        row.key: [str(row.amount), int(row.percent_rounded)] for row in overview.expense_shares.rows
    }
    assert got == figures["expenses_by_category"]
    # The document's percentages add to 101: the page says so.
    assert overview.expense_shares.rounded_sum == 101
    assert "101" in overview.expense_shares.rounding_note


def test_pam_tools_line_is_split_staff_and_external(overview):
    tools = next(line for line in overview.lines if line.label == "Développement d'outils PAM")
    assert tools.split_amounts() == {"staff": D("2000.00"), "external_services": D("1400.00")}


def test_revenues_by_funder(overview, figures):
    got = {
        row.label: [str(row.amount), int(row.percent_rounded)]
        for row in overview.revenue_shares.rows
    }
    assert got == figures["revenues"]
    assert overview.revenue_shares.total == overview.budget_total
    assert overview.revenue_shares.rounding_note == ""


def test_beneficiary_budget_and_shares(overview, figures):
    expected = figures["beneficiary_budget"]
    shares = overview.beneficiary_shares
    assert shares["revenues"] == D(expected["revenues"])
    assert shares["expenses"] == D(expected["expenses"])
    assert shares["result"] == D(expected["result"])
    assert str(round_half_up(shares["subsidy_share"], 1)) == expected["subsidy_share_percent"]
    assert str(round_half_up(shares["programme_share"], 1)) == expected["programme_share_percent"]
    assert shares["programme_result"] == 0


def test_pro_rata_examples(overview, figures):
    for realised, due in figures["pro_rata_examples"]:
        assert overview.subsidy_due_for(D(realised)) == D(due), realised


def test_commitments_and_targets(overview, figures):
    got = [[p.commitment.label, p.target and int(p.target)] for p in overview.commitments]
    assert got[: len(figures["commitments"])] == figures["commitments"]
    assert len(got) == 8
    assert all(p.commitment.unit for p in overview.commitments)
    by_label = {p.commitment.label: p.commitment for p in overview.commitments}
    collective = by_label["Temps d'accompagnement collectif (bilan des lauréats 2024)"]
    assert collective.indicator_code == "events.workshops_held"
    assert collective.indicator_params == {"kind": "follow_up_evaluation"}
    assert by_label["Outils pour les modules du PAM"].measure_kind == "deliverables"
    twinnings = by_label["Mise à jour de la base des jumelages"]
    assert twinnings.indicator_code == "twinnings.agreements_verified"
    meetings = by_label["Participation aux réflexions sur les dispositifs du Département"]
    assert (meetings.indicator_code, meetings.target) == ("liaison.funder_meetings", None)
    assert by_label["Appuis-conseils"].indicator_params["kind"] == "advice"


def test_funder_credits_available_proposal_and_balance(overview, seed_figures):
    expected = seed_figures["funder_budget_2024"]
    credit = overview.credit_line
    assert credit.operation.code == expected["operation"]
    assert credit.operation.imputation == expected["imputation"]
    assert credit.operation.label == expected["label"]
    assert str(credit.credits) == expected["credits"]
    assert str(credit.available) == expected["available"]
    assert str(credit.proposal) == expected["proposal"]
    assert str(credit.balance) == expected["balance"]
    operation = BudgetOperation.objects.with_credit().get(code=expected["operation"])
    assert operation.available == D(expected["balance"])  # everything is now reserved


def test_consistency_checks_flag_the_four_gaps_and_nothing_to_correct(overview):
    levels = [c.level for c in overview.checks]
    assert [c.code for c in overview.checks if c.level == "warn" and c.code == "unit_cost"] == [
        "unit_cost"
    ] * 4
    assert "ko" not in levels
    # The document checks: the expense shares rounded to 69 + 2 + 12 + 18 = 101 % are flagged,
    # and the unit-cost column is never summed as a total (its sum, 9 346,55 €, means nothing).
    (rounding,) = [c for c in overview.checks if c.code == "rounded_percentages"]
    assert rounding.level == "warn" and "101" in rounding.detail
    (unit_sum,) = [c for c in overview.checks if c.code == "unit_cost_sum"]
    assert "9\xa0346,5" in unit_sum.detail  # the source prints 9 346,55 (unrounded costs)


def test_show_command_json_carries_the_same_figures(source_data, figures, seed_figures):
    out = io.StringIO()
    call_command("agreement", "show", "CD62-LIANES-2024", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["subsidy"] == figures["subsidy"]
    assert data["total_cost"] == figures["total_cost"]
    assert [
        [b["label"], int(b["quantity"]), b["unit"], b["unit_cost"], b["total"]]
        for b in data["budget_lines"]
    ] == figures["budget_lines"]
    assert {
        b["label"]: b["rounding_gap"] for b in data["budget_lines"] if b["rounding_gap"] != "0.00"
    } == figures["unit_cost_rounding_gaps"]
    assert {
        k: [v["amount"], int(v["percent"])] for k, v in data["expenses_by_category"].items()
    } == figures["expenses_by_category"]
    assert {k: [v["amount"], int(v["percent"])] for k, v in data["revenues"].items()} == figures[
        "revenues"
    ]
    beneficiary = {k: data["beneficiary_budget"][k] for k in figures["beneficiary_budget"]}
    assert beneficiary == figures["beneficiary_budget"]
    assert [[c["label"], c["target"] and int(c["target"])] for c in data["commitments"]][
        :6
    ] == figures["commitments"]
    assert all({"label", "unit", "target", "realised"} <= set(c) for c in data["commitments"])
    funder = seed_figures["funder_budget_2024"]
    assert {k: data["funder_budget"][k] for k in funder} == funder


def test_loading_twice_changes_nothing(source_data):
    from ouverture.agreements.models import BudgetLine, CreditCommitment

    counts = (
        Agreement.objects.count(),
        BudgetLine.objects.count(),
        CreditCommitment.objects.count(),
    )
    call_command("load_source_data", stdout=io.StringIO())
    assert counts == (
        Agreement.objects.count(),
        BudgetLine.objects.count(),
        CreditCommitment.objects.count(),
    )

"""The agreement as data for `ouverture agreement show|list|prorata --format json`.

Amounts are decimal strings with two places ("1234.50"); quantities and targets are decimal
strings without trailing zeros ("8"); percentages are given rounded as the document quotes
them ("percent") and exact to four places ("percent_exact").
"""

from decimal import Decimal

from ouverture.agreements import finance
from ouverture.core.formats import round_cents, round_half_up


def money(value):
    return None if value is None else str(round_cents(value))


def quantity(value):
    if value is None:
        return None
    value = Decimal(value)
    return (
        str(value.quantize(Decimal(1)))
        if value == value.to_integral_value()
        else str(value.normalize())
    )


def pct(value, places=0):
    return None if value is None else str(round_half_up(value, places))


def pct_exact(value):
    return None if value is None else str(round_half_up(value, 4))


def _party(organisation, representative, title):
    return {
        "name": organisation.name,
        "siret": organisation.siret,
        "representative": representative,
        "representative_title": title,
    }


def _shares(shares):
    return {
        row.label: {
            "amount": money(row.amount),
            "percent": pct(row.percent),
            "percent_exact": pct_exact(row.percent),
        }
        for row in shares.rows
    }


def summary(agreement):
    return {
        "reference": agreement.reference,
        "beneficiary": agreement.beneficiary.name,
        "funder": agreement.funder.name,
        "year": agreement.year,
        "subsidy": money(agreement.subsidy),
        "status": agreement.status,
    }


def prorata(overview, realised):
    a = overview.agreement
    return {
        "reference": a.reference,
        "subsidy": money(a.subsidy),
        "forecast_cost": money(a.forecast_cost),
        "realised": money(realised),
        "execution_rate_percent": pct_exact(finance.execution_rate(realised, a.forecast_cost)),
        "subsidy_due": money(overview.subsidy_due_for(realised)),
    }


def detail(overview):
    a = overview.agreement
    categories = overview.expense_shares
    revenues = overview.revenue_shares
    shares = overview.beneficiary_shares
    credit = overview.credit_line
    return {
        "reference": a.reference,
        "title": a.title,
        "status": a.status,
        "status_label": a.get_status_display(),
        "year": a.year,
        "funder": _party(a.funder, a.funder_representative, a.funder_representative_title),
        "beneficiary": _party(
            a.beneficiary, a.beneficiary_representative, a.beneficiary_representative_title
        ),
        "deliberation": overview.deliberation_text,
        "deliberations": [{"number": act.number, "date": act.date} for act in overview.acts],
        "period": [a.action_start, a.action_end],
        "eligibility_period": [a.eligibility_start, a.eligibility_end],
        "report_due": a.report_due,
        "signed_on": a.signed_on,
        "subsidy": money(a.subsidy),
        "total_cost": money(a.forecast_cost),
        "budget_lines": [
            {
                "label": line.label,
                "quantity": quantity(line.quantity),
                "unit": line.unit,
                "unit_cost": money(line.unit_cost),
                "total": money(line.total),
                "rounding_gap": money(line.rounding_gap),
                "categories": {c: money(v) for c, v in line.split_amounts().items()},
            }
            for line in overview.lines
        ],
        "budget_total": money(overview.budget_total),
        "expenses_by_category": {
            row.key: {
                "label": row.label,
                "amount": money(row.amount),
                "percent": pct(row.percent),
                "percent_exact": pct_exact(row.percent),
            }
            for row in categories.rows
        },
        "expenses_rounding_note": categories.rounding_note,
        "revenues": _shares(revenues),
        "revenues_rounding_note": revenues.rounding_note,
        "beneficiary_budget": None
        if shares is None
        else {
            "year": shares["year"],
            "revenues": money(shares["revenues"]),
            "expenses": money(shares["expenses"]),
            "result": money(shares["result"]),
            "subsidy_share_percent": pct(shares["subsidy_share"], 1),
            "programme_share_percent": pct(shares["programme_share"], 1),
            "programme_result": money(shares["programme_result"]),
        },
        "commitments": [
            {
                "label": p.commitment.label,
                "unit": p.commitment.unit,
                "target": quantity(p.target),
                "realised": quantity(p.value),
                "percent": pct(p.percent),
                "state": p.state,
                "measure": p.commitment.measure_kind,
                "indicator": p.commitment.indicator_code or None,
                "params": p.commitment.indicator_params or {},
                "params_text": p.params_text,
                "target_text": p.target_text,
                "available": p.available,
            }
            for p in overview.commitments
        ],
        "execution": {
            "realised": money(overview.realised),
            "rate_percent": pct_exact(overview.execution_rate),
            "by_line": [
                {
                    "label": row.line.label,
                    "planned": money(row.planned),
                    "spent": money(row.spent),
                    "rate_percent": pct_exact(row.rate),
                }
                for row in overview.line_execution
            ],
            "by_category": {
                row["category"]: {
                    "planned": money(row["planned"]),
                    "spent": money(row["spent"]),
                    "rate_percent": pct_exact(row["rate"]),
                }
                for row in overview.category_execution
            },
        },
        "settlement": {
            "subsidy_due": money(overview.subsidy_due),
            "paid": money(overview.paid),
            "left_to_pay": money(overview.left_to_pay),
        },
        "funder_budget": None
        if credit is None
        else {
            "operation": credit.operation.code,
            "imputation": credit.operation.imputation,
            "label": credit.operation.label,
            "year": credit.operation.year,
            "credits": money(credit.credits),
            "available": money(credit.available),
            "proposal": money(credit.proposal),
            "balance": money(credit.balance),
        },
        "checks": [
            {"code": c.code, "label": c.label, "level": c.level, "detail": c.detail}
            for c in overview.checks
        ],
    }

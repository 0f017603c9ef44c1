"""The arithmetic of the money: unit costs from totals, rounding gaps, pro rata, shares."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ouverture.agreements import finance

D = Decimal


@pytest.mark.parametrize(
    "total,quantity,unit_cost,gap",
    [
        ("1066.52", 8, "133.32", "0.04"),  # 1066.52 / 8 = 133.315 -> half-up 133.32
        ("399.95", 6, "66.66", "0.01"),
        ("1088.74", 7, "155.53", "-0.03"),
        ("444.38", 4, "111.10", "0.02"),  # 111.095 -> half-up 111.10
        ("866.55", 1, "866.55", "0.00"),
    ],
)
def test_unit_cost_is_derived_from_the_total_and_the_gap_is_shown(total, quantity, unit_cost, gap):
    assert finance.rounded_unit_cost(D(total), D(quantity)) == D(unit_cost)
    assert finance.rounding_gap(D(total), D(quantity)) == D(gap)


@pytest.mark.parametrize(
    "realised,due",
    [
        ("0", "0.00"),
        ("5000", "4000.00"),
        ("10000", "8000.00"),
        ("12000", "8000.00"),
        ("3333.33", "2666.66"),
    ],
)
def test_pro_rata_caps_at_the_subsidy_and_rounds_half_up(realised, due):
    assert finance.pro_rata(D("8000"), D("10000"), D(realised)) == D(due)


def test_pro_rata_half_up_on_the_cent():
    # 1 × 1.125 / 1 ... a value exactly on the half cent rounds up.
    assert finance.pro_rata(D("2.25"), D("2"), D("1")) == D("1.13")


def test_pro_rata_refuses_nonsense():
    with pytest.raises(ValueError):
        finance.pro_rata(D("1"), D("0"), D("1"))
    with pytest.raises(ValueError):
        finance.pro_rata(D("1"), D("10"), D("-1"))


def cents(low, high):
    """Amounts in euros with two decimals, drawn as whole cents (cheap to generate and shrink)."""
    return st.integers(min_value=low, max_value=high).map(lambda c: D(c).scaleb(-2))


money = cents(1, 100_000_000)


@given(subsidy=money, forecast=money, realised=cents(0, 200_000_000))
def test_pro_rata_never_exceeds_the_subsidy_and_grows_with_spending(subsidy, forecast, realised):
    due = finance.pro_rata(subsidy, forecast, realised)
    assert D(0) <= due <= subsidy
    assert finance.pro_rata(subsidy, forecast, realised + D("100")) >= due


def test_shares_say_when_rounded_percentages_do_not_add_to_100():
    shares = finance.shares(
        [
            ("a", "A", D("8139.54")),
            ("b", "B", D("200")),
            ("c", "C", D("1400")),
            ("d", "D", D("2140")),
        ]
    )
    assert [r.percent_rounded for r in shares.rows] == [69, 2, 12, 18]
    assert shares.rounded_sum == 101
    assert "101" in shares.rounding_note
    balanced = finance.shares([("a", "A", D("9879.54")), ("b", "B", D("2000"))])
    assert [r.percent_rounded for r in balanced.rows] == [83, 17]
    assert balanced.rounding_note == ""


def test_the_rounding_note_keeps_percent_signs_with_their_figures():
    """A no-break space before every "%": the sign never starts a line."""
    note = finance.shares(
        [
            ("a", "A", D("8139.54")),
            ("b", "B", D("200")),
            ("c", "C", D("1400")),
            ("d", "D", D("2140")),
        ]
    ).rounding_note
    assert note.endswith("font bien 100\u00a0%.")
    assert " %" not in note

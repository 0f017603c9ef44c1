from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ouverture.core import formats

NBSP = "\u00a0"


def test_money_is_written_the_french_way():
    assert formats.format_money(Decimal("9879.54")) == f"9{NBSP}879,54{NBSP}€"
    assert formats.format_money(Decimal("-40445")) == f"-40{NBSP}445,00{NBSP}€"
    assert formats.format_money(Decimal("0.005")) == f"0,01{NBSP}€"  # half-up, not banker's


def test_round_cents_is_half_up():
    assert formats.round_cents(Decimal("8316.425")) == Decimal("8316.43")
    assert formats.round_cents(Decimal("2.675")) == Decimal("2.68")


def test_dates_are_written_in_french():
    import datetime as dt

    assert formats.format_date(dt.date(2024, 10, 14)) == "14 octobre 2024"
    assert formats.format_date(dt.date(2025, 4, 1)) == "1er avril 2025"


@pytest.mark.parametrize(
    "text,minutes",
    [
        ("3h30", 210),
        ("2h", 120),
        ("2", 120),
        ("1h45", 105),
        ("90 min", 90),
        ("1,5", 90),
        (" 5H ", 300),
        ("45min", 45),
    ],
)
def test_durations_as_the_source_document_writes_them(text, minutes):
    assert formats.parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["-1h", "25h30", "abc", "", "1h75", "0", "0h"])
def test_nonsense_durations_are_refused_with_a_french_message(text):
    with pytest.raises(ValueError) as error:
        formats.parse_duration(text)
    assert "urée" in str(error.value)


@given(st.integers(min_value=1, max_value=24 * 60))
def test_duration_round_trips(minutes):
    assert formats.parse_duration(formats.format_hours(minutes)) == minutes


def test_hours_written_like_the_recap():
    assert formats.format_hours(210) == "3h30"
    assert formats.format_hours(120) == "2h"
    assert formats.hours_decimal(2940) == Decimal("49.0")


@pytest.mark.parametrize(
    "text,value",
    [
        ("9 879,54", "9879.54"),
        (f"9{NBSP}879,54", "9879.54"),
        ("9\u202f879,54 €", "9879.54"),
        ("9879.54", "9879.54"),
        ("200", "200"),
    ],
)
def test_amounts_typed_the_french_way_are_read(text, value):
    assert formats.parse_decimal_fr(text) == Decimal(value)


@pytest.mark.parametrize("text", ["-5", "1,234", "12,345", "abc", "1.2.3", "NaN"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValueError):
        formats.parse_decimal_fr(text)


def test_percent_is_exact_until_displayed():
    share = formats.percent(Decimal("8139.54"), Decimal("11879.54"))
    assert share != Decimal("69")
    assert formats.format_percent(share) == f"69{NBSP}%"


def test_moments_are_written_in_french_in_the_local_time_zone():
    """A moment reads '1er janvier 2025 à 00:30' on screen: its Paris day and hour, not UTC's."""
    import datetime as dt

    from django.template import Context, Template

    moment = dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.UTC)  # 00:30 in Paris
    rendered = Template("{{ m|datetime_fr }}|{{ m|date_fr }}|{{ none|datetime_fr }}").render(
        Context({"m": moment, "none": None})
    )
    assert rendered == "1er janvier 2025 à 00:30|1er janvier 2025|"

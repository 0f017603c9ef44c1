"""The list's fast conversions give, for every value, the text DRF's own field gives."""

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_framework import serializers

from ouverture.api.conventions import FieldReuse

UTC = dt.UTC


class Sample(serializers.Serializer):
    at = serializers.DateTimeField()
    at_india = serializers.DateTimeField(default_timezone=zoneinfo.ZoneInfo("Asia/Kolkata"))
    at_utc = serializers.DateTimeField(default_timezone=UTC)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


# Around the two changes of time of 2024 in Paris, and anywhere in a century.
near_changes = st.sampled_from(
    [dt.datetime(2024, 3, 31, 1, tzinfo=UTC), dt.datetime(2024, 10, 27, 1, tzinfo=UTC)]
).flatmap(
    lambda change: st.integers(-7200 * 10**6, 7200 * 10**6).map(
        lambda micro: change + dt.timedelta(microseconds=micro)
    )
)
anywhere = st.datetimes(
    min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2060, 1, 1), timezones=st.just(UTC)
)


@pytest.mark.parametrize("name", ["at", "at_india", "at_utc"])
@given(values=st.lists(near_changes | anywhere, min_size=1, max_size=20))
def test_a_page_of_timestamps_reads_as_drf_writes_them(name, values):
    convert = FieldReuse.datetime(Sample, name)
    field = Sample().fields[name]
    for value in values:  # one converter for the page: its cache of hours is shared
        expected = field.to_representation(value)
        assert convert(value) == expected
        assert convert(value.replace(tzinfo=None)) == expected  # SQLite: naive, in UTC
        assert convert(str(value.replace(tzinfo=None))) == expected  # SQLite's text
        assert convert(value.astimezone(zoneinfo.ZoneInfo("America/St_Johns"))) == expected
    # A page's column at once: the same texts, nulls kept.
    expected = [field.to_representation(v) for v in values]
    naive = [v.replace(tzinfo=None) for v in values]
    column = [*values, None, *naive, *map(str, naive)]
    assert convert.many(column) == [*expected, None, *expected, *expected]


def test_the_hour_that_repeats_in_october_keeps_both_offsets():
    convert = FieldReuse.datetime(Sample, "at")
    before = dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    after = dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    assert convert(before) == "2024-10-27T02:30:00+02:00"
    assert convert(after) == "2024-10-27T02:30:00+01:00"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
    | st.integers(-(10**9), 10**9)
    | st.decimals(min_value=0, max_value=10**6, places=2).map(float)
)
def test_amounts_read_as_drf_writes_them(value):
    assert FieldReuse.decimal(Sample, "amount")(value) == Sample().fields[
        "amount"
    ].to_representation(value)


def json_values(*numbers):
    return st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**70), 2**70)
        | st.text()
        | st.datetimes(timezones=st.just(UTC))
        | st.dates()
        | st.one_of(*numbers),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8) | st.integers(-9, 9), children, max_size=4)
        ),
        max_leaves=20,
    )


@given(json_values(st.nothing()))
def test_the_api_s_json_is_drf_s_json_byte_for_byte(data):
    from rest_framework.renderers import JSONRenderer as DRFRenderer

    from ouverture.api.conventions import JSONRenderer

    assert JSONRenderer().render(data) == DRFRenderer().render(data)


@given(
    json_values(
        st.floats(allow_nan=False, allow_infinity=False),
        st.decimals(allow_nan=False, allow_infinity=False),
    )
)
def test_numbers_may_be_written_otherwise_but_read_the_same(data):
    """A float's notation may differ ("1e16" / "1e+16"): its value does not."""
    import json

    from rest_framework.renderers import JSONRenderer as DRFRenderer

    from ouverture.api.conventions import JSONRenderer

    ours, drf = JSONRenderer().render(data), DRFRenderer().render(data)
    assert (json.loads(ours) if ours else None) == (json.loads(drf) if drf else None)


def test_lazy_texts_and_line_separators_are_written_as_drf_writes_them():
    from django.utils.translation import gettext_lazy
    from rest_framework.renderers import JSONRenderer as DRFRenderer

    from ouverture.api.conventions import JSONRenderer

    data = {"message": gettext_lazy("Requête refusée"), "texte": "a\u2028b\u2029c"}
    assert JSONRenderer().render(data) == DRFRenderer().render(data)
    assert b"\\u2028" in JSONRenderer().render(data)
    indented = JSONRenderer().render(data, "application/json; indent=2")
    assert indented == DRFRenderer().render(data, "application/json; indent=2")

"""Personal links: opaque (no readable id), signed, expiring."""

import base64
import datetime as dt
import json
import struct

import pytest
from django.core import signing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ouverture.core.links import LinkExpired, LinkInvalid, make_token, read_token

TODAY = dt.date(2026, 12, 1)


def test_round_trip_until_the_expiry_day():
    token = make_token("test", [42, 7], TODAY)
    assert read_token("test", token, today=TODAY) == (42, 7)
    with pytest.raises(LinkExpired, match="expiré"):
        read_token("test", token, today=TODAY + dt.timedelta(days=1))


def test_no_readable_id_and_two_links_differ():
    first, second = make_token("test", [42], TODAY), make_token("test", [42], TODAY)
    assert first != second
    raw = base64.urlsafe_b64decode(first.split(":")[0] + "==")
    assert struct.pack(">q", 42) not in raw
    with pytest.raises(signing.BadSignature):
        signing.loads(first)
    with pytest.raises(ValueError):
        json.loads(raw)


@pytest.mark.parametrize("token", ["", "abc", "abc:def", None, "é:é"])
def test_garbage_is_invalid(token):
    with pytest.raises(LinkInvalid, match="pas valide"):
        read_token("test", token, today=TODAY)


def test_another_purpose_or_an_altered_link_is_invalid():
    token = make_token("test", [42], TODAY)
    with pytest.raises(LinkInvalid):
        read_token("other", token, today=TODAY)
    value, signature = token.split(":")
    altered = ("A" if value[0] != "A" else "B") + value[1:] + ":" + signature
    with pytest.raises(LinkInvalid):
        read_token("test", altered, today=TODAY)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=2**62), min_size=1, max_size=4))
def test_any_ids_come_back(numbers):
    assert read_token("test", make_token("test", numbers, TODAY), today=TODAY) == tuple(numbers)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_text_is_refused_cleanly(text):
    with pytest.raises(LinkInvalid):
        read_token("test", text, today=TODAY)

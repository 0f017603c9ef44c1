"""Integer parameters typed in an address are bounded in one place: never a 500
(finding 8 of issue 9), and the refused credit status change that was one."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ouverture.agreements import services
from ouverture.agreements.enums import CreditStatus
from ouverture.agreements.models import CreditCommitment
from ouverture.core.params import INT_MAX, bounded_int, int_param
from tests.agreements.factories import make_agreement

HUGE = "9" * 30


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (" 7 ", 7), ("0", 0), ("", None), (None, None), ("abc", None), ("²", None),
     ("١٢", None), ("-1", None), (HUGE, None), (str(INT_MAX + 1), None), ("1e3", None)],
)  # fmt: skip
def test_bounded_int(raw, expected):
    assert bounded_int(raw) == expected


def test_bounds_and_default():
    assert int_param({"m": "241"}, "m", 12, maximum=240) == 12
    assert int_param({"m": "240"}, "m", 12, maximum=240) == 240
    assert int_param({"m": "-3"}, "m", minimum=-5) == -3
    assert int_param({}, "m", 12) == 12


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_any_text_gives_an_int_inside_the_bounds_or_the_default(raw):
    value = bounded_int(raw, "défaut", minimum=-10, maximum=10**6)
    assert value == "défaut" or (isinstance(value, int) and -10 <= value <= 10**6)


@pytest.mark.django_db
@pytest.mark.parametrize("months", [HUGE, "-1", "241", "douze", "²"])
def test_stale_months_out_of_bounds_is_a_message_not_a_500(client_for, staff, months):
    client = client_for(staff)
    response = client.get(reverse("twinnings:campaign_candidates"), {"stale_months": months})
    assert response.status_code == 200
    assert "Indiquez un nombre de mois entre 0 et 240." in response.content.decode()
    response = client.get(reverse("twinnings:campaigns"), {"stale_months": months})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "²", str(INT_MAX + 1)])
def test_integer_filters_in_addresses_never_fail(client_for, finance_manager, staff, value):
    agreement = make_agreement()
    client = client_for(finance_manager)
    for url, name in [
        (reverse("agreements:list"), "year"),
        (reverse("agreements:operations"), "year"),
        (reverse("agreements:expenses", args=[agreement.pk]), "ligne"),
        (reverse("agreements:expense_create", args=[agreement.pk]), "ligne"),
        (reverse("events:trainings_export", args=["csv"]), "year"),
    ]:
        assert client.get(url, {name: value}).status_code == 200, url
    staff_client = client_for(staff)
    response = staff_client.get(reverse("coaching:log_contact"), {"organisation": value})
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["inconnu", CreditStatus.PROPOSED])
def test_a_refused_credit_status_change_is_a_message(client_for, funder_officer, status):
    agreement = make_agreement()
    operation = services.create_operation(
        actor=None, funder=agreement.funder, year=2024, code="C05-043A06",
        imputation="65748//93043", label="Actions", credits="10000",
    )  # fmt: skip
    first = services.reserve_credit(operation, actor=None, amount="10000", label="A")
    services.set_credit_status(first, actor=None, status=CreditStatus.CANCELLED)
    services.reserve_credit(operation, actor=None, amount="5000", label="B")
    client = client_for(funder_officer)
    response = client.post(reverse("agreements:credit_status", args=[first.pk]), {"status": status})
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert ("inconnu" in message) if status == "inconnu" else ("crédit disponible" in message)
    assert CreditCommitment.objects.get(pk=first.pk).status == CreditStatus.CANCELLED

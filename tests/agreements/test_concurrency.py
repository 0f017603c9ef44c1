"""Two payments at once never exceed the subsidy (issue 9, concurrency)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ouverture.accounts.services import system_user
from ouverture.agreements import services
from ouverture.agreements.enums import AgreementStatus, PaymentKind
from ouverture.agreements.models import Payment
from tests.agreements.factories import make_agreement
from tests.concurrency import postgresql_only, race


def _pay(agreement, amount):
    return services.record_payment(
        agreement, actor=system_user(), kind=PaymentKind.ADVANCE, date=dt.date(2024, 2, 1),
        amount=amount,
    )  # fmt: skip


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_payment_above_what_is_left_is_refused_while_another_is_recorded():
    agreement = make_agreement(status=AgreementStatus.RUNNING)  # subsidy 8 000
    first, second = race(lambda: _pay(agreement, "5000"), lambda: _pay(agreement, "5000"))
    assert isinstance(first, Payment)
    assert isinstance(second, ValidationError) and "dépasserait la subvention" in str(second)
    assert agreement.payments.net_paid() == Decimal("5000.00")

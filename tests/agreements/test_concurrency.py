"""Two payments at once never exceed the subsidy (issue 9, concurrency)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ouverture.accounts.services import system_user
from ouverture.agreements import services
from ouverture.agreements.enums import AgreementStatus, PaymentKind
from ouverture.agreements.models import Expense, Payment
from tests.agreements.factories import expense, make_agreement
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


@pytest.mark.django_db
def test_a_stale_expense_keeps_a_change_made_meanwhile():
    """Sequential form of the lost update: two screens open on one expense."""
    agreement = make_agreement(status=AgreementStatus.RUNNING)
    recorded = expense(agreement, "500.00")
    stale = Expense.objects.get(pk=recorded.pk)
    services.update_expense(recorded, actor=system_user(), supplier="Cabinet Martin")
    services.update_expense(stale, actor=system_user(), amount="450")
    saved = Expense.objects.get(pk=recorded.pk)
    assert (saved.supplier, saved.amount) == ("Cabinet Martin", Decimal("450.00"))

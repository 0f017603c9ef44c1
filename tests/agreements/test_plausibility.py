"""Implausible figures are refused with a message that says the bound (issue 9)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ouverture.agreements import services
from ouverture.agreements.enums import AgreementStatus
from ouverture.organisations import services as organisations
from tests.agreements.factories import make_agreement
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_expense_of_a_billion_is_refused_with_the_bound(actor):
    agreement = make_agreement(status=AgreementStatus.RUNNING)
    line = agreement.budget_lines.first()
    with pytest.raises(ValidationError) as error:
        services.record_expense(
            agreement, actor=actor, budget_line=line, category=line.splits.first().category,
            date=dt.date(2024, 3, 1), label="Erreur de frappe", amount="1000000000",
        )  # fmt: skip
    message = " ".join(error.value.message_dict["amount"])
    assert (
        "dépasse 100\u00a0000\u00a0000" in message and "1\u00a0000\u00a0000\u00a0000,00" in message
    )
    assert not agreement.expenses.exists()


def test_a_yearly_budget_of_a_billion_is_refused(actor):
    agreement = make_agreement()
    with pytest.raises(ValidationError) as error:
        services.set_beneficiary_budget(
            agreement.beneficiary, 2024, actor=actor, total_revenues="1000000000",
            total_expenses="1000000000",
        )  # fmt: skip
    assert "dépasse 100\u00a0000\u00a0000" in " ".join(error.value.messages)


def test_a_postal_code_of_letters_is_refused(actor):
    with pytest.raises(ValidationError, match="cinq chiffres"):
        organisations.create_organisation(actor=actor, name="Abcde", postal_code="abcde")
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError, match="cinq chiffres"):
        organisations.update_organisation(organisation, actor=actor, postal_code="620")
    organisations.update_organisation(organisation, actor=actor, postal_code="62000")

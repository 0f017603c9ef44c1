"""POST /api/v1/conventions/<id>/depenses/: the expense screen's form and service
(agreements.services.record_expense), its messages, nothing written on a refusal."""

import datetime as dt
from decimal import Decimal

import pytest

from ouverture.accounts.enums import Role
from ouverture.agreements.enums import AgreementStatus
from ouverture.agreements.models import Expense
from tests.agreements.factories import line, make_agreement
from tests.api.writes_helpers import counts, refused

MODELS = ("agreements.Expense", "agreements.Agreement")


def url(agreement):
    return f"/api/v1/conventions/{agreement.pk}/depenses/"


@pytest.fixture
def manager(make_user):
    return make_user(Role.FINANCE_MANAGER)


@pytest.fixture
def agreement(db):
    return make_agreement()


def body(agreement, **change):
    data = {
        "budget_line": line(agreement).pk,
        "date": "2024-03-01",
        "supplier": "Salaires",
        "label": "Mars",
        "amount": "9 879,54",
    }
    data.update(change)
    return {k: v for k, v in data.items() if v is not None}


def test_an_expense_is_recorded_with_its_history_naming_the_token_owner(
    api_for, manager, agreement
):
    response = api_for(manager).send("post", url(agreement), body(agreement, amount="1234.50"))
    assert response.status_code == 201, response.content
    data = response.json()
    expense = Expense.objects.get(pk=data["id"])
    assert expense.amount == Decimal("1234.50") and expense.date == dt.date(2024, 3, 1)
    assert expense.category == "staff"  # the line's only category
    assert data["amount"] == "1234.50" and data["budget_line"] == line(agreement).pk
    entry = expense.history.get()
    assert entry.history_type == "+" and entry.history_user == manager


def test_an_expense_outside_the_period_is_refused_with_the_screens_message(
    api_for, manager, agreement
):
    before = counts(*MODELS)
    response = api_for(manager).send("post", url(agreement), body(agreement, date="2025-01-01"))
    refused(
        response,
        "date",
        "Le 1er janvier 2025 est hors de la période d'éligibilité des dépenses (du 1er janvier "
        "2024 au 31 décembre 2024) : cette dépense ne peut pas être imputée à la convention.",
    )
    assert counts(*MODELS) == before


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"amount": "beaucoup"}, "amount", "« beaucoup »"),
        ({"amount": None}, "amount", "Ce champ est obligatoire."),
        ({"supplier": None}, "supplier", "Ce champ est obligatoire."),
        ({"budget_line": 999999}, "budget_line", "Sélectionnez un choix valide."),
        (
            {"category": "external_services"},
            "category",
            "La ligne « Accompagnements » est budgétée en « ",
        ),
        (
            {"category": "weather"},
            "category",
            "Sélectionnez un choix valide. weather n’en fait pas partie.",
        ),
        ({"montant": "10"}, "montant", "Champ inconnu « montant »"),
        ({"budget_line": "la première"}, "budget_line", "Un nombre entier valide est requis."),
        ({"amount": ["12"]}, "amount", "Chaîne de caractère invalide."),
    ],
)
def test_a_refused_expense_says_why_by_field_and_writes_nothing(
    api_for, manager, agreement, change, field, message
):
    before = counts(*MODELS)
    response = api_for(manager).send("post", url(agreement), body(agreement, **change))
    assert response.status_code == 400, response.content
    assert any(m.startswith(message) or message in m for m in response.json()["erreurs"][field]), (
        response.json()
    )
    assert counts(*MODELS) == before


def test_another_agreements_line_is_refused(api_for, manager, agreement):
    other = make_agreement()
    before = counts(*MODELS)
    response = api_for(manager).send(
        "post", url(agreement), body(agreement, budget_line=line(other).pk)
    )
    assert response.status_code == 400
    assert response.json()["erreurs"]["budget_line"][0].startswith("Sélectionnez un choix valide.")
    assert counts(*MODELS) == before


def test_a_frozen_budget_takes_no_expense(api_for, manager):
    closed = make_agreement(status=AgreementStatus.CLOSED)
    before = counts(*MODELS)
    response = api_for(manager).send("post", url(closed), body(closed))
    assert response.status_code == 400
    assert response.json()["erreurs"]["general"][0].startswith("La convention est « ")
    assert counts(*MODELS) == before


def test_malformed_json_writes_nothing(api_for, manager, agreement):
    before = counts(*MODELS)
    response = api_for(manager).send("post", url(agreement), raw='{"amount": 12,,}')
    assert response.status_code == 400
    assert response.json()["message"].startswith("JSON mal formé (ligne 1")
    assert counts(*MODELS) == before


def test_tokens_narrower_than_the_write_are_refused(api_for, manager, agreement):
    before = counts(*MODELS)
    refused(
        api_for(manager, read_only=True).send("post", url(agreement), body(agreement)),
        None,
        "en lecture seule",
        status=403,
    )
    refused(
        api_for(manager, app_scope="coaching").send("post", url(agreement), body(agreement)),
        None,
        "limité à « Accompagnements »",
        status=403,
    )
    assert counts(*MODELS) == before
    scoped = api_for(manager, app_scope="agreements")
    assert scoped.send("post", url(agreement), body(agreement)).status_code == 201


def test_a_holder_gets_404_and_staff_403(api_for, make_user, agreement):
    holder = make_user(Role.PROJECT_HOLDER, organisation=agreement.beneficiary)
    staff = make_user(Role.NETWORK_STAFF)
    before = counts(*MODELS)
    assert api_for(holder).send("post", url(agreement), body(agreement)).status_code == 404
    refused(
        api_for(staff).send("post", url(agreement), body(agreement)), None, "votre rôle", status=403
    )
    assert counts(*MODELS) == before

"""Agreements built through the services, as a person would build them."""

import datetime as dt
from decimal import Decimal

from django.conf import settings

from ouverture.accounts.services import system_user
from ouverture.agreements import services
from ouverture.agreements.enums import ExpenseCategory
from ouverture.organisations.enums import LegalKind
from tests.organisations.factories import OrganisationFactory

_counter = iter(range(1, 1_000_000))


def default_funder():
    """The instance's default funder's organisation (the one a funder officer without a
    structure reaches), recorded as such on the first call."""
    from ouverture.calls.models import Funder
    from ouverture.calls.services import create_funder
    from ouverture.geo.models import Departement

    existing = Funder.objects.default()
    if existing is not None:
        return existing.organisation
    funder = OrganisationFactory(
        name=f"Département test {next(_counter)}",
        legal_kind=LegalKind.DEPARTEMENT,
        siret="22620001200012",
        representative_name="Présidence",
        representative_title="Président",
    )
    territory = Departement.objects.filter(code=settings.OUVERTURE_DEPARTEMENT)
    assert territory.exists(), "the test database has no département to fund"
    create_funder(funder, actor=None, territory=territory)
    return funder


def parties():
    funder = default_funder()
    network = OrganisationFactory(
        name=f"Réseau test {next(_counter)}",
        siret="43853522100024",
        representative_name="Camille Martin",
        representative_title="Présidente",
    )
    return funder, network


def make_agreement(*, actor=None, lines=True, status=None, **fields):
    """An agreement of 2024: subsidy 8 000 on a cost of 10 000, two lines (staff 7 000 with a
    unit cost of 1 000 × 7; a tools line split 2 000 staff + 1 000 external), a co-funding of
    2 000. `status` advances it (signed on 15 January 2024)."""
    actor = actor or system_user()
    if "funder" not in fields or "beneficiary" not in fields:
        funder, network = parties()
        fields.setdefault("funder", funder)
        fields.setdefault("beneficiary", network)
    fields.setdefault("reference", f"TEST-{next(_counter)}")
    fields.setdefault("title", "Programme d'accompagnement")
    fields.setdefault("action_start", dt.date(2024, 1, 1))
    fields.setdefault("action_end", dt.date(2024, 12, 31))
    fields.setdefault("report_due", dt.date(2025, 4, 1))
    fields.setdefault("subsidy", Decimal("8000.00"))
    fields.setdefault("forecast_cost", Decimal("10000.00"))
    agreement = services.create_agreement(actor=actor, **fields)
    if lines:
        services.add_budget_line(
            agreement, actor=actor, label="Accompagnements", quantity=Decimal(7), unit="porteur",
            total=Decimal("7000.00"), categories=ExpenseCategory.STAFF,
        )  # fmt: skip
        services.add_budget_line(
            agreement, actor=actor, label="Outils", quantity=Decimal(1), unit="unité",
            total=Decimal("3000.00"),
            categories={ExpenseCategory.STAFF: "2000.00", ExpenseCategory.EXTERNAL_SERVICES: "1000.00"},
        )  # fmt: skip
        services.add_revenue(agreement, actor=actor, funder_label="Cofinanceur", amount="2000.00")
    if status:
        advance_to(agreement, status, actor=actor)
        agreement.refresh_from_db()
    return agreement


def advance_to(agreement, status, actor=None):
    actor = actor or system_user()
    while agreement.status != status:
        agreement = services.advance_status(
            agreement,
            actor=actor,
            status=agreement.next_status,
            signed_on=dt.date(2024, 1, 15),
        )
    return agreement


def line(agreement, label="Accompagnements"):
    return agreement.budget_lines.get(label=label)


def expense(agreement, amount="500.00", *, actor=None, date=dt.date(2024, 3, 1), **fields):
    fields.setdefault("budget_line", line(agreement))
    fields.setdefault("supplier", "Salaires")
    return services.record_expense(
        agreement, actor=actor or system_user(), date=date, amount=amount, **fields
    )

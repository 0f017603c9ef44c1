"""The finance manager records an expense in a real browser: the execution rate and the subsidy
due change on the agreement's page, and the expense's history says who changed what."""

import re

from playwright.sync_api import expect

from ouverture.agreements.enums import AgreementStatus
from tests.agreements.factories import make_agreement


def test_finance_manager_records_an_expense(transactional_db, live_server, login, finance_manager):
    agreement = make_agreement(reference="CONV-E2E", status=AgreementStatus.RUNNING)
    page = login(finance_manager)
    page.get_by_role("link", name="Conventions", exact=True).first.click()
    page.get_by_role("link", name="CONV-E2E").click()
    expect(page.locator("#execution-rate")).to_have_text("0,0\u00a0%")
    expect(page.locator("#subsidy-due")).to_have_text("0,00\u00a0€")

    # "If we realise 5 000 €": the simulation answers without leaving the page.
    page.get_by_label("Simulation : si nous réalisons").fill("5 000")
    expect(page.locator("#simulated-due")).to_have_text("4\u00a0000,00\u00a0€")

    page.get_by_role("button", name="Enregistrer une dépense").click()
    page.get_by_label("Ligne budgétaire").select_option(label="Accompagnements")
    page.get_by_label("Date de paiement").fill("2025-01-15")
    page.get_by_label("Fournisseur ou bénéficiaire du paiement").fill("Salaires mars")
    page.get_by_label("Montant (€)").fill("2 500,00")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("hors de la période d'éligibilité")).to_be_visible()
    page.get_by_label("Date de paiement").fill("2024-03-31")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Dépense de Salaires mars enregistrée.")).to_be_visible()
    expect(page.locator("#execution-rate")).to_have_text("25,0\u00a0%")
    expect(page.locator("#subsidy-due")).to_have_text("2\u00a0000,00\u00a0€")

    page.get_by_role("link", name="31 mars 2024").click()
    page.get_by_role("button", name="Modifier").click()
    page.get_by_label("Montant (€)").fill("3 000")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#subsidy-due")).to_have_text("2\u00a0400,00\u00a0€")
    page.get_by_role("link", name="31 mars 2024").click()
    history = page.locator(".history")
    expect(history).to_contain_text("montant : 2\u00a0500,00 → 3\u00a0000,00")
    expect(history).to_contain_text(re.compile(f"Modification le .* par {finance_manager}"))
    assert agreement.expenses.get().amount == 3000

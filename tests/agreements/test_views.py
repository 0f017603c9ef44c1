"""The agreement screens, for each role; French input through the forms; bounded queries."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ouverture.accounts.enums import Role
from ouverture.agreements import services
from ouverture.agreements.enums import AgreementStatus
from ouverture.agreements.models import BudgetLine, Commitment, CreditCommitment, Expense, Payment
from ouverture.core.formats import format_date
from tests.agreements.factories import expense, line, make_agreement
from tests.utils import text

D = Decimal
READERS = set(Role) - {Role.PROJECT_HOLDER}
MONEY = {Role.FINANCE_MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR}
FUNDER_SIDE = {Role.FUNDER_OFFICER, Role.ADMINISTRATOR}


@pytest.fixture
def agreement(db):
    agreement = make_agreement(status=AgreementStatus.RUNNING)
    services.add_commitment(
        agreement, actor=None, label="Outils", target=7, unit="module", measure_kind="manual"
    )
    recorded = expense(
        agreement,
        "500",
        receipt=SimpleUploadedFile("facture.pdf", b"%PDF-1.4", content_type="application/pdf"),
    )
    services.record_payment(
        agreement, actor=None, kind="advance", date=dt.date(2024, 2, 1), amount="4000"
    )
    agreement.recorded_expense = recorded
    return agreement


@pytest.fixture
def operation(agreement):
    operation = services.create_operation(
        actor=None, funder=agreement.funder, year=2024, code="C05-043A06", imputation="65748//93043",
        label="Actions européennes et internationales", credits="10000",
    )  # fmt: skip
    services.reserve_credit(
        operation, actor=None, amount="8000", label="Subvention", agreement=agreement
    )
    return operation


def read_urls(agreement, operation):
    a = agreement.pk
    return [
        reverse("agreements:detail", args=[a]),
        reverse("agreements:detail", args=[a]) + "?realised=5000",
        reverse("agreements:export", args=[a]),
        reverse("agreements:line", args=[a, line(agreement).pk]),
        reverse("agreements:commitment", args=[a, agreement.commitments.get().pk]),
        reverse("agreements:expenses", args=[a]),
        reverse("agreements:expense", args=[a, agreement.recorded_expense.pk]),
        reverse("agreements:expense_receipt", args=[a, agreement.recorded_expense.pk]),
    ]


def money_edit_urls(agreement):
    a = agreement.pk
    return [
        reverse("agreements:update", args=[a]),
        reverse("agreements:line_create", args=[a]),
        reverse("agreements:line_update", args=[a, line(agreement).pk]),
        reverse("agreements:revenue_create", args=[a]),
        reverse("agreements:revenue_update", args=[a, agreement.revenues.get().pk]),
        reverse("agreements:beneficiary_budget", args=[a]),
        reverse("agreements:commitment_create", args=[a]),
        reverse("agreements:commitment_update", args=[a, agreement.commitments.get().pk]),
        reverse("agreements:expense_create", args=[a]),
        reverse("agreements:expense_update", args=[a, agreement.recorded_expense.pk]),
    ]


def test_list_per_role(users_by_role, client_for, agreement):
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse("agreements:list"))
        assert response.status_code == (200 if role in READERS else 403), role
        if role in READERS:
            assert agreement.reference in text(response)


def test_read_pages_per_role(users_by_role, client_for, agreement, operation):
    for role, user in users_by_role.items():
        client = client_for(user)
        for url in read_urls(agreement, operation):
            expected = 200 if role in READERS else 404  # a holder does not even see it exists
            response = client.get(url)
            if response.streaming:
                # Read it through the client's wrapper, which closes the file without
                # closing the test's database connection.
                b"".join(response.streaming_content)
            assert response.status_code == expected, (role, url)
        for url in (
            reverse("agreements:operations"),
            reverse("agreements:operation", args=[operation.pk]),
        ):
            assert client.get(url).status_code == (200 if role in READERS else 403), (role, url)


def test_edit_pages_per_role(users_by_role, client_for, agreement):
    for role, user in users_by_role.items():
        client = client_for(user)
        for url in money_edit_urls(agreement):
            expected = 200 if role in MONEY else (404 if role == Role.PROJECT_HOLDER else 403)
            assert client.get(url).status_code == expected, (role, url)
        expected = (
            200
            if role in MONEY | {Role.FUNDER_OFFICER}
            else (404 if role == Role.PROJECT_HOLDER else 403)
        )
        assert (
            client.get(reverse("agreements:payment_create", args=[agreement.pk])).status_code
            == expected
        ), role
        assert client.get(reverse("agreements:create")).status_code == (
            200 if role in MONEY else 403
        ), role


def test_funder_budget_pages_per_role(users_by_role, client_for, operation):
    for role, user in users_by_role.items():
        client = client_for(user)
        for url in (
            reverse("agreements:operation_create"),
            reverse("agreements:operation_update", args=[operation.pk]),
        ):
            assert client.get(url).status_code == (200 if role in FUNDER_SIDE else 403), (role, url)


def test_a_holder_writes_nothing_on_the_money_pages(client_for, holder, agreement, operation):
    client = client_for(holder)
    a = agreement.pk
    posts = {
        reverse("agreements:expense_create", args=[a]): {"budget_line": line(agreement).pk, "date": "2024-03-01", "supplier": "X", "amount": "10"},
        reverse("agreements:payment_create", args=[a]): {"kind": "balance", "date": "2024-03-01", "amount": "10"},
        reverse("agreements:line_delete", args=[a, line(agreement, "Outils").pk]): {},
        reverse("agreements:expense_delete", args=[a, agreement.recorded_expense.pk]): {},
        reverse("agreements:status", args=[a]): {"status": "report_received"},
    }  # fmt: skip
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    assert (
        client.post(
            reverse("agreements:credit_create", args=[operation.pk]),
            {"label": "X", "amount": "1", "status": "proposed"},
        ).status_code
        == 403
    )
    assert Expense.objects.count() == 1 and Payment.objects.count() == 1
    assert BudgetLine.objects.filter(agreement=agreement).count() == 2
    assert CreditCommitment.objects.count() == 1


def test_detail_says_where_it_stands(client_for, staff, agreement, operation):
    body = text(client_for(staff).get(reverse("agreements:detail", args=[agreement.pk])))
    assert "En cours d'exécution" in body
    assert "Dépenses réalisées 500,00 €" in body
    assert "Taux d'exécution 5,0 %" in body
    assert "Subvention due (art. 5) 400,00 €" in body
    assert "À reverser par le bénéficiaire 3 600,00 €" in body  # 4 000 paid in advance
    assert "Remise du bilan : 1er avril 2025" in body
    assert "Contrôles de cohérence" in body
    # Staff reads but does not edit money.
    assert "Enregistrer une dépense" not in body and "Ajouter une ligne" not in body


def test_simulation_answers_htmx_with_a_partial(client_for, staff, agreement):
    url = reverse("agreements:detail", args=[agreement.pk])
    response = client_for(staff).get(url, {"realised": "7\u00a0500,00"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="simulation"' in body
    assert "6 000,00 €" in text(response)  # 8 000 × 7 500 / 10 000
    bad = client_for(staff).get(url, {"realised": "-5"}, HTTP_HX_REQUEST="true")
    assert "négatif" in text(bad)


def test_finance_manager_records_an_expense_with_french_amount(
    client_for, finance_manager, agreement
):
    response = client_for(finance_manager).post(
        reverse("agreements:expense_create", args=[agreement.pk]),
        {
            "budget_line": line(agreement).pk,
            "date": "2024-06-03",
            "supplier": "Traiteur",
            "amount": "1\u00a0234,56",
        },
    )
    assert response.status_code == 302
    recorded = Expense.objects.get(supplier="Traiteur")
    assert recorded.amount == D("1234.56") and recorded.category == "staff"
    assert recorded.history.get().history_user == finance_manager


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("date", "2025-01-02", "hors de la période d'éligibilité"),
        ("amount", "-12", "négatif"),
        ("amount", "12,345", "2 chiffres après la virgule"),
    ],
)
def test_bad_expense_is_refused_on_the_form(
    client_for, finance_manager, agreement, field, value, message
):
    data = {
        "budget_line": line(agreement).pk,
        "date": "2024-06-03",
        "supplier": "Refusé",
        "amount": "10",
    }
    data[field] = value
    response = client_for(finance_manager).post(
        reverse("agreements:expense_create", args=[agreement.pk]), data
    )
    assert response.status_code == 200
    assert message in text(response)
    assert not Expense.objects.filter(supplier="Refusé").exists()


def test_budget_line_form_refuses_categories_not_making_the_total(
    client_for, finance_manager, agreement
):
    url = reverse("agreements:line_create", args=[agreement.pk])
    data = {"label": "PAM outils", "quantity": "1", "unit": "unité", "total": "3 400", "category": "staff",
            "split_staff": "2 000", "split_external_services": "1 300"}  # fmt: skip
    response = client_for(finance_manager).post(url, data)
    assert response.status_code == 200
    assert "doivent faire le total" in text(response)
    assert not BudgetLine.objects.filter(label="PAM outils").exists()
    data["split_external_services"] = "1\u00a0400,00"
    assert client_for(finance_manager).post(url, data).status_code == 302
    created = BudgetLine.objects.get(label="PAM outils")
    assert created.split_amounts() == {"staff": D("2000.00"), "external_services": D("1400.00")}


def test_commitment_form_refuses_target_zero(client_for, coordinator, agreement):
    response = client_for(coordinator).post(
        reverse("agreements:commitment_create", args=[agreement.pk]),
        {"label": "Zéro", "target": "0", "unit": "atelier", "measure_kind": "manual"},
    )
    assert response.status_code == 200
    assert "supérieur à zéro" in text(response)
    assert not Commitment.objects.filter(label="Zéro").exists()


def test_commitment_form_swaps_the_indicator_parameters(client_for, coordinator, agreement):
    url = reverse("agreements:commitment_create", args=[agreement.pk])
    response = client_for(coordinator).get(
        url, {"indicator_code": "coaching.sessions"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert (
        "<html" not in body and 'name="param_kind"' in body and 'name="param_project_type"' in body
    )
    created = client_for(coordinator).post(url, {
        "label": "Rendez-vous jumelage", "target": "10", "unit": "rendez-vous", "measure_kind": "indicator",
        "indicator_code": "coaching.sessions", "param_kind": "coaching", "param_project_type": "twinning",
    })  # fmt: skip
    assert created.status_code == 302
    commitment = Commitment.objects.get(label="Rendez-vous jumelage")
    assert commitment.indicator_params == {"kind": "coaching", "project_type": "twinning"}


def test_an_unregistered_indicator_is_shown_unavailable_not_a_crash(client_for, staff, agreement):
    commitment = services.add_commitment(
        agreement, actor=None, label="Temps collectif", target=1, unit="temps collectif",
        measure_kind="indicator", indicator_code="fake.nothing_here", indicator_params={"kind": "x"},
    )  # fmt: skip
    client = client_for(staff)
    page = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert page.status_code == 200 and "indicateur indisponible" in text(page)
    detail = client.get(reverse("agreements:commitment", args=[agreement.pk, commitment.pk]))
    assert detail.status_code == 200 and "indicateur indisponible" in text(detail)


def test_funder_officer_sees_the_balance_before_proposing_and_is_refused_above(
    client_for, funder_officer, operation
):
    client = client_for(funder_officer)
    url = reverse("agreements:credit_create", args=[operation.pk])
    preview = client.get(url, {"amount": "2\u00a0000,01"}, HTTP_HX_REQUEST="true")
    assert "<html" not in preview.content.decode()
    assert "solde -0,01 €" in text(preview) and "refusée" in text(preview)
    refused = client.post(url, {"label": "Trop", "amount": "2000,01", "status": "proposed"})
    assert refused.status_code == 200 and "dépasse le crédit disponible" in text(refused)
    assert not CreditCommitment.objects.filter(label="Trop").exists()
    accepted = client.post(url, {"label": "Juste", "amount": "2\u00a0000,00", "status": "proposed"})
    assert accepted.status_code == 302
    page = text(client.get(reverse("agreements:operation", args=[operation.pk])))
    assert "Disponible 0,00 €" in page


def test_funder_officer_records_a_payment_and_advances_the_status(
    client_for, funder_officer, agreement
):
    client = client_for(funder_officer)
    response = client.post(
        reverse("agreements:payment_create", args=[agreement.pk]),
        {"kind": "recovery", "date": "2025-05-01", "amount": "3 600"},
    )
    assert response.status_code == 302
    client.post(reverse("agreements:status", args=[agreement.pk]), {"status": "report_received"})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.REPORT_RECEIVED
    body = text(client.get(reverse("agreements:detail", args=[agreement.pk])))
    assert "Reste à verser 0,00 €" in body


def test_xlsx_export_has_budget_plan_and_execution(client_for, staff, agreement):
    response = client_for(staff).get(reverse("agreements:export", args=[agreement.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Budget",
        "Plan – dépenses",
        "Plan – recettes",
        "Exécution",
        "Dépenses",
    ]
    budget = workbook["Budget"]
    assert budget["A2"].value == "Accompagnements" and budget["E2"].value == pytest.approx(7000)
    assert budget["D2"].value == pytest.approx(1000)  # unit cost derived from the total
    recettes = list(workbook["Plan – recettes"].iter_rows(values_only=True))
    assert recettes[1][:2] == (agreement.funder.name, pytest.approx(8000))
    execution = workbook["Exécution"]
    assert execution["C2"].value == pytest.approx(500)


def test_line_page_shows_who_changed_what(client_for, finance_manager, coordinator, agreement):
    services.update_budget_line(line(agreement), actor=coordinator, total="7100")
    body = text(
        client_for(finance_manager).get(
            reverse("agreements:line", args=[agreement.pk, line(agreement).pk])
        )
    )
    assert f"par {coordinator}" in body
    # Amounts in the history with their thousands separator (was "7000,00").
    assert "total : 7 000,00 → 7 100,00" in body
    assert "montant : 7 000,00 → 7 100,00" in body  # its split by category followed


def test_receipt_is_served_to_readers_only(client_for, staff, holder, agreement):
    url = reverse("agreements:expense_receipt", args=[agreement.pk, agreement.recorded_expense.pk])
    response = client_for(staff).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(holder).get(url).status_code == 404


def test_dashboard_panel(client_for, staff, holder, agreement):
    body = text(client_for(staff).get(reverse("dashboard")))
    assert "Échéances" in body and agreement.reference in body
    assert agreement.reference not in text(client_for(holder).get(reverse("dashboard")))


def _bulk_expenses(agreement, n):
    target = line(agreement)
    Expense.objects.bulk_create(
        Expense(agreement=agreement, budget_line=target, date=dt.date(2024, 5, 1), supplier=f"F{i}",
                amount=D("1.00"), category="staff")
        for i in range(n)
    )  # fmt: skip


def test_agreement_page_costs_the_same_queries_whatever_the_expenses(
    client_for, finance_manager, agreement, operation
):
    client = client_for(finance_manager)
    url = reverse("agreements:detail", args=[agreement.pk])
    counts = []
    for n in (5, 995):
        _bulk_expenses(agreement, n)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert Expense.objects.filter(agreement=agreement).count() == 1001
    assert counts[0] == counts[1], counts
    assert "1 001" in text(response)


def test_finance_manager_creates_an_agreement_with_french_amounts(client_for, finance_manager):
    from tests.agreements.factories import parties

    funder, network = parties()
    response = client_for(finance_manager).post(
        reverse("agreements:create"),
        {"reference": "CONV-2025", "title": "Programme 2025", "funder": funder.pk, "beneficiary": network.pk,
         "action_start": "2025-01-01", "action_end": "2025-12-31", "report_due": "2026-04-01",
         "subsidy": "9\u00a0000,00", "forecast_cost": "12 000"},
    )  # fmt: skip
    assert response.status_code == 302
    from ouverture.agreements.models import Agreement

    created = Agreement.objects.get(reference="CONV-2025")
    assert created.subsidy == D("9000.00") and created.year == 2025
    assert created.beneficiary_representative == "Camille Martin"
    assert created.history.get().history_user == finance_manager
    refused = client_for(finance_manager).post(
        reverse("agreements:create"),
        {"reference": "CONV-BAD", "title": "X", "funder": funder.pk, "beneficiary": network.pk,
         "action_start": "2025-01-01", "action_end": "2025-12-31", "report_due": "2026-04-01",
         "subsidy": "13 000", "forecast_cost": "12 000"},
    )  # fmt: skip
    assert "ne peut pas dépasser le coût total" in text(refused)
    assert not Agreement.objects.filter(reference="CONV-BAD").exists()


def test_signing_from_the_page_needs_a_date(client_for, finance_manager):
    agreement = make_agreement()
    client = client_for(finance_manager)
    url = reverse("agreements:status", args=[agreement.pk])
    page = client.post(url, {"status": "signed"}, follow=True)
    assert "Indiquez la date de signature" in text(page)
    client.post(url, {"status": "signed", "signed_on": "2024-10-20"})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED and agreement.signed_on == dt.date(
        2024, 10, 20
    )


def test_the_checks_write_dates_in_words_and_agree_plurals(db):
    """The documents' checks, as read on screen: '31 décembre 2024', '2 lignes budgétaires'."""
    from ouverture.agreements.checks import run_checks
    from ouverture.agreements.overview import AgreementOverview

    agreement = make_agreement(status="signed")
    checks = {c.code: c for c in run_checks(AgreementOverview(agreement))}
    end, due = agreement.action_end, agreement.report_due
    assert checks["report_date"].detail == (
        f"Fin de l'action : {format_date(end)} ; bilan : {format_date(due)}."
    )
    assert checks["categories"].detail == f"{agreement.budget_lines.count()} lignes budgétaires."

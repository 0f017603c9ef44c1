"""Write operations: bad input is refused with a French message and writes nothing; every change
to money or commitments is in the record's history with who made it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ouverture.agreements import services
from ouverture.agreements.enums import AgreementStatus, CreditStatus, ExpenseCategory, PaymentKind
from ouverture.agreements.models import (
    Agreement,
    BudgetLine,
    BudgetLineSplit,
    Commitment,
    CreditCommitment,
    Expense,
    Payment,
)
from tests.agreements.factories import advance_to, expense, line, make_agreement

D = Decimal


def messages_of(error):
    return " ".join(error.value.messages)


# Amounts --------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount,message",
    [
        ("-10", "négatif"),
        ("10,555", "2 chiffres après la virgule"),
        ("0", "supérieur à zéro"),
        ("douze", "n'est pas un montant"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_written(db, finance_manager, amount, message):
    agreement = make_agreement()
    before = Expense.objects.count()
    with pytest.raises(ValidationError) as error:
        expense(agreement, amount, actor=finance_manager)
    assert message in messages_of(error)
    assert Expense.objects.count() == before


def test_french_amount_with_no_break_space_is_accepted(db, finance_manager):
    agreement = make_agreement()
    recorded = expense(agreement, "1\u00a0234,56", actor=finance_manager)
    assert recorded.amount == D("1234.56")


def test_agreement_with_a_negative_or_three_decimal_subsidy_is_refused(db, actor):
    for subsidy, message in (("-1", "négatif"), ("9879,545", "2 chiffres après la virgule")):
        with pytest.raises(ValidationError) as error:
            make_agreement(subsidy=subsidy, lines=False, reference="REFUSEE")
        assert message in messages_of(error)
    assert not Agreement.objects.filter(reference="REFUSEE").exists()


def test_subsidy_above_cost_and_dates_out_of_order_are_refused(db):
    with pytest.raises(ValidationError) as error:
        make_agreement(subsidy="12000", lines=False)
    assert "ne peut pas dépasser le coût total" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        make_agreement(report_due=dt.date(2024, 6, 1), lines=False)
    assert "avant la fin de l'action" in messages_of(error)


def test_reference_is_unique_whatever_the_case(db):
    make_agreement(reference="CONV-1", lines=False)
    with pytest.raises(ValidationError) as error:
        make_agreement(reference="conv-1", lines=False)
    assert "déjà prise" in messages_of(error)


def test_representatives_default_to_the_parties_and_eligibility_to_the_action(db):
    agreement = make_agreement(lines=False)
    assert agreement.beneficiary_representative == "Camille Martin"
    assert agreement.eligibility_start == agreement.action_start
    assert agreement.eligibility_end == agreement.action_end
    assert agreement.year == 2024


# Budget lines -----------------------------------------------------------------


def test_categories_not_summing_to_the_total_are_refused(db, finance_manager):
    agreement = make_agreement()
    count = BudgetLine.objects.count()
    with pytest.raises(ValidationError) as error:
        services.add_budget_line(
            agreement, actor=finance_manager, label="PAM", quantity=1, unit="unité", total="3400",
            categories={ExpenseCategory.STAFF: "2000", ExpenseCategory.EXTERNAL_SERVICES: "1300"},
        )  # fmt: skip
    # The message names both figures (French format, no-break spaces).
    assert "fait 3\u00a0300,00\u00a0€" in messages_of(error)
    assert "total de la ligne est 3\u00a0400,00\u00a0€" in messages_of(error)
    assert BudgetLine.objects.count() == count


def test_a_line_in_one_category_follows_its_new_total_a_split_line_asks_for_its_split(
    db, finance_manager
):
    agreement = make_agreement()
    staff = services.update_budget_line(line(agreement), actor=finance_manager, total="7500")
    assert staff.split_amounts() == {"staff": D("7500.00")}
    with pytest.raises(ValidationError) as error:
        services.update_budget_line(line(agreement, "Outils"), actor=finance_manager, total="3200")
    assert "donnez la répartition" in messages_of(error)
    assert line(agreement, "Outils").total == D("3000.00")
    tools = services.update_budget_line(
        line(agreement, "Outils"), actor=finance_manager, total="3200",
        categories={"staff": "2200", "external_services": "1000"},
    )  # fmt: skip
    assert tools.split_amounts() == {"staff": D("2200.00"), "external_services": D("1000.00")}


def test_a_category_with_expenses_cannot_be_dropped(db, finance_manager):
    agreement = make_agreement()
    expense(agreement, "100", budget_line=line(agreement, "Outils"), category="external_services")
    with pytest.raises(ValidationError) as error:
        services.update_budget_line(
            line(agreement, "Outils"), actor=finance_manager, categories="staff"
        )
    assert "Prestations externes" in messages_of(error)


def test_budget_line_changes_are_in_its_history(db, finance_manager, coordinator):
    agreement = make_agreement(actor=coordinator)
    services.update_budget_line(
        line(agreement), actor=finance_manager, total="7100", description="Révisé"
    )
    record = line(agreement).history.first()
    assert record.history_user == finance_manager
    assert record.prev_record.total == D("7000.00") and record.total == D("7100.00")
    split = BudgetLineSplit.objects.get(line=line(agreement))
    assert split.history.first().history_user == finance_manager
    assert split.history.count() == 2


def test_the_funder_subsidy_is_not_typed_again_as_a_revenue(db, finance_manager):
    agreement = make_agreement()
    with pytest.raises(ValidationError) as error:
        services.add_revenue(
            agreement,
            actor=finance_manager,
            funder_label="CD",
            organisation=agreement.funder,
            amount="10",
        )
    assert "déjà comptée" in messages_of(error)


# Expenses -----------------------------------------------------------------------


def test_expense_outside_the_eligibility_period_is_refused(db, finance_manager):
    agreement = make_agreement()
    for day in (dt.date(2023, 12, 31), dt.date(2025, 1, 1)):
        with pytest.raises(ValidationError) as error:
            expense(agreement, "100", date=day, actor=finance_manager)
        assert "hors de la période d'éligibilité" in messages_of(error)
    assert not Expense.objects.exists()


def test_expense_category_must_be_one_of_its_line(db, finance_manager):
    agreement = make_agreement()
    with pytest.raises(ValidationError) as error:
        expense(agreement, "100", category="overheads", actor=finance_manager)
    assert "budgétée en « Coûts RH »" in messages_of(error)
    with pytest.raises(ValidationError):  # two categories: the person must choose
        expense(agreement, "100", budget_line=line(agreement, "Outils"), actor=finance_manager)
    recorded = expense(agreement, "100", actor=finance_manager)
    assert recorded.category == "staff"


def test_expense_on_another_agreements_line_is_refused(db, finance_manager):
    agreement, other = make_agreement(), make_agreement()
    with pytest.raises(ValidationError) as error:
        expense(agreement, "100", budget_line=line(other), actor=finance_manager)
    assert "ligne budgétaire de cette convention" in messages_of(error)


def test_expense_with_receipt_and_its_history(db, finance_manager, coordinator):
    agreement = make_agreement()
    receipt = SimpleUploadedFile("facture.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    recorded = expense(
        agreement, "250,00", actor=finance_manager, receipt=receipt, supplier="Imprimerie"
    )
    assert recorded.receipt.name.endswith(".pdf")
    services.update_expense(recorded, actor=coordinator, amount="260")
    latest = recorded.history.first()
    assert latest.history_user == coordinator and latest.prev_record.history_user == finance_manager
    assert latest.prev_record.amount == D("250.00") and latest.amount == D("260.00")


def test_no_budget_change_once_settled(db, finance_manager):
    agreement = make_agreement(status=AgreementStatus.SETTLED)
    with pytest.raises(ValidationError) as error:
        expense(agreement, "100", actor=finance_manager)
    assert "ne se modifient plus" in messages_of(error)


def test_eligibility_period_cannot_be_shrunk_below_recorded_expenses(db, finance_manager):
    agreement = make_agreement()
    expense(agreement, "100", date=dt.date(2024, 11, 30))
    with pytest.raises(ValidationError) as error:
        services.update_agreement(
            agreement, actor=finance_manager, eligibility_end=dt.date(2024, 10, 31)
        )
    assert "1 dépense enregistrée tomberait hors" in messages_of(error)
    agreement.refresh_from_db()
    assert agreement.eligibility_end == dt.date(2024, 12, 31)
    expense(agreement, "50", date=dt.date(2024, 12, 15))
    with pytest.raises(ValidationError) as error:
        services.update_agreement(
            agreement, actor=finance_manager, eligibility_end=dt.date(2024, 10, 31)
        )
    assert "2 dépenses enregistrées tomberaient hors" in messages_of(error)


# Status and payments ----------------------------------------------------------


def test_status_moves_one_step_at_a_time_and_signing_needs_a_date(db, finance_manager):
    agreement = make_agreement(lines=False)
    with pytest.raises(ValidationError) as error:
        services.advance_status(agreement, actor=finance_manager, status=AgreementStatus.RUNNING)
    assert "l'étape suivante est « Signée »" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        services.advance_status(agreement, actor=finance_manager, status=AgreementStatus.SIGNED)
    assert "date de signature" in messages_of(error)
    signed = services.advance_status(
        agreement,
        actor=finance_manager,
        status=AgreementStatus.SIGNED,
        signed_on=dt.date(2024, 10, 20),
    )
    record = signed.history.first()
    assert record.history_user == finance_manager
    assert record.history_change_reason == "Statut : Projet → Signée"


def test_payments_only_once_signed_and_never_above_the_subsidy(db, funder_officer):
    draft = make_agreement()
    with pytest.raises(ValidationError) as error:
        services.record_payment(
            draft,
            actor=funder_officer,
            kind=PaymentKind.ADVANCE,
            date=dt.date(2024, 2, 1),
            amount="100",
        )
    assert "pas signée" in messages_of(error)
    agreement = make_agreement(status=AgreementStatus.RUNNING)
    services.record_payment(
        agreement,
        actor=funder_officer,
        kind=PaymentKind.ADVANCE,
        date=dt.date(2024, 2, 1),
        amount="4000",
    )
    with pytest.raises(ValidationError) as error:
        services.record_payment(
            agreement,
            actor=funder_officer,
            kind=PaymentKind.BALANCE,
            date=dt.date(2025, 5, 1),
            amount="4000,01",
        )
    assert "dépasserait la subvention" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        services.record_payment(
            agreement,
            actor=funder_officer,
            kind=PaymentKind.RECOVERY,
            date=dt.date(2025, 5, 1),
            amount="5000",
        )
    assert "dépasse ce qui a été versé" in messages_of(error)
    assert Payment.objects.get().history.first().history_user == funder_officer


# Commitments ----------------------------------------------------------------------


def test_commitment_with_target_zero_is_refused(db, coordinator):
    agreement = make_agreement(lines=False)
    for target in ("0", "-2"):
        with pytest.raises(ValidationError):
            services.add_commitment(agreement, actor=coordinator, label="Rien", target=target, unit="structure",
                                    measure_kind="manual")  # fmt: skip
    assert not Commitment.objects.exists()


def test_commitment_period_stays_inside_the_action(db, coordinator):
    agreement = make_agreement(lines=False)
    with pytest.raises(ValidationError) as error:
        services.add_commitment(agreement, actor=coordinator, label="Hors période", target=1, unit="atelier",
                                measure_kind="manual", period_end=dt.date(2025, 2, 1))  # fmt: skip
    assert "dans celle de l'action" in messages_of(error)


def test_registered_indicator_params_are_checked_unregistered_code_is_kept(db, coordinator):
    agreement = make_agreement(lines=False)
    with pytest.raises(ValidationError) as error:
        services.add_commitment(agreement, actor=coordinator, label="X", target=2, unit="structure suivie",
                                measure_kind="indicator", indicator_code="coaching.follow_ups_opened",
                                indicator_params={"kind": "nimporte"})  # fmt: skip
    assert "n'est pas une valeur possible" in messages_of(error)
    kept = services.add_commitment(agreement, actor=coordinator, label="Plus tard", target=1, unit="atelier",
                                   measure_kind="indicator", indicator_code="fake.not_registered",
                                   indicator_params={"anything": "goes"})  # fmt: skip
    assert kept.indicator_code == "fake.not_registered"


def test_manual_figure_needs_evidence_and_is_in_history(db, coordinator, finance_manager):
    agreement = make_agreement(lines=False)
    commitment = services.add_commitment(agreement, actor=coordinator, label="Outils PAM", target=7,
                                         unit="module", measure_kind="manual")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.update_commitment(commitment, actor=finance_manager, manual_value="3")
    assert "joignez un fichier ou indiquez un lien" in messages_of(error)
    services.update_commitment(
        Commitment.objects.get(pk=commitment.pk), actor=finance_manager, manual_value="3",
        evidence_url="https://example.org/outils",
    )  # fmt: skip
    record = Commitment.objects.get(pk=commitment.pk).history.first()
    assert record.history_user == finance_manager
    assert record.manual_value == D("3.00") and record.prev_record.manual_value is None


# The funder's budget -------------------------------------------------------------------


@pytest.fixture
def operation(db, funder_officer):
    agreement = make_agreement(lines=False)
    return services.create_operation(
        actor=funder_officer, funder=agreement.funder, year=2024, code="c05-043a06",
        imputation="65748//93043", label="Actions européennes et internationales", credits="10 749,99",
    )  # fmt: skip


def test_a_proposal_above_the_available_credit_is_refused(operation, funder_officer):
    assert operation.code == "C05-043A06"
    services.reserve_credit(operation, actor=funder_officer, amount="870,45", label="Autres dossiers",
                            status=CreditStatus.COMMITTED)  # fmt: skip
    assert operation.available_amount() == D("9879.54")
    with pytest.raises(ValidationError) as error:
        services.reserve_credit(operation, actor=funder_officer, amount="9879.55", label="Trop")
    assert "dépasse le crédit disponible" in messages_of(error)
    assert "0,01" in messages_of(error)
    accepted = services.reserve_credit(
        operation, actor=funder_officer, amount="9\u00a0879,54", label="Juste"
    )
    assert operation.available_amount() == D("0.00")
    assert accepted.history.first().history_user == funder_officer
    services.set_credit_status(accepted, actor=funder_officer, status=CreditStatus.CANCELLED)
    assert operation.available_amount() == D("9879.54")


def test_reviving_a_cancelled_proposal_checks_the_credit_again(operation, funder_officer):
    first = services.reserve_credit(operation, actor=funder_officer, amount="10000", label="A")
    services.set_credit_status(first, actor=funder_officer, status=CreditStatus.CANCELLED)
    services.reserve_credit(operation, actor=funder_officer, amount="5000", label="B")
    with pytest.raises(ValidationError):
        services.set_credit_status(first, actor=funder_officer, status=CreditStatus.PROPOSED)
    assert CreditCommitment.objects.get(pk=first.pk).status == CreditStatus.CANCELLED


def test_credits_cannot_drop_below_what_is_reserved(operation, funder_officer):
    services.reserve_credit(operation, actor=funder_officer, amount="5000", label="A")
    with pytest.raises(ValidationError) as error:
        services.update_operation(operation, actor=funder_officer, credits="4999.99")
    assert "ne peuvent pas descendre" in messages_of(error)


def test_advance_to_reaches_every_status(db):
    agreement = make_agreement(lines=False)
    assert advance_to(agreement, AgreementStatus.CLOSED).status == AgreementStatus.CLOSED


def test_revenue_overall_budget_and_operation_changes_are_in_history(
    db, finance_manager, funder_officer
):
    agreement = make_agreement()
    revenue = services.update_revenue(
        agreement.revenues.get(), actor=finance_manager, amount="2500"
    )
    assert revenue.history.first().history_user == finance_manager
    assert revenue.history.first().prev_record.amount == D("2000.00")
    services.set_beneficiary_budget(
        agreement.beneficiary,
        2024,
        actor=finance_manager,
        total_revenues="100",
        total_expenses="90",
    )
    budget = services.set_beneficiary_budget(
        agreement.beneficiary, 2024, actor=funder_officer, total_revenues="110", total_expenses="90"
    )
    assert [h.history_user for h in budget.history.all()] == [funder_officer, finance_manager]
    operation = services.create_operation(actor=funder_officer, funder=agreement.funder, year=2024, code="X1",
                                          imputation="1", label="Op", credits="100")  # fmt: skip
    services.update_operation(operation, actor=funder_officer, credits="120")
    assert operation.history.first().credits == D("120.00")
    assert operation.history.first().history_user == funder_officer

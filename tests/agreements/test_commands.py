"""`ouverture agreement list|show|prorata|check|remind`."""

import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.accounts.services import system_user
from ouverture.agreements import services
from ouverture.agreements.enums import AgreementStatus
from ouverture.agreements.models import BudgetLineSplit, ReminderSent
from ouverture.agreements.tasks import send_deadline_reminders
from tests.agreements.factories import expense, line, make_agreement
from tests.organisations.factories import OrganisationFactory


def run(*args):
    out = io.StringIO()
    call_command("agreement", *args, stdout=out)
    return out.getvalue()


def test_list_json(db):
    agreement = make_agreement(lines=False, reference="CONV-A", year=2024)
    make_agreement(lines=False, reference="CONV-B", action_start=dt.date(2025, 1, 1),
                   action_end=dt.date(2025, 12, 31), report_due=dt.date(2026, 4, 1))  # fmt: skip
    data = json.loads(run("list", "--format", "json"))
    assert data[0] == {
        "reference": "CONV-A",
        "beneficiary": agreement.beneficiary.name,
        "funder": agreement.funder.name,
        "year": 2024,
        "subsidy": "8000.00",
        "status": "draft",
    }
    assert [
        row["reference"] for row in json.loads(run("list", "--year", "2025", "--format", "json"))
    ] == ["CONV-B"]


def test_show_json_shape(db):
    agreement = make_agreement(reference="CONV-SHOW")
    expense(agreement, "2500")
    data = json.loads(run("show", "conv-show", "--format", "json"))
    assert data["budget_lines"][0] == {
        "label": "Accompagnements", "quantity": "7", "unit": "porteur", "unit_cost": "1000.00",
        "total": "7000.00", "rounding_gap": "0.00", "categories": {"staff": "7000.00"},
    }  # fmt: skip
    assert data["expenses_by_category"]["staff"] == {
        "label": "Coûts RH", "amount": "9000.00", "percent": "90", "percent_exact": "90.0000",
    }  # fmt: skip
    assert data["revenues"][agreement.funder.name]["amount"] == "8000.00"
    assert data["execution"]["realised"] == "2500.00"
    assert data["settlement"]["subsidy_due"] == "2000.00"
    assert data["funder_budget"] is None and data["beneficiary_budget"] is None
    assert {
        "reference",
        "status",
        "funder",
        "beneficiary",
        "period",
        "report_due",
        "commitments",
        "checks",
    } <= set(data)


def test_prorata_text_and_json(db):
    make_agreement(reference="CONV-P", lines=False)
    assert "subvention due 6\u00a0000,00\u00a0€" in run("prorata", "CONV-P", "--realised", "7500")
    data = json.loads(run("prorata", "CONV-P", "--realised", "12 000,00", "--format", "json"))
    assert data["subsidy_due"] == "8000.00" and data["realised"] == "12000.00"
    with pytest.raises(CommandError, match="négatif"):
        run("prorata", "CONV-P", "--realised", "-3")
    with pytest.raises(CommandError, match="Aucune convention « NOPE »"):
        run("prorata", "NOPE", "--realised", "1")


def test_check_fails_when_categories_do_not_make_a_line(db):
    agreement = make_agreement(reference="CONV-C")
    assert "Aucun contrôle à corriger" in run("check", "CONV-C")
    # A split changed behind the services' back (an old import, a manual fix in the database).
    BudgetLineSplit.objects.filter(
        line=line(agreement, "Outils"), category="external_services"
    ).update(amount=900)
    with pytest.raises(CommandError, match=r"^1 contrôle à corriger\.$"):
        run("check", "CONV-C")
    services.update_revenue(agreement.revenues.get(), actor=system_user(), amount="1500")
    with pytest.raises(CommandError, match=r"^2 contrôles à corriger\.$"):
        run("check", "CONV-C")


def test_check_fails_when_revenues_do_not_balance(db, actor):
    agreement = make_agreement(reference="CONV-R")
    services.update_revenue(agreement.revenues.get(), actor=actor, amount="1500")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("agreement", "check", "CONV-R", stdout=out)
    assert "✗ Recettes = dépenses" in out.getvalue()


@override_settings(OUVERTURE_REMINDER_DAYS=[30, 7])
def test_reminders_are_sent_once_per_step(db, finance_manager, funder_officer, staff, make_user):
    make_agreement(reference="CONV-M", status=AgreementStatus.RUNNING)
    # Another funder's officer is not told of the default funder's agreement.
    make_user(Role.FUNDER_OFFICER, organisation=OrganisationFactory(), email="ailleurs@example.org")
    assert run("remind", "--today", "2024-11-01").endswith("0 rappel envoyé.\n")
    out = run("remind", "--today", "2024-12-01")  # 30 days before the end of the period
    assert "Rappel J-30 : CONV-M" in out and out.endswith("\n1 rappel envoyé.\n")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "CONV-M" in message.subject and "dans 30 jours" in message.subject
    assert sorted(message.to) == sorted([finance_manager.email, funder_officer.email])
    assert "/conventions/" in message.body
    run("remind", "--today", "2024-12-01")
    run("remind", "--today", "2024-12-10")  # still the 30-day step: already sent
    assert len(mail.outbox) == 1
    run("remind", "--today", "2024-12-26")  # a missed day catches up with the 7-day step
    assert len(mail.outbox) == 2 and "dans 5 jours" in mail.outbox[1].subject
    assert ReminderSent.objects.count() == 2


@override_settings(OUVERTURE_REMINDER_DAYS=[30])
def test_the_reminders_count_agrees_with_how_many_were_sent(db, finance_manager):
    make_agreement(reference="CONV-P1", status=AgreementStatus.RUNNING)
    make_agreement(reference="CONV-P2", status=AgreementStatus.RUNNING)
    out = run("remind", "--today", "2024-12-01")
    assert "CONV-P1" in out and "CONV-P2" in out
    assert out.endswith("\n2 rappels envoyés.\n")
    assert len(mail.outbox) == 2


@override_settings(OUVERTURE_REMINDER_DAYS=[7])
def test_the_task_sends_todays_reminders_and_none_once_the_report_is_received(db, finance_manager):
    today = timezone.localdate()
    dates = dict(
        action_start=today - dt.timedelta(days=100),
        action_end=today + dt.timedelta(days=7),
        report_due=today + dt.timedelta(days=90),
    )
    make_agreement(reference="CONV-T", status=AgreementStatus.RUNNING, lines=False, **dates)
    make_agreement(reference="CONV-U", status=AgreementStatus.REPORT_RECEIVED, lines=False, **dates)
    assert send_deadline_reminders.enqueue().return_value == 1
    assert [m.subject.split(" : ")[0] for m in mail.outbox] == ["[Ouverture] CONV-T"]
    assert send_deadline_reminders.enqueue().return_value == 0

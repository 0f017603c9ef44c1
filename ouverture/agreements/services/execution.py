"""Write operations on execution: expenses against budget lines, payments of the subsidy."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements.enums import AgreementStatus, ExpenseCategory, PaymentKind
from ouverture.agreements.models import Agreement, Expense, Payment
from ouverture.agreements.services._common import amount, ensure_budget_open, inside, period_text
from ouverture.core import history
from ouverture.core.formats import format_date, format_money

EXPENSE_FIELDS = {"budget_line", "date", "supplier", "label", "amount", "category", "receipt"}


def _check_expense(expense):
    agreement = expense.agreement
    line = expense.budget_line
    if line is None or line.agreement_id != agreement.pk:
        raise ValidationError(
            {"budget_line": "Choisissez une ligne budgétaire de cette convention."}
        )
    expense.amount = amount(expense.amount, "amount")
    if expense.date is None:
        raise ValidationError({"date": "Indiquez la date de paiement."})
    if not inside(expense.date, agreement.eligibility_start, agreement.eligibility_end):
        raise ValidationError(
            {
                "date": f"Le {format_date(expense.date)} est hors de la période d'éligibilité des "
                f"dépenses ({period_text(agreement.eligibility_start, agreement.eligibility_end)}) : "
                "cette dépense ne peut pas être imputée à la convention."
            }
        )
    categories = list(line.split_amounts())
    if not expense.category and len(categories) == 1:
        expense.category = categories[0]
    if expense.category not in categories:
        labels = " ou ".join(f"« {ExpenseCategory(c).label} »" for c in categories)
        raise ValidationError(
            {
                "category": f"La ligne « {line.label} » est budgétée en {labels} : "
                "choisissez l'une de ces catégories."
            }
        )


@transaction.atomic
def record_expense(agreement, *, actor, **fields):
    """An expense paid inside the eligibility period, charged to one of the agreement's lines.
    The category defaults to the line's when the line has only one."""
    unknown = set(fields) - EXPENSE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_budget_open(agreement)
    fields.setdefault("category", "")
    fields["receipt"] = fields.get("receipt") or None
    expense = Expense(agreement=agreement, **fields)
    _check_expense(expense)
    return history.save(expense, actor)


@transaction.atomic
def update_expense(expense, *, actor, **changes):
    unknown = set(changes) - EXPENSE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    # Lock the agreement (its status decides whether the budget is still open) and read
    # the expense as it is now: only the fields changed here are written.
    agreement = Agreement.objects.select_for_update().get(pk=expense.agreement_id)
    ensure_budget_open(agreement)
    current = Expense.objects.select_for_update().get(pk=expense.pk)
    current.agreement = agreement
    if "receipt" in changes and not changes["receipt"]:
        changes.pop("receipt")  # no new file: keep the one already attached
    for name, value in changes.items():
        setattr(current, name, value)
    _check_expense(current)
    fields = sorted(set(changes) | {"amount", "category"})
    history.save(current, actor, update_fields=fields)
    for name in fields:
        setattr(expense, name, getattr(current, name))
    return expense


@transaction.atomic
def remove_expense(expense, *, actor):
    ensure_budget_open(expense.agreement)
    history.delete(expense, actor)


# Payments ------------------------------------------------------------------

PAYMENT_FIELDS = {"kind", "date", "amount", "reference", "note"}


@transaction.atomic
def record_payment(agreement, *, actor, **fields):
    """A payment of the subsidy (advance, balance) or a recovery of an overpayment. Payments
    start once the agreement is signed and stop when it is closed; together they never exceed
    the subsidy, and a recovery never exceeds what was paid."""
    unknown = set(fields) - PAYMENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.is_at_least(AgreementStatus.SIGNED):
        raise ValidationError(
            "La convention n'est pas signée : aucun versement avant la signature."
        )
    if agreement.status == AgreementStatus.CLOSED:
        raise ValidationError("La convention est clôturée : plus aucun versement.")
    if fields.get("kind") not in PaymentKind.values:
        raise ValidationError({"kind": "Choisissez la nature du versement."})
    payment = Payment(agreement=agreement, **fields)
    payment.amount = amount(payment.amount, "amount")
    paid = agreement.payments.net_paid()
    if payment.kind == PaymentKind.RECOVERY:
        if payment.amount > paid:
            raise ValidationError(
                {
                    "amount": f"Le reversement ({format_money(payment.amount)}) dépasse ce qui a été "
                    f"versé ({format_money(paid)})."
                }
            )
    elif agreement.subsidy is None:
        raise ValidationError(
            {"amount": "La subvention n'est pas encore connue : aucun versement possible."}
        )
    elif paid + payment.amount > agreement.subsidy:
        raise ValidationError(
            {
                "amount": f"Avec ce versement, le total versé ({format_money(paid + payment.amount)}) "
                f"dépasserait la subvention ({format_money(agreement.subsidy)})."
            }
        )
    return history.save(payment, actor)


@transaction.atomic
def remove_payment(payment, *, actor):
    if payment.agreement.status == AgreementStatus.CLOSED:
        raise ValidationError("La convention est clôturée : ses versements ne changent plus.")
    history.delete(payment, actor)

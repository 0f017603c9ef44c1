"""Write operations on the funder's budget: operations, their credits, and the credit reserved
for files (a proposal, then a commitment)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements.enums import CreditStatus
from ouverture.agreements.models import BudgetOperation, CreditCommitment
from ouverture.agreements.services._common import amount as parse_amount
from ouverture.core import history
from ouverture.core.formats import format_money

OPERATION_FIELDS = {"funder", "year", "code", "imputation", "label", "credits"}


def _check_code(operation):
    operation.code = (operation.code or "").strip().upper()
    clash = BudgetOperation.objects.filter(
        funder=operation.funder_id, year=operation.year, code=operation.code
    ).exclude(pk=operation.pk)
    if clash.exists():
        raise ValidationError(
            {"code": f"L'opération {operation.code} existe déjà pour {operation.year}."}
        )


@transaction.atomic
def create_operation(*, actor, **fields):
    unknown = set(fields) - OPERATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    operation = BudgetOperation(**fields)
    operation.credits = parse_amount(
        operation.credits, "credits", label="Les crédits", allow_zero=True
    )
    _check_code(operation)
    return history.save(operation, actor)


@transaction.atomic
def update_operation(operation, *, actor, **changes):
    unknown = set(changes) - OPERATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    operation = BudgetOperation.objects.select_for_update().get(pk=operation.pk)
    for name, value in changes.items():
        setattr(operation, name, value)
    operation.credits = parse_amount(
        operation.credits, "credits", label="Les crédits", allow_zero=True
    )
    _check_code(operation)
    reserved = operation.reserved_amount()
    if operation.credits < reserved:
        raise ValidationError(
            {
                "credits": f"{format_money(reserved)} sont déjà proposés ou engagés sur cette "
                "opération : les crédits ne peuvent pas descendre en dessous."
            }
        )
    return history.save(operation, actor)


def _refuse_above_available(operation, value, available):
    if value > available:
        raise ValidationError(
            {
                "amount": f"La proposition de {format_money(value)} dépasse le crédit disponible "
                f"({format_money(available)}) de {format_money(value - available)} : elle est refusée."
            }
        )


@transaction.atomic
def reserve_credit(
    operation,
    *,
    actor,
    amount,
    label,
    agreement=None,
    status=CreditStatus.PROPOSED,
    decided_on=None,
    note="",
):
    """Reserve credit of an operation for a file. Refused above the available credit; the row
    of the operation is locked so that two proposals cannot both take the same euros."""
    operation = BudgetOperation.objects.select_for_update().get(pk=operation.pk)
    value = parse_amount(amount, "amount")
    if status not in (CreditStatus.PROPOSED, CreditStatus.COMMITTED):
        raise ValidationError({"status": "Une réservation est une proposition ou un engagement."})
    _refuse_above_available(operation, value, operation.available_amount())
    if agreement is not None and agreement.funder_id != operation.funder_id:
        raise ValidationError(
            {"agreement": "Cette convention n'est pas financée par le titulaire de l'opération."}
        )
    commitment = CreditCommitment(
        operation=operation,
        agreement=agreement,
        label=label,
        amount=value,
        status=status,
        decided_on=decided_on,
        note=note,
    )
    return history.save(commitment, actor)


@transaction.atomic
def set_credit_status(commitment, *, actor, status, decided_on=None):
    """Proposal → committed (the vote), or cancelled (frees the credit). Reviving a cancelled
    line checks the available credit again."""
    commitment = CreditCommitment.objects.select_related("operation").get(pk=commitment.pk)
    operation = BudgetOperation.objects.select_for_update().get(pk=commitment.operation_id)
    if status not in CreditStatus.values:
        raise ValidationError({"status": f"Statut « {status} » inconnu."})
    if commitment.status == CreditStatus.CANCELLED and status != CreditStatus.CANCELLED:
        _refuse_above_available(operation, commitment.amount, operation.available_amount())
    before = commitment.get_status_display()
    commitment.status = status
    if decided_on is not None:
        commitment.decided_on = decided_on
    return history.save(
        commitment, actor, reason=f"Statut : {before} → {commitment.get_status_display()}"
    )

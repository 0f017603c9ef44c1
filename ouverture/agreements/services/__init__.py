"""Write operations of the agreements app, split by sub-domain and gathered here:
views, commands, the loader and tests call `services.<function>`."""

from ouverture.agreements.services.agreements import (
    add_commitment,
    advance_status,
    create_agreement,
    remove_commitment,
    update_agreement,
    update_commitment,
)
from ouverture.agreements.services.budget import (
    add_budget_line,
    add_revenue,
    remove_budget_line,
    remove_revenue,
    set_beneficiary_budget,
    update_budget_line,
    update_revenue,
)
from ouverture.agreements.services.deliverables import (
    add_deliverable,
    remove_deliverable,
    update_deliverable,
)
from ouverture.agreements.services.examples import set_pro_rata_examples
from ouverture.agreements.services.execution import (
    record_expense,
    record_payment,
    remove_expense,
    remove_payment,
    update_expense,
)
from ouverture.agreements.services.funder import (
    create_operation,
    reserve_credit,
    set_credit_status,
    update_operation,
)
from ouverture.agreements.services.reminders import send_due_reminders
from ouverture.agreements.services.schedule import mark_instalment_paid, set_schedule
from ouverture.agreements.services.strands import (
    add_strand,
    record_stated_subtotal,
    remove_stated_subtotal,
    set_line_strand,
)

__all__ = [
    "add_budget_line",
    "add_commitment",
    "add_deliverable",
    "remove_deliverable",
    "update_deliverable",
    "add_revenue",
    "add_strand",
    "mark_instalment_paid",
    "record_stated_subtotal",
    "remove_stated_subtotal",
    "set_line_strand",
    "set_schedule",
    "advance_status",
    "create_agreement",
    "create_operation",
    "record_expense",
    "record_payment",
    "remove_budget_line",
    "remove_commitment",
    "remove_expense",
    "remove_payment",
    "remove_revenue",
    "reserve_credit",
    "send_due_reminders",
    "set_beneficiary_budget",
    "set_pro_rata_examples",
    "set_credit_status",
    "update_agreement",
    "update_budget_line",
    "update_commitment",
    "update_expense",
    "update_operation",
    "update_revenue",
]

"""The agreements' records, split by sub-domain; import them from here."""

from ouverture.agreements.models.agreement import Agreement, Commitment
from ouverture.agreements.models.budget import (
    BeneficiaryBudget,
    BudgetLine,
    BudgetLineSplit,
    Revenue,
)
from ouverture.agreements.models.deliverables import Deliverable
from ouverture.agreements.models.examples import ProRataExample
from ouverture.agreements.models.execution import Expense, Payment, ReminderSent
from ouverture.agreements.models.funder import BudgetOperation, CreditCommitment

__all__ = [
    "Agreement",
    "BeneficiaryBudget",
    "BudgetLine",
    "BudgetLineSplit",
    "BudgetOperation",
    "Commitment",
    "CreditCommitment",
    "Deliverable",
    "Expense",
    "Payment",
    "ProRataExample",
    "ReminderSent",
    "Revenue",
]

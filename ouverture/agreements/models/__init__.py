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
from ouverture.agreements.models.schedule import Instalment
from ouverture.agreements.models.strands import BudgetStrand, StatedKind, StatedSubtotal

__all__ = [
    "Agreement",
    "BeneficiaryBudget",
    "BudgetLine",
    "BudgetLineSplit",
    "BudgetOperation",
    "BudgetStrand",
    "Commitment",
    "CreditCommitment",
    "Deliverable",
    "Expense",
    "Instalment",
    "Payment",
    "ProRataExample",
    "ReminderSent",
    "Revenue",
    "StatedKind",
    "StatedSubtotal",
]

"""Where an agreement stands: every figure of its page, its exports and its JSON, computed from
its records with a fixed number of queries whatever the number of expenses."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils import timezone

from ouverture.agreements import finance, hooks
from ouverture.agreements.deadlines import deadlines
from ouverture.agreements.enums import ExpenseCategory
from ouverture.agreements.models import BeneficiaryBudget, CreditCommitment, Expense
from ouverture.agreements.progress import progress
from ouverture.core.formats import percent

ZERO = finance.ZERO


@dataclass
class LineExecution:
    line: object
    planned: Decimal
    spent: Decimal

    @property
    def rate(self):
        return finance.execution_rate(self.spent, self.planned)

    @property
    def remaining(self):
        return self.planned - self.spent


@dataclass
class CreditLine:
    """The agreement's line in the funder's budget, as the assembly's report prints it."""

    commitment: object
    operation: object
    credits: Decimal
    available: Decimal  # before this proposal
    proposal: Decimal

    @property
    def balance(self):
        return self.available - self.proposal


@dataclass
class StrandTotal:
    """A strand of the budget (None: the lines in no strand) and the subtotal of its lines."""

    strand: object
    lines: list
    subtotal: Decimal

    @property
    def label(self):
        return self.strand.label if self.strand is not None else "Hors volet"


@dataclass
class ScheduleRow:
    """An instalment and its amount computed from the subsidy (None while it is not known)."""

    instalment: object
    amount: Decimal | None

    @property
    def payment(self):
        return self.instalment.payment

    @property
    def paid_on(self):
        return self.payment.date if self.payment else None


class AgreementOverview:
    def __init__(self, agreement, *, today=None):
        self.agreement = agreement
        self.today = today or timezone.localdate()

    # Budget ---------------------------------------------------------------

    @cached_property
    def lines(self):
        return list(self.agreement.budget_lines.in_order().with_splits())

    @cached_property
    def budget_total(self):
        return sum((line.total for line in self.lines), ZERO)

    @cached_property
    def strands(self):
        return list(self.agreement.strands.in_order())

    @cached_property
    def strand_totals(self):
        """Lines grouped by strand, in the strands' order, then the lines in none; [] when the
        budget has no strands."""
        if not self.strands:
            return []
        groups = {s.pk: StrandTotal(s, [], ZERO) for s in self.strands}
        loose = StrandTotal(None, [], ZERO)
        for line in self.lines:
            group = groups.get(line.strand_id, loose)
            group.lines.append(line)
            group.subtotal += line.total
        return [*groups.values(), *([loose] if loose.lines else [])]

    @cached_property
    def stated_subtotals(self):
        return list(self.agreement.stated_subtotals.select_related("strand").order_by("pk"))

    @cached_property
    def unit_cost_sum(self):
        return sum((line.unit_cost for line in self.lines), ZERO)

    # Payment schedule ---------------------------------------------------------

    @cached_property
    def schedule(self):
        instalments = list(self.agreement.instalments.in_order().select_related("payment"))
        subsidy = self.agreement.subsidy
        if subsidy is None:
            return [ScheduleRow(i, None) for i in instalments]
        amounts = finance.schedule_amounts(subsidy, [(i.share, i.amount) for i in instalments])
        return [ScheduleRow(i, a) for i, a in zip(instalments, amounts, strict=True)]

    @property
    def schedule_total(self):
        if any(row.amount is None for row in self.schedule):
            return None
        return sum((row.amount for row in self.schedule), ZERO)

    @cached_property
    def planned_by_category(self):
        planned = dict.fromkeys(ExpenseCategory.values, ZERO)
        for line in self.lines:
            for split in line.splits.all():
                planned[split.category] += split.amount
        return planned

    @cached_property
    def expense_shares(self):
        """Expenses of the financing plan by category, with their exact share of the total."""
        items = [
            (c.value, c.label, self.planned_by_category[c.value])
            for c in ExpenseCategory
            if self.planned_by_category[c.value]
        ]
        return finance.shares(items)

    @cached_property
    def revenues(self):
        return list(self.agreement.revenues.order_by("position", "pk"))

    @cached_property
    def funder_label(self):
        return self.agreement.funder.usual_name or self.agreement.funder.name

    @cached_property
    def revenue_shares(self):
        """Revenues by funder: the agreement's subsidy first, then the co-fundings."""
        items = [("funder", self.funder_label, self.agreement.subsidy)]
        items += [(f"revenue-{r.pk}", r.funder_label, r.amount) for r in self.revenues]
        return finance.shares(items)

    @cached_property
    def beneficiary_budget(self):
        return BeneficiaryBudget.objects.for_agreement(self.agreement).first()

    @cached_property
    def beneficiary_shares(self):
        budget = self.beneficiary_budget
        if budget is None:
            return None
        return {
            "year": budget.year,
            "revenues": budget.total_revenues,
            "expenses": budget.total_expenses,
            "result": budget.result,
            "subsidy_share": percent(self.agreement.subsidy, budget.total_revenues)
            if self.agreement.subsidy is not None
            else None,
            "programme_share": percent(self.budget_total, budget.total_expenses),
            "programme_result": self.revenue_shares.total - self.budget_total,
            "source": budget.source,
        }

    # Execution ------------------------------------------------------------

    @cached_property
    def _expenses(self):
        return Expense.objects.for_agreement(self.agreement)

    @cached_property
    def spent_by_line(self):
        return self._expenses.totals_by_line()

    @cached_property
    def spent_by_category(self):
        return self._expenses.totals_by_category()

    @cached_property
    def realised(self):
        return sum(self.spent_by_line.values(), ZERO)

    @cached_property
    def line_execution(self):
        return [
            LineExecution(line, line.total, self.spent_by_line.get(line.pk, ZERO))
            for line in self.lines
        ]

    @cached_property
    def category_execution(self):
        rows = []
        for c in ExpenseCategory:
            planned = self.planned_by_category[c.value]
            spent = self.spent_by_category.get(c.value, ZERO)
            if planned or spent:
                rows.append({"category": c.value, "label": c.label, "planned": planned,
                             "spent": spent, "rate": finance.execution_rate(spent, planned)})  # fmt: skip
        return rows

    @cached_property
    def execution_rate(self):
        return finance.execution_rate(self.realised, self.agreement.forecast_cost)

    @cached_property
    def expenses_outside_period(self):
        a = self.agreement
        return self._expenses.outside(a.eligibility_start, a.eligibility_end).count()

    def latest_expenses(self, limit=10):
        return list(self._expenses.latest_first()[:limit])

    @cached_property
    def expense_count(self):
        return self._expenses.count()

    # Settlement -----------------------------------------------------------

    def subsidy_due_for(self, realised):
        return finance.pro_rata(self.agreement.subsidy, self.agreement.forecast_cost, realised)

    @cached_property
    def subsidy_due(self):
        return self.subsidy_due_for(self.realised)

    @cached_property
    def payments(self):
        return list(self.agreement.payments.order_by("date", "pk"))

    @cached_property
    def paid(self):
        return sum((p.signed_amount for p in self.payments), ZERO)

    @cached_property
    def left_to_pay(self):
        """Positive: the funder still owes it; negative: the beneficiary must pay it back.
        None while the subsidy is not known."""
        if self.subsidy_due is None:
            return None
        return self.subsidy_due - self.paid

    @property
    def to_pay(self):
        return None if self.left_to_pay is None else max(self.left_to_pay, ZERO)

    @property
    def to_recover(self):
        return None if self.left_to_pay is None else max(-self.left_to_pay, ZERO)

    # Commitments ------------------------------------------------------------

    @cached_property
    def commitments(self):
        commitments = self.agreement.commitments.in_order().select_related("budget_line")
        return [progress(c, self.today) for c in commitments]

    # Funder's budget --------------------------------------------------------

    @cached_property
    def credit_line(self):
        commitment = (
            CreditCommitment.objects.filter(agreement=self.agreement)
            .reserving()
            .select_related("operation")
            .order_by("pk")
            .first()
        )
        if commitment is None:
            return None
        operation = commitment.operation
        available = operation.credits - operation.reserved_amount(before=commitment)
        return CreditLine(commitment, operation, operation.credits, available, commitment.amount)

    # The act that grants it -----------------------------------------------

    @cached_property
    def acts(self):
        """The deliberations that link this agreement (`hooks.ActRef`, oldest first)."""
        return hooks.acts_of(self.agreement)

    @cached_property
    def rate_cap(self):
        """The call's maximum rate for the funder's share, when the agreement comes from an
        application (`hooks.RateCap`), else None."""
        return hooks.rate_cap_of(self.agreement)

    @property
    def deliberation_text(self):
        return " ; ".join(act.text for act in self.acts)

    # Where it stands --------------------------------------------------------

    @cached_property
    def deadlines(self):
        return deadlines(self.agreement)

    @cached_property
    def checks(self):
        from ouverture.agreements.checks import run_checks

        return run_checks(self)

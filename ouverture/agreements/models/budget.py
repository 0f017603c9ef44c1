from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from simple_history.models import HistoricalRecords

from ouverture.agreements import finance
from ouverture.agreements.enums import ExpenseCategory
from ouverture.agreements.models._common import cents, money, require_positive

CATEGORY_ORDER = list(ExpenseCategory.values)


class BudgetLineQuerySet(models.QuerySet):
    def for_agreement(self, agreement):
        return self.filter(agreement=agreement)

    def in_order(self):
        return self.order_by("position", "pk")

    def with_splits(self):
        return self.prefetch_related("splits")


class BudgetLine(models.Model):
    """A line of the forecast budget. The total is primary; the unit cost is derived."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    strand = models.ForeignKey(
        "agreements.BudgetStrand",
        verbose_name="volet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
    )
    label = models.CharField("type de dépense", max_length=255)
    quantity = models.DecimalField("quantité", max_digits=10, decimal_places=2)
    unit = models.CharField("unité", max_length=50)
    total = money("total")
    description = models.TextField("descriptif", blank=True)

    history = HistoricalRecords()
    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = "ligne budgétaire"
        verbose_name_plural = "lignes budgétaires"
        ordering = ["agreement", "position", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        require_positive(errors, "quantity", self.quantity, "La quantité")
        require_positive(errors, "total", self.total, "Le total")
        if not (self.unit or "").strip():
            errors["unit"] = "Indiquez l'unité (porteur, module, forfait…)."
        if errors:
            raise ValidationError(errors)

    @property
    def unit_cost(self):
        return finance.rounded_unit_cost(self.total, self.quantity)

    @property
    def rounding_gap(self):
        return finance.rounding_gap(self.total, self.quantity)

    def ordered_splits(self):
        """The prefetched splits in the order of the categories (staff first)."""
        return sorted(self.splits.all(), key=lambda s: CATEGORY_ORDER.index(s.category))

    def split_amounts(self):
        """{category: amount} from the prefetched splits, in the order of the categories."""
        return {s.category: s.amount for s in self.ordered_splits()}


class BudgetLineSplit(models.Model):
    """The part of a budget line in one expense category (PAM tools: 2 000 staff + 1 400 external)."""

    line = models.ForeignKey(
        BudgetLine, verbose_name="ligne budgétaire", on_delete=models.CASCADE, related_name="splits"
    )
    category = models.CharField("catégorie", max_length=20, choices=ExpenseCategory.choices)
    amount = money("montant")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "répartition par catégorie"
        verbose_name_plural = "répartitions par catégorie"
        constraints = [
            models.UniqueConstraint(fields=["line", "category"], name="one_split_per_category")
        ]
        ordering = ["line", "category"]

    def __str__(self):
        return f"{self.get_category_display()} : {self.amount}"

    def clean(self):
        errors = {}
        require_positive(errors, "amount", self.amount)
        if errors:
            raise ValidationError(errors)


class RevenueQuerySet(models.QuerySet):
    def for_agreement(self, agreement):
        return self.filter(agreement=agreement)

    def total(self):
        return cents(self.aggregate(total=Sum("amount"))["total"])


class Revenue(models.Model):
    """A co-funding of the programme. The funder's subsidy is the agreement's own figure and is
    never typed again as a revenue: the financing plan adds it."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="revenues",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    funder_label = models.CharField("financeur", max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="structure (si elle est enregistrée)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cofundings",
    )
    amount = money("montant")
    note = models.CharField("note", max_length=255, blank=True)

    history = HistoricalRecords()
    objects = RevenueQuerySet.as_manager()

    class Meta:
        verbose_name = "recette"
        ordering = ["agreement", "position", "pk"]

    def __str__(self):
        return self.funder_label

    def clean(self):
        errors = {}
        require_positive(errors, "amount", self.amount)
        if not (self.funder_label or "").strip():
            errors["funder_label"] = "Indiquez le financeur."
        if errors:
            raise ValidationError(errors)


class BeneficiaryBudgetQuerySet(models.QuerySet):
    def for_agreement(self, agreement):
        return self.filter(organisation=agreement.beneficiary_id, year=agreement.year)


class BeneficiaryBudget(models.Model):
    """The beneficiary's overall budget for a year, to show the programme's share of it."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="structure",
        on_delete=models.CASCADE,
        related_name="overall_budgets",
    )
    year = models.PositiveSmallIntegerField("exercice")
    total_revenues = money("total des produits")
    total_expenses = money("total des charges")
    source = models.CharField("source", max_length=255, blank=True)

    history = HistoricalRecords()
    objects = BeneficiaryBudgetQuerySet.as_manager()

    class Meta:
        verbose_name = "budget global du bénéficiaire"
        verbose_name_plural = "budgets globaux des bénéficiaires"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_overall_budget_per_year"
            )
        ]

    def __str__(self):
        return f"Budget {self.year} — {self.organisation}"

    def clean(self):
        errors = {}
        require_positive(errors, "total_revenues", self.total_revenues, "Le total des produits")
        require_positive(errors, "total_expenses", self.total_expenses, "Le total des charges")
        if errors:
            raise ValidationError(errors)

    @property
    def result(self):
        return self.total_revenues - self.total_expenses

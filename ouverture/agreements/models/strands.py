"""Strands (chapters) of the budget and the subtotals a submitted budget printed.

A strand groups lines ("Accompagnement", "Outils du PAM"); its subtotal is computed from its
lines. What a document submitted by the beneficiary printed (a strand's subtotal, a
category's row of the financing plan, the table's total row, even a total under the unit-cost
column) is recorded as a `StatedSubtotal`, never used as a figure: `checks.py` compares each
with what the lines give and says which one disagrees, by how much.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.agreements.enums import ExpenseCategory
from ouverture.agreements.models._common import money


class BudgetStrandQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("position", "pk")


class BudgetStrand(models.Model):
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="strands",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("volet", max_length=150)

    history = HistoricalRecords()
    objects = BudgetStrandQuerySet.as_manager()

    class Meta:
        verbose_name = "volet du budget"
        verbose_name_plural = "volets du budget"
        ordering = ["agreement", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "label"], name="one_strand_label")
        ]

    def __str__(self):
        return self.label


class StatedKind(models.TextChoices):
    STRAND = "strand", "Sous-total d'un volet"
    CATEGORY = "category", "Total d'une catégorie de dépense (plan de financement)"
    BUDGET_TOTAL = "budget_total", "Total du tableau budgétaire"
    UNIT_COST_COLUMN = "unit_cost_column", "Total imprimé sous la colonne « coût unitaire »"


class StatedSubtotal(models.Model):
    """A subtotal as a submitted document printed it, kept to be checked (never a figure)."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="stated_subtotals",
    )
    kind = models.CharField("nature", max_length=20, choices=StatedKind.choices)
    strand = models.ForeignKey(
        BudgetStrand,
        verbose_name="volet",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stated_subtotals",
    )
    category = models.CharField(
        "catégorie", max_length=20, choices=ExpenseCategory.choices, blank=True
    )
    amount = money("montant imprimé")
    source = models.CharField("où il est imprimé", max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sous-total indiqué"
        verbose_name_plural = "sous-totaux indiqués"
        ordering = ["agreement", "kind", "pk"]

    def __str__(self):
        return f"{self.what} : {self.amount}"

    @property
    def what(self):
        if self.kind == StatedKind.STRAND and self.strand_id:
            return f"Sous-total du volet « {self.strand.label} »"
        if self.kind == StatedKind.CATEGORY and self.category:
            return f"Total « {ExpenseCategory(self.category).label} »"
        return StatedKind(self.kind).label

    def clean(self):
        errors = {}
        if self.kind == StatedKind.STRAND and not self.strand_id:
            errors["strand"] = "Un sous-total de volet dit de quel volet il s'agit."
        if self.kind != StatedKind.STRAND and self.strand_id:
            errors["strand"] = "Seul un sous-total de volet se rattache à un volet."
        if self.kind == StatedKind.CATEGORY and not self.category:
            errors["category"] = "Indiquez la catégorie de dépense de ce total."
        if self.kind != StatedKind.CATEGORY and self.category:
            errors["category"] = "Seul un total de catégorie porte une catégorie."
        if self.strand_id and self.agreement_id and self.strand.agreement_id != self.agreement_id:
            errors["strand"] = "Ce volet appartient à une autre convention."
        if errors:
            raise ValidationError(errors)

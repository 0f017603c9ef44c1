from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from ouverture.agreements import finance
from ouverture.agreements.enums import CreditStatus
from ouverture.agreements.models._common import cents, money, require_positive
from ouverture.agreements.scope import restrict_to_funder

RESERVING = ~Q(commitments__status=CreditStatus.CANCELLED)


class BudgetOperationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The operations of the funders whose agreements the user reaches (agreements.scope)."""
        return restrict_to_funder(self, user)

    def for_year(self, year):
        return self.filter(year=year)

    def with_credit(self):
        """Sum the reserved credit (proposals and commitments) in the same query; `reserved`
        and `available` then read it rather than asking again."""
        return self.annotate(
            reserved_total=Coalesce(
                Sum("commitments__amount", filter=RESERVING),
                Value(finance.ZERO),
                output_field=models.DecimalField(max_digits=12, decimal_places=2),
            )
        )


class BudgetOperation(models.Model):
    """A line of the funder's budget: an operation code and its credits for a year."""

    funder = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="financeur",
        on_delete=models.PROTECT,
        related_name="budget_operations",
    )
    year = models.PositiveSmallIntegerField("exercice")
    code = models.CharField("code opération", max_length=30)
    imputation = models.CharField("imputation budgétaire", max_length=50)
    label = models.CharField("libellé", max_length=200)
    credits = money("crédits de paiement (CP)")

    history = HistoricalRecords()
    objects = BudgetOperationQuerySet.as_manager()

    class Meta:
        verbose_name = "opération budgétaire"
        ordering = ["-year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["funder", "year", "code"], name="one_operation_code_per_year"
            )
        ]

    def __str__(self):
        return f"{self.code} — {self.label} ({self.year})"

    def clean(self):
        errors = {}
        if self.credits is not None and self.credits < 0:
            errors["credits"] = "Les crédits ne peuvent pas être négatifs."
        if errors:
            raise ValidationError(errors)

    def reserved_amount(self, *, before=None):
        """Proposals and commitments not cancelled (recorded before `before` when given)."""
        qs = self.commitments.exclude(status=CreditStatus.CANCELLED)
        if before is not None:
            qs = qs.filter(pk__lt=before.pk)
        return cents(qs.aggregate(total=Sum("amount"))["total"])

    def available_amount(self):
        return self.credits - self.reserved_amount()

    @property
    def reserved(self):
        if hasattr(self, "reserved_total"):
            return cents(self.reserved_total)
        return self.reserved_amount()

    @property
    def available(self):
        return self.credits - self.reserved


class CreditCommitmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The credits of the operations the user reaches (agreements.scope)."""
        return restrict_to_funder(self, user, "operation__funder")

    def reserving(self):
        return self.exclude(status=CreditStatus.CANCELLED)

    def in_order(self):
        return self.order_by("pk")


class CreditCommitment(models.Model):
    """Credit of an operation reserved for a file: proposed to the assembly, then committed."""

    operation = models.ForeignKey(
        BudgetOperation,
        verbose_name="opération",
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_lines",
    )
    label = models.CharField("objet", max_length=255)
    amount = money("montant")
    status = models.CharField(
        "statut", max_length=10, choices=CreditStatus.choices, default=CreditStatus.PROPOSED
    )
    decided_on = models.DateField("date", null=True, blank=True)
    note = models.CharField("note", max_length=255, blank=True)

    history = HistoricalRecords()
    objects = CreditCommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = "engagement de crédits"
        verbose_name_plural = "engagements de crédits"
        ordering = ["operation", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        require_positive(errors, "amount", self.amount)
        if errors:
            raise ValidationError(errors)

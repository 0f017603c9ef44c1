from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from simple_history.models import HistoricalRecords

from ouverture.agreements.enums import DeadlineKind, ExpenseCategory, PaymentKind
from ouverture.agreements.models._common import cents, document, money, require_positive
from ouverture.core.formats import format_date


class ExpenseQuerySet(models.QuerySet):
    def for_agreement(self, agreement):
        return self.filter(agreement=agreement)

    def total(self):
        return cents(self.aggregate(total=Sum("amount"))["total"])

    def totals_by_line(self):
        """{budget_line_id: amount} in one query."""
        return {
            row["budget_line"]: cents(row["total"])
            for row in self.order_by().values("budget_line").annotate(total=Sum("amount"))
        }

    def totals_by_category(self):
        """{category: amount} in one query."""
        return {
            row["category"]: cents(row["total"])
            for row in self.order_by().values("category").annotate(total=Sum("amount"))
        }

    def outside(self, start, end):
        return self.exclude(date__gte=start, date__lte=end)

    def latest_first(self):
        return self.select_related("budget_line").order_by("-date", "-pk")


class Expense(models.Model):
    """A paid expense charged to a budget line, inside the eligibility period."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="expenses",
    )
    budget_line = models.ForeignKey(
        "agreements.BudgetLine",
        verbose_name="ligne budgétaire",
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    date = models.DateField("date de paiement")
    supplier = models.CharField("fournisseur ou bénéficiaire du paiement", max_length=200)
    label = models.CharField("objet", max_length=255, blank=True)
    amount = money("montant")
    category = models.CharField("catégorie", max_length=20, choices=ExpenseCategory.choices)
    receipt = document("pièce justificative", "agreements/receipts/%Y/")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = ExpenseQuerySet.as_manager()

    class Meta:
        verbose_name = "dépense"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["agreement", "date"])]

    def __str__(self):
        return f"{self.supplier} — {format_date(self.date)}"

    def clean(self):
        errors = {}
        require_positive(errors, "amount", self.amount)
        if not (self.supplier or "").strip():
            errors["supplier"] = "Indiquez le fournisseur (ou la personne payée)."
        if errors:
            raise ValidationError(errors)


class PaymentQuerySet(models.QuerySet):
    def for_agreement(self, agreement):
        return self.filter(agreement=agreement)

    def net_paid(self):
        """Advances and balance paid, minus amounts paid back, in one query."""
        totals = self.aggregate(
            paid=Sum("amount", filter=~models.Q(kind=PaymentKind.RECOVERY)),
            recovered=Sum("amount", filter=models.Q(kind=PaymentKind.RECOVERY)),
        )
        return cents(totals["paid"]) - cents(totals["recovered"])


class Payment(models.Model):
    """Money the funder paid (advance, balance) or got back (recovery)."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="payments",
    )
    kind = models.CharField("nature", max_length=10, choices=PaymentKind.choices)
    date = models.DateField("date")
    amount = money("montant")
    reference = models.CharField("référence (mandat, titre)", max_length=100, blank=True)
    note = models.CharField("note", max_length=255, blank=True)

    history = HistoricalRecords()
    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = "versement"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} du {format_date(self.date)}"

    def clean(self):
        errors = {}
        require_positive(errors, "amount", self.amount)
        if errors:
            raise ValidationError(errors)

    @property
    def signed_amount(self):
        return -self.amount if self.kind == PaymentKind.RECOVERY else self.amount


class ReminderSent(models.Model):
    """A deadline reminder already e-mailed, so that a cron run twice sends it once."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(max_length=20, choices=DeadlineKind.choices)
    deadline = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rappel envoyé"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "deadline", "days_before"],
                name="one_reminder_per_step",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — J-{self.days_before}"

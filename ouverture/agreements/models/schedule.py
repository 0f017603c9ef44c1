"""The payment schedule (échéancier) of an agreement: the instalments its convention states.

An instalment is a share of the subsidy (a percentage) or a fixed amount, or, for the last
one only, the rest of the subsidy; its amount is computed (`finance.schedule_amounts`, half-up
to the cent), never typed twice. It says on what condition it is paid and by when; it is
paid when a `Payment` is linked to it, whose date and amount are the payment's own.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.agreements.enums import InstalmentKind
from ouverture.agreements.models._common import money
from ouverture.core.formats import format_percent


class InstalmentQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("position", "pk")


class Instalment(models.Model):
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="instalments",
    )
    position = models.PositiveSmallIntegerField("rang")
    kind = models.CharField("nature", max_length=10, choices=InstalmentKind.choices)
    share = models.DecimalField(
        "part de la subvention (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount = money("montant fixe", null=True, blank=True)
    condition = models.CharField("condition de versement", max_length=255)
    due_on = models.DateField("à verser au plus tard le", null=True, blank=True)
    payment = models.OneToOneField(
        "agreements.Payment",
        verbose_name="versement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instalment",
    )

    history = HistoricalRecords()
    objects = InstalmentQuerySet.as_manager()

    class Meta:
        verbose_name = "échéance"
        ordering = ["agreement", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="one_instalment_rank"),
            models.CheckConstraint(
                condition=models.Q(share__isnull=True) | models.Q(amount__isnull=True),
                name="instalment_share_or_amount",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.condition})"

    @property
    def share_text(self):
        """ "30 %", "33,33 %": the share as typed (it is a term of the convention)."""
        if self.share is None:
            return ""
        return format_percent(self.share, 0 if self.share == int(self.share) else 2)

    @property
    def is_rest(self):
        return self.share is None and self.amount is None

    def clean(self):
        errors = {}
        if self.share is not None and self.amount is not None:
            errors["share"] = (
                "Une échéance est une part de la subvention ou un montant, pas les deux."
            )
        if self.share is not None and not 0 < self.share <= 100:
            errors["share"] = "La part d'une échéance est comprise entre 0 et 100 %."
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = "Le montant d'une échéance doit être supérieur à zéro."
        if not (self.condition or "").strip():
            errors["condition"] = "Dites à quelle condition l'échéance est versée."
        if errors:
            raise ValidationError(errors)

"""The realised amounts at which the agreement illustrates its Article 5 (pro rata): a record
per example, so the convention computes each example's subsidy instead of printing a typed
sentence."""

from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.agreements.models.agreement import Agreement


class ProRataExampleQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("position", "pk")


class ProRataExample(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name="convention",
        on_delete=models.CASCADE,
        related_name="pro_rata_examples",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    realised = models.DecimalField("dépense réalisée", max_digits=12, decimal_places=2)

    history = HistoricalRecords()
    objects = ProRataExampleQuerySet.as_manager()

    class Meta:
        verbose_name = "exemple de l'article 5"
        verbose_name_plural = "exemples de l'article 5"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "realised"], name="pro_rata_example_unique_amount"
            )
        ]

    def __str__(self):
        return f"{self.agreement} — {self.realised}"

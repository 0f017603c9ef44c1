"""What a commitment produced (the PAM tools, a note to the funder): a record per deliverable,
so a commitment measured by its deliverables counts them instead of a typed figure."""

from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.agreements.models.agreement import Commitment


class DeliverableQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)


class Deliverable(models.Model):
    commitment = models.ForeignKey(
        Commitment,
        verbose_name="engagement",
        on_delete=models.CASCADE,
        related_name="deliverables",
    )
    date = models.DateField("livré le")
    title = models.CharField("livrable", max_length=200)
    description = models.TextField("description", blank=True)
    url = models.URLField("lien", blank=True)

    history = HistoricalRecords()
    objects = DeliverableQuerySet.as_manager()

    class Meta:
        verbose_name = "livrable"
        ordering = ["date", "pk"]

    def __str__(self):
        return self.title

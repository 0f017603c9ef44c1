"""A workshop's review (the source's "points positifs / négatifs", "axes d'amélioration" and
what was adapted on the day), kept on the workshop: one review per workshop, each part a text
with one point a line."""

from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.events.models import Workshop


class WorkshopReview(models.Model):
    workshop = models.OneToOneField(
        Workshop, on_delete=models.CASCADE, related_name="review", verbose_name="temps collectif"
    )
    strengths = models.TextField("points positifs", blank=True, help_text="Un point par ligne.")
    weaknesses = models.TextField("points négatifs", blank=True, help_text="Un point par ligne.")
    proposals = models.TextField("axes d'amélioration", blank=True, help_text="Un point par ligne.")
    adaptations = models.TextField(
        "ce qui a été adapté", blank=True, help_text="Écarts au programme et pourquoi."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bilan du temps collectif"
        verbose_name_plural = "bilans des temps collectifs"

    def __str__(self):
        return f"Bilan — {self.workshop}"

    @staticmethod
    def _points(text):
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]

    def as_dict(self):
        """For documents: each part as a list of points (adaptations as one text)."""
        return {
            "strengths": self._points(self.strengths),
            "weaknesses": self._points(self.weaknesses),
            "proposals": self._points(self.proposals),
            "adaptations": self.adaptations.strip(),
        }

    @property
    def is_empty(self):
        return not any((self.strengths, self.weaknesses, self.proposals, self.adaptations))

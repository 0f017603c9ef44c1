"""A survey campaign: how a questionnaire was sent and what came back.

`Campaign` (one per questionnaire) keeps the collection period, the channels, how many were
invited, the interviews held to shed light on the answers, and a focus subset (the source's
"16 associations du Pas-de-Calais, 13 déjà candidates, 11 au CMI62"). When the answers are
in the platform, the counts come from them: answers = the questionnaire's responses, kept =
those not excluded, each exclusion (`ResponseExclusion`) with its reason. When the source
gives only counts (the 2023 regional survey), they are recorded on the campaign with a note
saying where they come from; recorded counts are used only while no response exists.
The response rate is always computed (kept ÷ invited), never typed.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.surveys.models import Questionnaire, Response


class Campaign(models.Model):
    questionnaire = models.OneToOneField(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="campaign",
        verbose_name="questionnaire",
    )
    collection_start = models.DateField("début de la collecte")
    collection_end = models.DateField("fin de la collecte")
    channels = models.CharField(
        "diffusion", max_length=255, blank=True, help_text="Mailing, lien ouvert sur le site…"
    )
    invited = models.PositiveIntegerField("structures sollicitées")
    invited_at_least = models.BooleanField(
        "au moins ce nombre", default=False, help_text="Le nombre est un minimum (« plus de 400 »)."
    )
    answers_recorded = models.PositiveIntegerField(
        "réponses reçues (comptées hors plateforme)",
        null=True,
        blank=True,
        help_text="Seulement quand les réponses ne sont pas dans la plateforme.",
    )
    kept_recorded = models.PositiveIntegerField(
        "réponses retenues après nettoyage (comptées hors plateforme)", null=True, blank=True
    )
    counts_source = models.CharField("source des nombres saisis", max_length=255, blank=True)
    interviews = models.PositiveIntegerField("entretiens réalisés", default=0)
    interviews_start = models.DateField("entretiens du", null=True, blank=True)
    interviews_end = models.DateField("entretiens au", null=True, blank=True)
    interviews_note = models.CharField("avec qui", max_length=255, blank=True)
    focus_label = models.CharField(
        "focus",
        max_length=200,
        blank=True,
        help_text="Par exemple « associations du Pas-de-Calais ».",
    )
    focus_respondents = models.PositiveIntegerField("répondants du focus", null=True, blank=True)
    focus_already_applied = models.PositiveIntegerField(
        "dont déjà candidats à un dispositif du financeur", null=True, blank=True
    )
    focus_scheme = models.CharField("dispositif", max_length=100, blank=True)
    focus_applied_to_scheme = models.PositiveIntegerField(
        "dont candidats à ce dispositif", null=True, blank=True
    )
    note = models.TextField("notes", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "campagne d'enquête"
        verbose_name_plural = "campagnes d'enquête"

    def __str__(self):
        return f"Campagne « {self.questionnaire} »"


class ResponseExclusion(models.Model):
    """An answer left out by the cleaning of the data, with the reason."""

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="exclusion", verbose_name="réponse"
    )
    reason = models.CharField("motif", max_length=255)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="écartée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    excluded_at = models.DateTimeField("écartée le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "réponse écartée"
        verbose_name_plural = "réponses écartées"

    def __str__(self):
        return f"{self.response} écartée : {self.reason}"

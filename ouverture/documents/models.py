"""What the documents layer keeps: narrative sections staff write, uploaded templates, and
every generation (who, when, parameters, the file, the values of its figures)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class NarrativeSectionQuerySet(models.QuerySet):
    def for_document(self, kind, agreement):
        return self.filter(kind=kind, agreement=agreement)


class NarrativeSection(models.Model):
    """Text staff write for one section of a document (introduction, a chapter's comment,
    conclusion). Figures are inserted as live fields, `[[coaching.sessions]]`, never typed."""

    kind = models.CharField("document", max_length=40)
    agreement = models.ForeignKey(
        "agreements.Agreement", verbose_name="convention", on_delete=models.CASCADE,
        related_name="narrative_sections",
    )  # fmt: skip
    key = models.CharField("section", max_length=60)
    text = models.TextField("texte", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = NarrativeSectionQuerySet.as_manager()

    class Meta:
        verbose_name = "texte de section"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "agreement", "key"], name="one_text_per_section"
            )
        ]

    def __str__(self):
        return f"{self.kind} / {self.key}"


class DocumentTemplateQuerySet(models.QuerySet):
    def current(self, kind):
        return self.filter(kind=kind).order_by("-uploaded_at", "-pk").first()


class DocumentTemplate(models.Model):
    """A DOCX template uploaded in place of the shipped one (the latest valid one is used)."""

    kind = models.CharField("document", max_length=40)
    content = models.BinaryField("modèle")
    filename = models.CharField("nom du fichier", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["content"])
    objects = DocumentTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "modèle de document"

    def __str__(self):
        return f"{self.kind} — {self.filename}"


class GenerationStatus(models.TextChoices):
    PENDING = "pending", "en attente"
    RUNNING = "running", "en cours"
    DONE = "done", "prêt"
    FAILED = "failed", "échec"


class GenerationQuerySet(models.QuerySet):
    def for_document(self, kind, agreement):
        return self.filter(kind=kind, agreement=agreement).order_by("-created_at", "-pk")


class Generation(models.Model):
    """One generation of a document: kept with its file and the values of its figures."""

    kind = models.CharField("document", max_length=40)
    agreement = models.ForeignKey(
        "agreements.Agreement", verbose_name="convention", on_delete=models.CASCADE,
        related_name="generations",
    )  # fmt: skip
    fmt = models.CharField("format", max_length=10)
    params = models.JSONField("paramètres", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=GenerationStatus.choices, default=GenerationStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    step = models.CharField("étape", max_length=120, blank=True)
    error = models.TextField("erreur", blank=True)
    content = models.BinaryField("fichier", null=True, blank=True)
    filename = models.CharField("nom du fichier", max_length=255, blank=True)
    # code -> {"label", "unit", "value" (decimal string), "rows" (count)}
    figures = models.JSONField("chiffres", default=dict, blank=True)

    objects = GenerationQuerySet.as_manager()

    class Meta:
        verbose_name = "version générée"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} {self.agreement_id} ({self.created_at:%d/%m/%Y %H:%M})"

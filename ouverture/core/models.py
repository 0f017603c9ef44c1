"""Background imports: one row per confirmed import run as a task (django-tasks)."""

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    PENDING = "pending", "en attente"
    RUNNING = "running", "en cours"
    DONE = "done", "terminé"
    FAILED = "failed", "refusé"


class ImportJob(models.Model):
    """A confirmed import above `OUVERTURE_IMPORT_TASK_ROWS` rows: the file (or the batch it
    names), who asked, and the outcome the page shows (summary, or the French errors)."""

    kind = models.CharField("type", max_length=20)  # "coaching", "twinnings"
    filename = models.CharField("fichier", max_length=255)
    content = models.BinaryField("contenu", blank=True, default=b"")
    params = models.JSONField("paramètres", default=dict, blank=True)
    rows = models.PositiveIntegerField("lignes", default=0)
    status = models.CharField(
        "état", max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    summary = models.TextField("bilan", blank=True)
    issues = models.JSONField("erreurs", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lancé par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("lancé le", auto_now_add=True)
    finished_at = models.DateTimeField("fini le", null=True, blank=True)

    class Meta:
        verbose_name = "import en tâche de fond"
        verbose_name_plural = "imports en tâche de fond"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

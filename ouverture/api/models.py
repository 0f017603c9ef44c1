"""Personal API tokens and service accounts.

A token is shown once, at creation: only its prefix (to recognise it in a list) and the
SHA-256 of the whole key are stored. A 256-bit random key needs no slow hash: nobody can
guess it, and the digest lets a request find its token by an indexed equality.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ouverture.api.enums import AppScope


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="titulaire",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("nom", max_length=100)
    prefix = models.CharField("préfixe", max_length=16, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    read_only = models.BooleanField("lecture seule", default=False)
    app_scope = models.CharField(
        "limité à", max_length=20, choices=AppScope.choices, blank=True, default=""
    )
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    last_used_ip = models.GenericIPAddressField("depuis", null=True, blank=True)

    # Creation and revocation stay on record; each use only updates the fields above.
    history = HistoricalRecords(excluded_fields=["digest", "last_used_at", "last_used_ip"])
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def state(self, now=None):
        now = now or timezone.now()
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= now:
            return "expired"
        return "active"

    def get_state_display(self):
        return {"revoked": "révoqué", "expired": "expiré", "active": "actif"}[self.state()]


class ServiceAccount(models.Model):
    """A user account that stands for a system (the funder's portal, the network's website):
    created by an administrator, it never logs in on the screens and acts through tokens."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.CASCADE,
        related_name="service_account",
    )
    system = models.CharField("système", max_length=150)
    description = models.TextField("description", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "compte de service"
        verbose_name_plural = "comptes de service"
        ordering = ["system", "pk"]

    def __str__(self):
        return self.system

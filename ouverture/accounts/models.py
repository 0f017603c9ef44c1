from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.accounts.enums import NETWORK_ROLES, Role


class User(AbstractUser):
    """A person who logs in. The role says which party they act for; a project
    holder's organisation is its Membership (organisations app)."""

    role = models.CharField(
        "rôle", max_length=20, choices=Role.choices, default=Role.PROJECT_HOLDER
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)

    # Role, superuser and activation changes stay on record (never the password hash).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_network(self):
        return self.role in NETWORK_ROLES

    @property
    def is_administrator(self):
        return self.role == Role.ADMINISTRATOR or self.is_superuser

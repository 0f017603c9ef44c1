from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganisationsConfig(AppConfig):
    name = "ouverture.organisations"
    verbose_name = "Structures"

    def ready(self):
        from ouverture.organisations import checks, permissions, pickers  # noqa: F401  (registers them)
        from ouverture.organisations.reference import ensure_project_types

        post_migrate.connect(ensure_project_types, sender=self)

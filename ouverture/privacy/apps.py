from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "ouverture.privacy"
    verbose_name = "Données personnelles"

    def ready(self):
        from ouverture.privacy import permissions  # noqa: F401

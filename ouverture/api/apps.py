from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ouverture.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from ouverture.api import permissions  # noqa: F401

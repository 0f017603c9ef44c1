from django.apps import AppConfig


class TwinningsConfig(AppConfig):
    name = "ouverture.twinnings"
    verbose_name = "Jumelages"

    def ready(self):
        from ouverture.twinnings import indicators, permissions  # noqa: F401  (registers them)

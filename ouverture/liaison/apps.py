from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "ouverture.liaison"
    verbose_name = "Liens avec le financeur et le territoire"

    def ready(self):
        from ouverture.liaison import indicators, permissions  # noqa: F401  (registers them)

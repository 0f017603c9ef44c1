from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "ouverture.coaching"
    verbose_name = "Accompagnements"

    def ready(self):
        from ouverture.coaching import indicators, permissions, pickers  # noqa: F401  (registers them)

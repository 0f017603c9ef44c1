from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "ouverture.events"
    verbose_name = "Temps collectifs"

    def ready(self):
        from ouverture.events import indicators, permissions  # noqa: F401  (registers them)

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "ouverture.events"
    verbose_name = "Temps collectifs"

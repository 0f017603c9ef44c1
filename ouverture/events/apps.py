from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "ouverture.events"
    verbose_name = "Temps collectifs"

    def ready(self):
        from ouverture.events import hooks, indicators, permissions, satisfaction  # noqa: F401

        # The summary's questionnaire_answers: responses to the workshop's satisfaction questionnaire.
        hooks.questionnaire_answer_counter(satisfaction.answer_count)

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "ouverture.events"
    verbose_name = "Temps collectifs"

    def ready(self):
        # Registers only: the satisfaction module (surveys engine) is imported on first count.
        from ouverture.events import hooks, indicators, permissions  # noqa: F401

        # The summary's questionnaire_answers: responses to the workshop's satisfaction questionnaire.
        hooks.questionnaire_answer_counter(satisfaction_answer_count)


def satisfaction_answer_count(workshop):
    from ouverture.events.satisfaction import answer_count

    return answer_count(workshop)

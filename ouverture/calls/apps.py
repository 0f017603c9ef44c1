from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "ouverture.calls"
    verbose_name = "Appels à projets"

    def ready(self):
        from ouverture.calls import links, permissions  # noqa: F401  (registers the rules, hooks)

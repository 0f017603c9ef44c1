from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "ouverture.agreements"
    verbose_name = "Conventions"

    def ready(self):
        from ouverture.agreements import permissions  # noqa: F401  (registers the rules)

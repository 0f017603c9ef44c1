from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "ouverture.pathways"
    verbose_name = "Parcours PAM"

    def ready(self):
        # Rules, and the events check that keeps cohort-only modules to admitted holders.
        from ouverture.pathways import eligibility, permissions  # noqa: F401

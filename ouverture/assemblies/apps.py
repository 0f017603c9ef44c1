from django.apps import AppConfig


class AssembliesConfig(AppConfig):
    name = "ouverture.assemblies"
    verbose_name = "Assemblées et délibérations"

    def ready(self):
        from ouverture.assemblies import permissions  # noqa: F401  (registers the rules)

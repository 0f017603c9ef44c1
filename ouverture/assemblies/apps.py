from django.apps import AppConfig


class AssembliesConfig(AppConfig):
    name = "ouverture.assemblies"
    verbose_name = "Assemblées et délibérations"

    def ready(self):
        from ouverture.assemblies import links, permissions  # noqa: F401  (rules, agreements' acts)

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "ouverture.documents"
    verbose_name = "Documents générés"

    def ready(self):
        from ouverture.documents import permissions  # noqa: F401

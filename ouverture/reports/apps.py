from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ouverture.reports"
    verbose_name = "Documents"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ouverture.accounts"
    verbose_name = "Comptes"

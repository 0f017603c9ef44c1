"""Loads the source document's records (October 2024 bundle), app by app. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ouverture.accounts.services import system_user
from ouverture.core.plugins import SOURCE_DATA_LOADERS, load_modules


class Command(BaseCommand):
    help = "Charge les données du document source (structures, accompagnements 2023, convention 2024…). Rejouable."

    def handle(self, *args, **options):
        actor = system_user()
        for module in load_modules(SOURCE_DATA_LOADERS):
            with transaction.atomic():
                module.load(actor, log=lambda message: self.stdout.write(f"  {message}"))
            self.stdout.write(self.style.SUCCESS(f"✓ {module.__name__.rsplit('.', 2)[-2]}"))

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GeoConfig(AppConfig):
    name = "ouverture.geo"
    verbose_name = "Référentiels géographiques"

    def ready(self):
        # Reference rows are (re)loaded after migrate and after a test flush.
        from ouverture.geo.reference import ensure_reference_data

        post_migrate.connect(ensure_reference_data, sender=self)

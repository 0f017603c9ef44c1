from django.contrib import admin
from django.urls import include, path

from ouverture.core.views import dashboard

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("", include("ouverture.accounts.urls")),
    path("structures/", include("ouverture.organisations.urls")),
    path("accompagnements/", include("ouverture.coaching.urls")),
    path("conventions/", include("ouverture.agreements.urls")),
    path("temps-collectifs/", include("ouverture.events.urls")),
    path("questionnaires/", include("ouverture.surveys.urls")),
    path("parcours/", include("ouverture.pathways.urls")),
    path("jumelages/", include("ouverture.twinnings.urls")),
    path("documents/", include("ouverture.reports.urls")),
    path("appels/", include("ouverture.calls.urls")),
    path("deliberations/", include("ouverture.assemblies.urls")),
    path("donnees-ouvertes/", include("ouverture.opendata.urls")),
    path("admin/", admin.site.urls),
]

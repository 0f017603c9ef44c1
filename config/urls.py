from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from ouverture.core import security
from ouverture.core.views import dashboard, picker_options

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("choix/<slug:kind>/", picker_options, name="picker_options"),
    path("", include("ouverture.accounts.urls")),
    path("comptes/", include("ouverture.accounts.user_urls")),
    path("structures/", include("ouverture.organisations.urls")),
    path("accompagnements/", include("ouverture.coaching.urls")),
    path("conventions/", include("ouverture.agreements.urls")),
    path("temps-collectifs/", include("ouverture.events.urls")),
    path("questionnaires/", include("ouverture.surveys.urls")),
    path("parcours/", include("ouverture.pathways.urls")),
    path("jumelages/", include("ouverture.twinnings.urls")),
    path("liens/", include("ouverture.liaison.urls")),
    path("confidentialite/", include("ouverture.privacy.urls")),
    path("documents/", include("ouverture.documents.urls")),
    path("appels/", include("ouverture.calls.urls")),
    path("deliberations/", include("ouverture.assemblies.urls")),
    path("donnees-ouvertes/", include("ouverture.opendata.urls")),
    path("api/", include("ouverture.api.urls")),
    path("jetons-api/", include("ouverture.api.screen_urls")),
    path("admin/", admin.site.urls),
    # Public: a load balancer asks whether this server and its database answer.
    path("sante/", login_not_required(security.health), name="health"),
]

handler400 = security.bad_request
handler403 = security.permission_denied
handler404 = security.page_not_found
handler500 = security.server_error

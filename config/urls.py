from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from ouverture.core import security
from ouverture.core.views import dashboard

urlpatterns = [
    path("", dashboard, name="dashboard"),
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
    path("documents/", include("ouverture.reports.urls")),
    path("confidentialite/", include("ouverture.privacy.urls")),
    path("admin/", admin.site.urls),
    # Public: a load balancer asks whether this server and its database answer.
    path("sante/", login_not_required(security.health), name="health"),
]

handler400 = security.bad_request
handler403 = security.permission_denied
handler404 = security.page_not_found
handler500 = security.server_error

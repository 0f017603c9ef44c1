"""The API's addresses. A domain module registers its viewsets on `router` here."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from ouverture.api import assemblies, calls, documents, organisations, tokens, views

router = SimpleRouter(use_regex_path=False)
router.register("structures", organisations.OrganisationViewSet, basename="organisations")
router.register("dispositifs", calls.SchemeViewSet, basename="schemes")
router.register("appels", calls.CallViewSet, basename="calls")
router.register("candidatures", calls.ApplicationViewSet, basename="applications")
router.register("seances", assemblies.SittingViewSet, basename="sittings")
router.register("deliberations", assemblies.DeliberationViewSet, basename="deliberations")
router.register("documents", documents.GenerationViewSet, basename="documents")


def _api(patterns):
    # Token-authenticated (TokenScope): the screens' login redirect does not apply.
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns


app_name = "api"
v1 = [
    path("", views.IndexView.as_view(), name="v1-index"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("jeton/", tokens.CurrentTokenView.as_view(), name="token"),
    *router.urls,
]
urlpatterns = [
    *_api([path("", views.RootView.as_view(), name="root")]),
    path("v1/", include(_api(v1))),
    # Last: any other /api/ address is a JSON 404, not the screens' HTML page.
    *_api([re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found")]),
]

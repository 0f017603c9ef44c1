"""The API's own pages: the index, the OpenAPI schema, the French documentation page.

These describe the interface, not records: they are public (no token), like the schema a
partner needs before it has one. Every other endpoint requires a token (TokenScope).
"""

from csp.decorators import csp_update
from django.urls import reverse
from django.utils.decorators import method_decorator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, permissions, serializers
from rest_framework.response import Response

from ouverture.api.base import ApiView


class PublicMixin:
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = []


_index = inline_serializer(
    "Index",
    {
        "message": serializers.CharField(),
        "versions": serializers.DictField(child=serializers.CharField()),
    },
)


@extend_schema(exclude=True)
class RootView(PublicMixin, ApiView):
    """/api/: the versions."""

    def get(self, request):
        return Response(
            {
                "message": "API d'Ouverture. Version en cours : v1.",
                "versions": {"v1": request.build_absolute_uri(reverse("api:v1-index"))},
            }
        )


class IndexView(PublicMixin, ApiView):
    """/api/v1/: where to start."""

    @extend_schema(
        summary="Point d'entrée",
        description="Les adresses de l'API v1, du schéma OpenAPI et de la documentation.",
        responses={200: _index},
        auth=[],
    )
    def get(self, request):
        from ouverture.api.urls import router

        links = {
            prefix: request.build_absolute_uri(reverse(f"api:{basename}-list"))
            for prefix, _viewset, basename in router.registry
        }
        # The reads that are not a family of records, and the token's own address.
        for prefix, name in (
            ("accompagnements/bilan", "api:coaching-recap"),
            ("jumelages/statistiques", "api:twinnings-statistics"),
            ("jeton", "api:token"),
        ):
            links[prefix] = request.build_absolute_uri(reverse(name))
        links["schema"] = request.build_absolute_uri(reverse("api:schema"))
        links["documentation"] = request.build_absolute_uri(reverse("api:docs"))
        return Response(
            {
                "message": "API d'Ouverture v1 : authentifiez-vous avec "
                "« Authorization: Bearer <jeton> ».",
                "versions": links,
            }
        )


class SchemaView(PublicMixin, SpectacularAPIView):
    """The OpenAPI 3 document, in JSON."""

    renderer_classes = [OpenApiJsonRenderer]


# The one <style> element Swagger UI injects (drf-spectacular-sidecar's version), allowed by
# its hash on this page only; tests/e2e/test_api.py fails if an update changes it.
SWAGGER_UI_STYLE = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"


@method_decorator(csp_update({"style-src": [SWAGGER_UI_STYLE]}), name="dispatch")
class DocsView(PublicMixin, SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), its script served as a
    file: no CDN and no inline script, so the CSP stays as strict as on every page."""

    title = "API d'Ouverture — documentation"
    template_name = "api/swagger_ui.html"  # drf-spectacular's, with <html lang="fr">


class NotFoundView(PublicMixin, ApiView):
    """Any other address under /api/: a JSON 404 in the API's shape, not the HTML page."""

    def initial(self, request, *args, **kwargs):
        # Before any method lookup: every method gets the same 404.
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound(
            "Adresse inconnue dans l'API : voir /api/v1/ pour la liste des points d'accès."
        )

"""Generated documents: each version's metadata (document, agreement, format, who generated it,
when, with which parameters, the values of its figures) and its file. Scoped as the document
pages are (`documents.permissions.visible_agreements` and the rule `documents.view_document`):
a funder's officer sees the agreements its organisation funds, a holder none (404)."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from ouverture.api.base import ReadViewSet
from ouverture.api.conventions import ConditionalGetMixin
from ouverture.api.lists import PagedFilters
from ouverture.documents.models import Generation, GenerationStatus
from ouverture.documents.permissions import visible_agreements
from ouverture.documents.registry import DELIBERATION_DOCUMENTS, DOCUMENTS
from ouverture.documents.render import CONTENT_TYPES

KINDS = {**DOCUMENTS, **DELIBERATION_DOCUMENTS}

# Primary keys are 64-bit (BigAutoField): a larger id is refused, never sent to SQL.
MAX_ID = 2**63 - 1


class AgreementRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()


class GenerationSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField(help_text="Nom du document.")
    agreement = AgreementRefSerializer(read_only=True)
    created_by = serializers.SerializerMethodField(help_text="Qui l'a généré.")
    # Plain strings (values in the help): a "status" enum per app would collide in the schema.
    status = serializers.CharField(
        read_only=True, help_text="État : " + ", ".join(GenerationStatus.values) + "."
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    figures = serializers.JSONField(
        read_only=True,
        help_text="Par code d'indicateur : libellé, unité, valeur (chaîne décimale), nombre de "
        "lignes derrière le chiffre, tels qu'au moment de la génération.",
    )
    params = serializers.JSONField(read_only=True, help_text="Paramètres de la génération.")
    file = serializers.SerializerMethodField(help_text="Adresse du fichier (quand il est prêt).")

    class Meta:
        model = Generation
        fields = [
            "id",
            "kind",
            "kind_label",
            "agreement",
            "fmt",
            "params",
            "created_by",
            "created_at",
            "status",
            "status_label",
            "progress",
            "step",
            "error",
            "filename",
            "figures",
            "file",
        ]
        read_only_fields = fields

    def get_kind_label(self, obj) -> str:
        cls = KINDS.get(obj.kind)
        return str(cls.label) if cls is not None else obj.kind

    def get_created_by(self, obj) -> str | None:
        return obj.created_by.get_full_name() or obj.created_by.username if obj.created_by else None

    def get_file(self, obj) -> str | None:
        if obj.status != GenerationStatus.DONE:
            return None
        path = reverse("api:documents-file", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


GenerationFilters = type(
    "GenerationFilters",
    (PagedFilters,),  # its choice errors name the accepted values
    {
        "kind": serializers.ChoiceField(required=False, allow_blank=True, choices=sorted(KINDS)),
        "agreement": serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID),
        "status": serializers.ChoiceField(
            required=False, allow_blank=True, choices=GenerationStatus.choices
        ),
        "fmt": serializers.ChoiceField(
            required=False, allow_blank=True, choices=sorted(CONTENT_TYPES)
        ),
        "page": serializers.CharField(required=False),
        "page_size": serializers.CharField(required=False),
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="Documents générés",
        description="Les versions générées des documents des conventions visibles par le "
        "titulaire du jeton, les plus récentes d'abord : qui, quand, avec quels paramètres, "
        "les valeurs des chiffres.",
        parameters=[
            OpenApiParameter("kind", str, enum=sorted(KINDS), description="Document."),
            OpenApiParameter(
                "agreement",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description="Identifiant de la convention.",
            ),
            OpenApiParameter("status", str, enum=GenerationStatus.values, description="État."),
            OpenApiParameter("fmt", str, enum=sorted(CONTENT_TYPES), description="Format."),
        ],
    ),
    retrieve=extend_schema(
        summary="Un document généré",
        description="Hors du périmètre du jeton : 404, comme la page du document.",
    ),
)
class GenerationViewSet(ReadViewSet):
    api_app = "documents"
    model = Generation
    ordering = ("-created_at", "-pk")
    serializer_class = GenerationSerializer
    rules_permissions = {"list": "documents.view_document"}
    rules_object_permissions = {
        "retrieve": "documents.view_document",
        "file": "documents.view_document",
    }

    def get_queryset(self):
        # The document pages' scope: the agreements this user's documents may come from.
        return (
            Generation.objects.filter(agreement__in=visible_agreements(self.request.user))
            .select_related("agreement", "created_by")
            .defer("content")
            .order_by(*self.ordering)
        )

    def check_object_permissions(self, request, obj):
        # The rule reads the agreement (a funder's officer: the agreements it funds).
        return super().check_object_permissions(request, obj.agreement)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filters = GenerationFilters(data=self.request.query_params.dict())
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        for name, lookup in (
            ("kind", "kind"),
            ("agreement", "agreement_id"),
            ("status", "status"),
            ("fmt", "fmt"),
        ):
            if data.get(name):
                queryset = queryset.filter(**{lookup: data[name]})
        return queryset

    @extend_schema(
        summary="Le fichier d'un document généré",
        description="Le fichier tel qu'il a été généré (DOCX, PDF, HTML, XLSX, CSV ou JSON), "
        "servi après le contrôle d'accès. Pas encore prêt : 404.",
        responses={
            (200, content_type.split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY)
            for content_type in CONTENT_TYPES.values()
        },
    )
    @action(detail=True, url_path="fichier")
    def file(self, request, pk=None):
        generation = self.get_object()
        content = Generation.objects.filter(pk=generation.pk).values_list("content", flat=True)[0]
        if not content:
            raise Http404("Ce fichier n'est pas prêt.")
        # Refusals above are the API's JSON; the file goes out as its stored bytes, always as
        # an attachment (a generated HTML page is never rendered on the API's address).
        response = HttpResponse(bytes(content), content_type=CONTENT_TYPES[generation.fmt])
        response["Content-Disposition"] = f'attachment; filename="{generation.filename}"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response):
            return super().finalize_response(request, response, *args, **kwargs)
        # The file (a plain HttpResponse, nothing to render): DRF's finalisation without the
        # rendering step, then the same ETag / 304 convention.
        response = super(ConditionalGetMixin, self).finalize_response(
            request, response, *args, **kwargs
        )
        patch_vary_headers(response, ["Authorization"])
        response["Cache-Control"] = "private, no-cache"
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

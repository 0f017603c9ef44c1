"""Organisations: list (the list screen's filters) and detail."""

from django.db import connection
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from ouverture.api.base import ReadViewSet
from ouverture.api.conventions import (
    FieldReuse,
    RawRows,
    ReadModelSerializer,
)
from ouverture.api.lists import PagedFilters
from ouverture.organisations.enums import ProjectTypeCode
from ouverture.organisations.models import Organisation, ProjectType


class OrganisationSerializer(ReadModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text="Nom d'usage, sinon nom.")
    commune = serializers.SerializerMethodField(help_text="Code INSEE et nom de la commune.")
    project_types = serializers.SerializerMethodField(help_text="Codes des types de projet.")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "usual_name",
            "display_name",
            "legal_kind",
            "siret",
            "address",
            "postal_code",
            "commune",
            "email",
            "phone",
            "website",
            "project_types",
            "annual_budget",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_commune(self, obj) -> dict | None:
        if obj.commune is None:
            return None
        return {"code": obj.commune.code, "name": obj.commune.name}

    def get_project_types(self, obj) -> list[str]:
        return [t.code for t in obj.project_types.all()]

    # The list's fast path (ReadViewSet.list): the page's rows as tuples from `values_list`
    # and the project types by one more query, turned into the same dicts `to_representation`
    # gives, without a model instance per row (bench/api.py measures it beside its floor).
    LIST_COLUMNS = (
        "id", "name", "usual_name", "legal_kind", "siret", "address", "postal_code",
        "commune_id", "commune__code", "commune__name", "email", "phone", "website",
        "annual_budget", "created_at", "updated_at",
    )  # fmt: skip

    @classmethod
    def list_values(cls, queryset):
        queryset = queryset.prefetch_related(None)
        return RawRows(queryset.values_list(*cls.LIST_COLUMNS), counted=queryset)

    @classmethod
    def list_rows(cls, rows):
        types = {}
        if rows:
            for organisation_id, code in _project_types([row[0] for row in rows]):
                types.setdefault(organisation_id, []).append(code)
        budget = FieldReuse.decimal(cls, "annual_budget")
        datetimes = FieldReuse.datetime(cls, "created_at").many
        created = datetimes([row[14] for row in rows])
        updated = datetimes([row[15] for row in rows])
        out = []
        for row, created_at, updated_at in zip(rows, created, updated, strict=True):
            (pk, name, usual_name, legal_kind, siret, address, postal_code, commune_id, code,
             commune_name, email, phone, website, annual_budget) = row[:14]  # fmt: skip
            out.append(
                {
                    "id": pk,
                    "name": name,
                    "usual_name": usual_name,
                    "display_name": usual_name or name,
                    "legal_kind": legal_kind,
                    "siret": siret,
                    "address": address,
                    "postal_code": postal_code,
                    "commune": None if commune_id is None else {"code": code, "name": commune_name},
                    "email": email,
                    "phone": phone,
                    "website": website,
                    "project_types": types.get(pk, []),
                    "annual_budget": None if annual_budget is None else budget(annual_budget),
                    "created_at": created_at,
                    "updated_at": updated_at,
                }
            )
        return out


def _project_types(ids):
    """(organisation id, type code) of these organisations, in the types' order: one query,
    through the cursor (the ORM's IN of 500 parameters costs more than the query)."""
    through = Organisation.project_types.through._meta.db_table
    types = ProjectType._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.organisation_id, t.projecttype_id FROM {through} t "
            f"JOIN {types} p ON p.code = t.projecttype_id "
            f'WHERE t.organisation_id IN ({marks}) ORDER BY p."order", p.code',
            ids,
        )
        return cursor.fetchall()


class OrganisationFilters(PagedFilters):
    """The list screen's filters (organisations.forms.OrganisationFilterForm)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    project_type = serializers.ChoiceField(
        required=False, allow_blank=True, choices=ProjectTypeCode.choices
    )
    commune = serializers.CharField(required=False, allow_blank=True, max_length=10)


@extend_schema_view(
    list=extend_schema(
        summary="Structures",
        description="Les structures visibles par le titulaire du jeton (un porteur : la sienne), "
        "triées par nom ; mêmes filtres que l'écran de liste.",
        parameters=[
            OpenApiParameter("q", str, description="Nom, commune, code INSEE ou SIRET."),
            OpenApiParameter(
                "project_type", str, enum=ProjectTypeCode.values, description="Type de projet."
            ),
            OpenApiParameter("commune", str, description="Code INSEE de la commune."),
        ],
    ),
    retrieve=extend_schema(
        summary="Une structure",
        description="Hors du périmètre du jeton : 404, comme à l'écran.",
    ),
)
class OrganisationViewSet(ReadViewSet):
    api_app = "organisations"
    model = Organisation
    ordering = ("search_name", "pk")
    serializer_class = OrganisationSerializer
    rules_permissions = {"list": "organisations.list_organisations"}
    rules_object_permissions = {"retrieve": "organisations.view_organisation"}

    def base_queryset(self):
        return Organisation.objects.select_related("commune").prefetch_related(
            Prefetch("project_types", queryset=ProjectType.objects.order_by("order", "code"))
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        if self.request.query_params.keys() <= {"page", "page_size"}:
            return queryset  # no filter asked (the paginator checks its own parameters)
        filters = OrganisationFilters(data=self.request.query_params.dict())
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        queryset = queryset.search(data.get("q", ""))
        if data.get("project_type"):
            queryset = queryset.filter(project_types__code=data["project_type"])
        if data.get("commune"):
            queryset = queryset.filter(commune__code=data["commune"].strip())
        # No distinct(): one type code matches at most one row of the through table
        # (unique pair), and the search joins only the commune (a foreign key).
        return queryset

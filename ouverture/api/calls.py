"""Calls: the schemes, their yearly calls with the rules they publish, and the applications
(a holder's token sees its organisations' only, as on the screens: another's is a 404)."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from ouverture.accounts.permissions import is_institutional
from ouverture.api.base import ReadViewSet
from ouverture.api.lists import PagedFilters
from ouverture.calls import rules as call_rules
from ouverture.calls.enums import ApplicationStatus
from ouverture.calls.models import Application, ApplicationStep, Call, Scheme
from ouverture.calls.workflow import APPLICATION
from ouverture.organisations.models import ProjectType

PAGING = {
    "page": serializers.CharField(required=False),
    "page_size": serializers.CharField(required=False),
}

# Primary keys are 64-bit (BigAutoField): a larger id is refused, never sent to SQL.
MAX_ID = 2**63 - 1


def _BOOLEAN():  # noqa: N802
    # "true" or "false" only, as OpenAPI writes a boolean in a query (not "1", "oui", "null").
    return serializers.ChoiceField(required=False, choices=["true", "false"])


def _filters(name, fields):
    return type(name, (PagedFilters,), {**fields, **PAGING})  # choice errors list the values


def _validated(filters_class, request):
    filters = filters_class(data=request.query_params.dict())
    filters.is_valid(raise_exception=True)
    return filters.validated_data


# Schemes ---------------------------------------------------------------------------------


class SchemeSerializer(serializers.ModelSerializer):
    funder = serializers.CharField(source="funder.organisation.name", read_only=True)

    class Meta:
        model = Scheme
        fields = ["id", "code", "name", "acronym", "description", "active", "funder"]
        read_only_fields = fields


SchemeFilters = _filters("SchemeFilters", {"active": _BOOLEAN()})


@extend_schema_view(
    list=extend_schema(
        summary="Dispositifs",
        description="Les dispositifs des financeurs (publiés sur leur page publique), par nom.",
        parameters=[OpenApiParameter("active", bool, description="En vigueur ou non.")],
    ),
    retrieve=extend_schema(summary="Un dispositif"),
)
class SchemeViewSet(ReadViewSet):
    api_app = "calls"
    model = Scheme
    ordering = ("name", "pk")
    serializer_class = SchemeSerializer
    rules_permission = "calls.view_call"

    def get_queryset(self):
        # Published on the scheme's public page: no organisation scope.
        return Scheme.objects.select_related("funder__organisation").order_by(*self.ordering).all()

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = _validated(SchemeFilters, self.request)
        if data.get("active"):
            queryset = queryset.filter(active=data["active"] == "true")
        return queryset


# Calls -----------------------------------------------------------------------------------


class SchemeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scheme
        fields = ["id", "code", "name", "acronym"]
        read_only_fields = fields


class CallSerializer(serializers.ModelSerializer):
    scheme = SchemeRefSerializer(read_only=True)
    project_types = serializers.SerializerMethodField(
        help_text="Types de projet éligibles (codes) ; vide : tous."
    )
    open_today = serializers.SerializerMethodField(help_text="Ouvert aux dépôts aujourd'hui.")

    class Meta:
        model = Call
        fields = [
            "id",
            "scheme",
            "year",
            "opens_on",
            "closes_on",
            "open_today",
            "envelope",
            "max_rate",
            "eligible_kinds",
            "project_types",
            "documents_asked",
            "final_report_contents",
            "coaching_offered",
        ]
        read_only_fields = fields

    def get_project_types(self, obj) -> list[str]:
        return [t.code for t in obj.project_types.all()]

    def get_open_today(self, obj) -> bool:
        return obj.is_open(timezone.localdate())


CallFilters = _filters(
    "CallFilters",
    {
        "year": serializers.IntegerField(required=False, min_value=1900, max_value=2200),
        "scheme": serializers.SlugField(required=False, allow_blank=True, max_length=20),
        "open": _BOOLEAN(),
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="Appels à projets",
        description="Les appels annuels avec leurs règles (fenêtre, enveloppe, taux maximal, "
        "structures et types de projet éligibles, pièces demandées, bilan attendu, "
        "accompagnement), les plus récents d'abord.",
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                description="Année de l'appel.",
            ),
            OpenApiParameter(
                "scheme",
                {"type": "string", "pattern": "^[-a-zA-Z0-9_]*$", "maxLength": 20},
                description="Code du dispositif.",
            ),
            OpenApiParameter("open", bool, description="Ouvert aux dépôts aujourd'hui."),
        ],
    ),
    retrieve=extend_schema(summary="Un appel à projets"),
)
class CallViewSet(ReadViewSet):
    api_app = "calls"
    model = Call
    ordering = ("-year", "scheme__name", "pk")
    serializer_class = CallSerializer
    rules_permission = "calls.view_call"

    def get_queryset(self):
        # The rules of a call are published on its scheme's public page: no organisation scope.
        return (
            Call.objects.select_related("scheme")
            .prefetch_related(
                Prefetch("project_types", queryset=ProjectType.objects.order_by("order", "code"))
            )
            .order_by(*self.ordering)
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = _validated(CallFilters, self.request)
        if data.get("year"):
            queryset = queryset.filter(year=data["year"])
        if data.get("scheme"):
            queryset = queryset.filter(scheme__code=data["scheme"])
        if data.get("open"):
            is_open = Call.objects.open_on(timezone.localdate()).values("pk")
            if data["open"] == "true":
                queryset = queryset.filter(pk__in=is_open)
            else:
                queryset = queryset.exclude(pk__in=is_open)
        return queryset


# Applications ----------------------------------------------------------------------------


class ApplicationLineSerializer(serializers.Serializer):
    strand = serializers.CharField(help_text="Volet.")
    label = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    base = serializers.CharField(help_text="Base de calcul (« 3 × 300 € »).")


class ApplicationResourceSerializer(serializers.Serializer):
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    in_kind = serializers.BooleanField(help_text="En nature : jamais compté comme numéraire.")
    is_request = serializers.BooleanField(help_text="La subvention demandée.")


class ApplicationStepSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.get_full_name")
    source = serializers.CharField()
    source_label = serializers.SerializerMethodField()
    target = serializers.CharField()
    target_label = serializers.SerializerMethodField()
    reason = serializers.CharField()

    def get_source_label(self, obj) -> str:
        return APPLICATION.label(obj.source) if obj.source else ""

    def get_target_label(self, obj) -> str:
        return APPLICATION.label(obj.target)


class CallRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    scheme = serializers.CharField(source="scheme.code", help_text="Code du dispositif.")


class ApplicantRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


# What the funder's instructor writes: institutional users only (null for a holder's token).
INSTRUCTION_FIELDS = ("opinion", "opinion_label", "opinion_text", "proposed_amount", "follow_up")


class ApplicationSerializer(serializers.ModelSerializer):
    call = CallRefSerializer(read_only=True)
    organisation = ApplicantRefSerializer(read_only=True)
    project_type = serializers.CharField(source="project_type_id", allow_null=True, read_only=True)
    # Plain strings (values in the help): a "status" enum per app would collide in the schema.
    status = serializers.CharField(
        read_only=True, help_text="Statut : " + ", ".join(ApplicationStatus.values) + "."
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    opinion = serializers.CharField(allow_null=True, read_only=True)
    opinion_label = serializers.CharField(
        source="get_opinion_display", allow_null=True, read_only=True
    )
    opinion_text = serializers.CharField(allow_null=True, read_only=True)
    proposed_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, read_only=True
    )
    follow_up = serializers.IntegerField(source="follow_up_id", allow_null=True, read_only=True)
    twinning = serializers.IntegerField(source="twinning_id", allow_null=True, read_only=True)
    lines = ApplicationLineSerializer(many=True, read_only=True)
    resources = ApplicationResourceSerializer(many=True, read_only=True)
    steps = ApplicationStepSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "organisation",
            "title",
            "project_type",
            "summary",
            "partner_abroad",
            "twinning",
            "starts_on",
            "ends_on",
            "participants",
            "participants_by_age",
            "requested_amount",
            "status",
            "status_label",
            "entered_by_network",
            "holder_confirmed",
            "submitted_at",
            "created_at",
            *INSTRUCTION_FIELDS,
            "lines",
            "resources",
            "steps",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not is_institutional(request.user):
            for name in INSTRUCTION_FIELDS:
                data[name] = None
        return data


class ApplicationDetailSerializer(ApplicationSerializer):
    problems = serializers.SerializerMethodField(
        help_text="Règles de l'appel non respectées aujourd'hui (ce que l'écran affiche "
        "avant le dépôt)."
    )

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "problems"]
        read_only_fields = fields

    def get_problems(self, obj) -> list[str]:
        return [str(p) for p in call_rules.problems(obj, today=timezone.localdate())]


ApplicationFilters = _filters(
    "ApplicationFilters",
    {
        "call": serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID),
        "year": serializers.IntegerField(required=False, min_value=1900, max_value=2200),
        "scheme": serializers.SlugField(required=False, allow_blank=True, max_length=20),
        "status": serializers.ChoiceField(
            required=False, allow_blank=True, choices=ApplicationStatus.choices
        ),
        "organisation": serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID),
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="Candidatures",
        description="Les candidatures visibles par le titulaire du jeton (un porteur : celles "
        "de ses structures), les plus récentes d'abord, avec budget, plan de financement et "
        "étapes. L'avis de l'instructeur n'est donné qu'aux utilisateurs institutionnels.",
        parameters=[
            OpenApiParameter(
                "call",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description="Identifiant de l'appel.",
            ),
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                description="Année de l'appel.",
            ),
            OpenApiParameter(
                "scheme",
                {"type": "string", "pattern": "^[-a-zA-Z0-9_]*$", "maxLength": 20},
                description="Code du dispositif.",
            ),
            OpenApiParameter("status", str, enum=ApplicationStatus.values, description="Statut."),
            OpenApiParameter(
                "organisation",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description="Identifiant de la structure.",
            ),
        ],
    ),
    retrieve=extend_schema(
        summary="Une candidature",
        description="Avec les règles de l'appel non respectées. Hors du périmètre du jeton : "
        "404, comme à l'écran.",
    ),
)
class ApplicationViewSet(ReadViewSet):
    api_app = "calls"
    model = Application
    ordering = ("-created_at", "-pk")
    serializer_class = ApplicationSerializer
    rules_permissions = {"list": "calls.list_applications"}
    rules_object_permissions = {"retrieve": "calls.view_application"}

    def get_serializer_class(self):
        return ApplicationDetailSerializer if self.action == "retrieve" else ApplicationSerializer

    def base_queryset(self):
        return Application.objects.select_related(
            "call__scheme", "organisation", "project_type"
        ).prefetch_related(
            "lines",
            "resources",
            Prefetch(
                "steps",
                queryset=ApplicationStep.objects.select_related("actor").order_by("at", "pk"),
            ),
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = _validated(ApplicationFilters, self.request)
        for name, lookup in (
            ("call", "call_id"),
            ("year", "call__year"),
            ("scheme", "call__scheme__code"),
            ("status", "status"),
            ("organisation", "organisation_id"),
        ):
            if data.get(name):
                queryset = queryset.filter(**{lookup: data[name]})
        return queryset

"""Coaching: follow-ups, their contacts, and the recap of a period.

The recap is the screen's and the `ouverture recap` command's: `CoachingRecap` built from
the screen's own filter form (RecapFilterForm), its totals by one aggregate query and its
rows a page at a time (`paged_rows`), never recomputed here.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers

from ouverture.api.base import ApiView, ReadViewSet
from ouverture.api.conventions import Pagination, ReadModelSerializer
from ouverture.api.lists import (
    PAGE_PARAMETERS,
    PAGE_PARAMS,
    OrganisationRef,
    PagedFilters,
    read_filters,
)
from ouverture.coaching.enums import Channel, FollowUpKind, FollowUpStatus
from ouverture.coaching.forms import RecapFilterForm
from ouverture.coaching.models import FollowUp, Interaction
from ouverture.coaching.recap import hours_text
from ouverture.coaching.recap_views import _default_year
from ouverture.organisations.enums import ProjectTypeCode
from ouverture.organisations.models import ProjectType


class FollowUpSerializer(ReadModelSerializer):
    organisation = OrganisationRef(read_only=True)
    project_types = serializers.SerializerMethodField(help_text="Codes des types de projet.")
    staff = serializers.SerializerMethodField(help_text="Chargé·e de mission.")
    meeting_count = serializers.IntegerField(
        read_only=True, help_text="Sessions (téléphone, visio, présentiel)."
    )
    total_minutes = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Durée totale des contacts, en minutes."
    )

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "organisation",
            "kind",
            "status",
            "project_types",
            "target_scheme",
            "target_year",
            "staff",
            "topics",
            "opened_on",
            "closed_on",
            "notes",
            "meeting_count",
            "total_minutes",
            "created_at",
        ]
        read_only_fields = fields

    def get_project_types(self, obj) -> list[str]:
        return [t.code for t in obj.project_types.all()]

    def get_staff(self, obj) -> str | None:
        return str(obj.staff) if obj.staff_id else None


class FollowUpFilters(PagedFilters):
    organisation = serializers.IntegerField(required=False, min_value=1)
    kind = serializers.ChoiceField(required=False, allow_blank=True, choices=FollowUpKind.choices)
    status = serializers.ChoiceField(
        required=False, allow_blank=True, choices=FollowUpStatus.choices
    )
    project_type = serializers.ChoiceField(
        required=False, allow_blank=True, choices=ProjectTypeCode.choices
    )
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


@extend_schema_view(
    list=extend_schema(
        summary="Suivis",
        description="Les accompagnements et appuis-conseils visibles par le titulaire du jeton "
        "(un porteur : ceux de sa structure), du plus récent au plus ancien, avec leurs "
        "sessions et leur durée.",
        parameters=[
            OpenApiParameter("organisation", int, description="Identifiant de la structure."),
            OpenApiParameter("kind", str, enum=FollowUpKind.values, description="Type de suivi."),
            OpenApiParameter("status", str, enum=FollowUpStatus.values, description="Statut."),
            OpenApiParameter(
                "project_type", str, enum=ProjectTypeCode.values, description="Type de projet."
            ),
            OpenApiParameter("year", int, description="Année d'ouverture du suivi."),
        ],
    ),
    retrieve=extend_schema(
        summary="Un suivi", description="Hors du périmètre du jeton : 404, comme à l'écran."
    ),
)
class FollowUpViewSet(ReadViewSet):
    api_app = "coaching"
    model = FollowUp
    ordering = ("-opened_on", "-pk")
    serializer_class = FollowUpSerializer
    # No list screen of their own: the follow-ups are listed on the organisation's page,
    # reached through the organisations list (its rule); each one is the follow-up page's.
    rules_permissions = {"list": "organisations.list_organisations"}
    rules_object_permissions = {"retrieve": "coaching.view_follow_up"}

    def base_queryset(self):
        return (
            FollowUp.objects.with_counts()
            .select_related("organisation", "staff")
            .prefetch_related(
                Prefetch("project_types", queryset=ProjectType.objects.order_by("order", "code"))
            )
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(FollowUpFilters, self.request)
        if data.get("organisation"):
            queryset = queryset.filter(organisation_id=data["organisation"])
        if data.get("kind"):
            queryset = queryset.of_kind(data["kind"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("project_type"):
            queryset = queryset.filter(
                pk__in=FollowUp.objects.filter(project_types__code=data["project_type"])
            )
        if data.get("year"):
            queryset = queryset.filter(opened_on__year=data["year"])
        return queryset


class InteractionSerializer(ReadModelSerializer):
    follow_up = serializers.IntegerField(source="follow_up_id", read_only=True)
    organisation = OrganisationRef(source="follow_up.organisation", read_only=True)
    is_session = serializers.BooleanField(read_only=True, help_text="Téléphone, visio, présentiel.")
    staff = serializers.SerializerMethodField(help_text="Chargé·e de mission.")

    class Meta:
        model = Interaction
        fields = [
            "id",
            "follow_up",
            "organisation",
            "date",
            "channel",
            "is_session",
            "duration_minutes",
            "topics",
            "note",
            "staff",
            "created_at",
        ]
        read_only_fields = fields

    def get_staff(self, obj) -> str | None:
        return str(obj.staff) if obj.staff_id else None


class InteractionFilters(PagedFilters):
    follow_up = serializers.IntegerField(required=False, min_value=1)
    organisation = serializers.IntegerField(required=False, min_value=1)
    channel = serializers.ChoiceField(required=False, allow_blank=True, choices=Channel.choices)
    kind = serializers.ChoiceField(required=False, allow_blank=True, choices=FollowUpKind.choices)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, data):
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise serializers.ValidationError(
                {"start": ["La date de début est après la date de fin."]}
            )
        return data


@extend_schema_view(
    list=extend_schema(
        summary="Contacts d'accompagnement",
        description="Les contacts (rendez-vous et échanges de mails) des suivis visibles par le "
        "titulaire du jeton, du plus récent au plus ancien.",
        parameters=[
            OpenApiParameter("follow_up", int, description="Identifiant du suivi."),
            OpenApiParameter("organisation", int, description="Identifiant de la structure."),
            OpenApiParameter("channel", str, enum=Channel.values, description="Canal."),
            OpenApiParameter("kind", str, enum=FollowUpKind.values, description="Type de suivi."),
            OpenApiParameter("start", str, description="Du (AAAA-MM-JJ)."),
            OpenApiParameter("end", str, description="Au (AAAA-MM-JJ)."),
        ],
    ),
    retrieve=extend_schema(
        summary="Un contact", description="Hors du périmètre du jeton : 404, comme à l'écran."
    ),
)
class InteractionViewSet(ReadViewSet):
    api_app = "coaching"
    model = Interaction
    ordering = ("-date", "-pk")
    serializer_class = InteractionSerializer
    # The contacts are shown on their follow-up's page: its rule, on the follow-up.
    rules_permissions = {"list": "organisations.list_organisations"}
    rules_object_permissions = {"retrieve": "coaching.view_follow_up"}

    def get_queryset(self):
        # Interactions have no scope of their own: their follow-up's (FollowUp.visible_to).
        return (
            Interaction.objects.filter(follow_up__in=FollowUp.objects.visible_to(self.request.user))
            .select_related("follow_up__organisation", "staff")
            .order_by(*self.ordering)
        )

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj.follow_up)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(InteractionFilters, self.request)
        if data.get("follow_up"):
            queryset = queryset.filter(follow_up_id=data["follow_up"])
        if data.get("organisation"):
            queryset = queryset.filter(follow_up__organisation_id=data["organisation"])
        if data.get("channel"):
            queryset = queryset.filter(channel=data["channel"])
        if data.get("kind"):
            queryset = queryset.filter(follow_up__kind=data["kind"])
        if data.get("start"):
            queryset = queryset.filter(date__gte=data["start"])
        if data.get("end"):
            queryset = queryset.filter(date__lte=data["end"])
        return queryset


class RecapParams(PagedFilters):
    """The recap screen's filter names (RecapFilterForm validates their values)."""

    year = serializers.CharField(required=False)
    start = serializers.CharField(required=False)
    end = serializers.CharField(required=False)
    project_type = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.CharField(required=False, allow_blank=True)
    staff = serializers.CharField(required=False, allow_blank=True)


class RecapRowSerializer(serializers.Serializer):
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField(help_text="Nom d'usage de la structure.")
    project_types = serializers.ListField(child=serializers.CharField())
    channels = serializers.ListField(child=serializers.CharField())
    sessions = serializers.IntegerField()
    hours = serializers.SerializerMethodField(help_text="Heures décimales (« 49.0 »).")

    def get_hours(self, row) -> str:
        return hours_text(row.minutes)


_recap_response = inline_serializer(
    "CoachingRecap",
    {
        "periode": inline_serializer(
            "RecapPeriod",
            {
                "debut": serializers.DateField(),
                "fin": serializers.DateField(),
                "libelle": serializers.CharField(help_text="« 2023 », « du … au … »."),
            },
        ),
        "totaux": inline_serializer(
            "RecapTotals",
            {
                "organisations": serializers.IntegerField(),
                "sessions": serializers.IntegerField(),
                "hours": serializers.CharField(help_text="Heures décimales."),
                "document_review_hours": serializers.CharField(
                    help_text="Relecture des dossiers, comptée à part, en heures décimales."
                ),
            },
        ),
        "nombre": serializers.IntegerField(help_text="Nombre de structures."),
        "page": serializers.IntegerField(),
        "pages": serializers.IntegerField(),
        "suivante": serializers.URLField(allow_null=True),
        "precedente": serializers.URLField(allow_null=True),
        "resultats": RecapRowSerializer(many=True),
    },
)


class CoachingRecapView(ApiView):
    """The recap of a period: totals of the whole period, rows a page at a time."""

    api_app = "coaching"
    rules_permission = "coaching.view_recap"
    pagination_class = Pagination

    @extend_schema(
        summary="Bilan des accompagnements",
        description="Le tableau récapitulatif de l'écran « Accompagnements » et de la commande "
        "`ouverture recap` : une ligne par structure accompagnée (types de projet, canaux, "
        "sessions, heures), les totaux de la période et le temps de relecture des dossiers. "
        "Mêmes filtres que l'écran ; sans période, l'année du dernier contact.",
        parameters=[
            OpenApiParameter("year", int, description="Année civile (2000 à 2100)."),
            OpenApiParameter("start", str, description="Début de période (AAAA-MM-JJ)."),
            OpenApiParameter("end", str, description="Fin de période (AAAA-MM-JJ)."),
            OpenApiParameter(
                "project_type", str, enum=ProjectTypeCode.values, description="Type de projet."
            ),
            OpenApiParameter("kind", str, enum=FollowUpKind.values, description="Type de suivi."),
            OpenApiParameter("staff", int, description="Identifiant du ou de la chargé·e."),
            *PAGE_PARAMETERS,
        ],
        responses={200: _recap_response},
    )
    def get(self, request):
        params = read_filters(RecapParams, request)
        form = RecapFilterForm(
            {k: v for k, v in params.items() if k not in PAGE_PARAMS},
            default_year=_default_year(),
        )
        if not form.is_valid():
            raise DjangoValidationError(form.errors.as_data())
        builder = form.builder()
        totals = builder.totals()
        paginator = self.pagination_class()
        rows = paginator.paginate_queryset(builder.paged_rows(totals), request, view=self)
        response = paginator.get_paginated_response(RecapRowSerializer(rows, many=True).data)
        response.data = {
            "periode": {
                "debut": totals.start.isoformat(),
                "fin": totals.end.isoformat(),
                "libelle": builder.period_text(),
            },
            "totaux": {
                "organisations": totals.organisations,
                "sessions": totals.sessions,
                "hours": hours_text(totals.minutes),
                "document_review_hours": hours_text(totals.review_minutes),
            },
            **response.data,
        }
        return response

"""Workshops (temps collectifs) with their counts, and registrations with attendance.

The list's counts are the list screen's (`WorkshopQuerySet.with_counts()`); a workshop's
detail carries the workshop page's summary (`events.queries.summarise`, the same function).
A person's data (name, e-mail, role) is read through `Registration.visible_to(user)` and the
registration page's rule: the network sees every registration, a holder its own people's.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from ouverture.api.base import ReadViewSet
from ouverture.api.conventions import ReadModelSerializer
from ouverture.api.lists import OrganisationRef, PagedFilters, read_filters
from ouverture.events.enums import COLLECTIVE, RegistrationStatus, WorkshopKind
from ouverture.events.models import Atelier, Registration, Workshop
from ouverture.events.queries import summarise
from ouverture.organisations.models import Organisation

KIND_CHOICES = [
    (COLLECTIVE, "Temps collectifs (hors préparations au départ)"),
    *WorkshopKind.choices,
]


class WorkshopCountsSerializer(serializers.Serializer):
    registered = serializers.IntegerField(source="registered_count", help_text="Inscrit·es.")
    present = serializers.IntegerField(source="present_count", help_text="Présent·es.")
    excused = serializers.IntegerField(source="excused_count", help_text="Excusé·es.")
    walk_ins = serializers.IntegerField(
        source="walk_in_count", help_text="Venu·es sans inscription."
    )
    waiting_list = serializers.IntegerField(source="waiting_count", help_text="Liste d'attente.")


class WorkshopSerializer(ReadModelSerializer):
    counts = WorkshopCountsSerializer(
        source="*", read_only=True, help_text="Comptes de l'écran de liste."
    )
    facilitators = OrganisationRef(many=True, read_only=True)

    class Meta:
        model = Workshop
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "date",
            "start_time",
            "end_time",
            "place",
            "video_link",
            "capacity",
            "registration_deadline",
            "audience",
            "cancelled",
            "facilitators",
            "counts",
        ]
        read_only_fields = fields


class StructureRowSerializer(serializers.Serializer):
    organisation_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    city = serializers.CharField()
    project_type = serializers.CharField()
    participants = serializers.IntegerField()


class SummarySerializer(serializers.Serializer):
    registered = serializers.IntegerField()
    excused = serializers.IntegerField()
    absent = serializers.IntegerField()
    walk_ins = serializers.IntegerField()
    participants = serializers.IntegerField()
    waiting_list = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    not_yet_marked = serializers.IntegerField()
    structure_count = serializers.IntegerField()
    structures = StructureRowSerializer(many=True)
    structures_by_type = serializers.DictField(child=serializers.IntegerField())


class AtelierSerializer(ReadModelSerializer):
    chosen_count = serializers.IntegerField(read_only=True, help_text="Personnes qui l'ont choisi.")

    class Meta:
        model = Atelier
        fields = ["id", "title", "description", "facilitation", "duration_minutes", "chosen_count"]
        read_only_fields = fields


class WorkshopDetailSerializer(WorkshopSerializer):
    summary = serializers.SerializerMethodField(
        help_text="Le bilan de la page du temps collectif : présences, structures par type."
    )
    ateliers = serializers.SerializerMethodField()

    class Meta(WorkshopSerializer.Meta):
        fields = [*WorkshopSerializer.Meta.fields, "summary", "ateliers"]
        read_only_fields = fields

    @extend_schema_field(SummarySerializer)
    def get_summary(self, obj):
        return SummarySerializer(summarise(obj.registrations.with_related())).data

    @extend_schema_field(AtelierSerializer(many=True))
    def get_ateliers(self, obj):
        return AtelierSerializer(obj.ateliers.with_choice_counts(), many=True).data


class WorkshopFilters(PagedFilters):
    """The list screen's filters (events.forms.WorkshopFilterForm)."""

    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    kind = serializers.ChoiceField(required=False, allow_blank=True, choices=KIND_CHOICES)


@extend_schema_view(
    list=extend_schema(
        summary="Temps collectifs",
        description="Les temps collectifs visibles par le titulaire du jeton (un porteur : ceux "
        "ouverts aux inscriptions, jamais les préparations au départ), du plus récent au plus "
        "ancien, avec les comptes de l'écran de liste (inscrit·es, présent·es, excusé·es, "
        "venu·es sans inscription, liste d'attente).",
        parameters=[
            OpenApiParameter("year", int, description="Année du temps collectif."),
            OpenApiParameter(
                "kind",
                str,
                enum=[code for code, _label in KIND_CHOICES],
                description="Type (« collective » : tous sauf les préparations au départ).",
            ),
        ],
    ),
    retrieve=extend_schema(
        summary="Un temps collectif",
        description="Le temps collectif avec le bilan de sa page (présences, structures par "
        "type de projet) et ses ateliers. Réservé à qui voit la page (le réseau, le financeur).",
    ),
)
class WorkshopViewSet(ReadViewSet):
    api_app = "events"
    model = Workshop
    ordering = ("-date", "-pk")
    rules_permissions = {"list": "events.list_workshops"}
    rules_object_permissions = {"retrieve": "events.view_workshop"}

    def get_serializer_class(self):
        return WorkshopDetailSerializer if self.action == "retrieve" else WorkshopSerializer

    def base_queryset(self):
        return Workshop.objects.with_counts().prefetch_related(
            Prefetch("facilitators", queryset=Organisation.objects.order_by("search_name", "pk"))
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(WorkshopFilters, self.request)
        if data.get("year"):
            queryset = queryset.in_year(data["year"])
        if data.get("kind"):
            queryset = queryset.of_kind(data["kind"])
        return queryset


class RegistrationSerializer(ReadModelSerializer):
    workshop = serializers.IntegerField(source="workshop_id", read_only=True)
    organisation = OrganisationRef(read_only=True, allow_null=True)
    organisation_display = serializers.CharField(
        read_only=True, help_text="La structure du registre, sinon le nom saisi."
    )
    ateliers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "workshop",
            "full_name",
            "role",
            "email",
            "organisation",
            "organisation_display",
            "project_type",
            "ateliers",
            "status",
            "walk_in",
            "registered_at",
            "checked_in_at",
            "cancelled_at",
        ]
        read_only_fields = fields


class RegistrationFilters(PagedFilters):
    workshop = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(
        required=False, allow_blank=True, choices=RegistrationStatus.choices
    )
    walk_in = serializers.BooleanField(required=False, allow_null=True, default=None)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


@extend_schema_view(
    list=extend_schema(
        summary="Inscriptions et présences",
        description="Les inscriptions visibles par le titulaire du jeton (un porteur : celles "
        "des personnes de sa structure), avec leur statut de présence, par temps collectif "
        "puis par nom.",
        parameters=[
            OpenApiParameter("workshop", int, description="Identifiant du temps collectif."),
            OpenApiParameter(
                "status", str, enum=RegistrationStatus.values, description="Statut (présence)."
            ),
            OpenApiParameter("walk_in", bool, description="Venu·e sans inscription."),
            OpenApiParameter("year", int, description="Année du temps collectif."),
        ],
    ),
    retrieve=extend_schema(
        summary="Une inscription",
        description="Hors du périmètre du jeton : 404, comme à l'écran.",
    ),
)
class RegistrationViewSet(ReadViewSet):
    api_app = "events"
    model = Registration
    ordering = ("-workshop__date", "workshop_id", "full_name", "pk")
    serializer_class = RegistrationSerializer
    rules_permissions = {"list": "events.list_workshops"}
    rules_object_permissions = {"retrieve": "events.view_registration"}

    def base_queryset(self):
        qs = Registration.objects.select_related("organisation", "workshop").prefetch_related(
            Prefetch("ateliers", queryset=Atelier.objects.order_by("pk"))
        )
        if not self.request.user.has_perm("events.view_workshop"):
            # A holder's screen lists its people's registrations, cancelled ones aside.
            qs = qs.active()
        return qs

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(RegistrationFilters, self.request)
        if data.get("workshop"):
            queryset = queryset.filter(workshop_id=data["workshop"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("walk_in") is not None:
            queryset = queryset.filter(walk_in=data["walk_in"])
        if data.get("year"):
            queryset = queryset.filter(workshop__date__year=data["year"])
        return queryset

"""The PAM: cohorts, their progress (the cohort page's `cohort_progress`), and candidacies.

A cohort's description and calendar are seen by every account (its intake page is public);
its candidates' counts and progress are the institutional side's (`pathways.view_cohort`),
a candidacy its organisation's and the institutional side's (`pathways.view_candidacy`).
Scores never leave the selection screens.
"""

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
from ouverture.pathways.enums import CandidateStatus, CohortStatus
from ouverture.pathways.models import Candidate, Cohort
from ouverture.pathways.progress import cohort_progress


class CohortSerializer(ReadModelSerializer):
    end_date = serializers.DateField(read_only=True, help_text="Fin du parcours.")

    class Meta:
        model = Cohort
        fields = [
            "id",
            "title",
            "description",
            "start_date",
            "end_date",
            "months",
            "capacity",
            "intake_deadline",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class CohortCountsSerializer(CohortSerializer):
    candidate_count = serializers.IntegerField(
        read_only=True, help_text="Candidatures (hors désistements)."
    )
    admitted_count = serializers.IntegerField(read_only=True)
    waiting_count = serializers.IntegerField(read_only=True)

    class Meta(CohortSerializer.Meta):
        fields = [
            *CohortSerializer.Meta.fields,
            "candidate_count",
            "admitted_count",
            "waiting_count",
        ]
        read_only_fields = fields


class SessionRowSerializer(serializers.Serializer):
    module_number = serializers.IntegerField(source="session.module.number")
    module_title = serializers.CharField(source="session.module.title")
    workshop = serializers.IntegerField(source="workshop.pk")
    date = serializers.DateField(source="workshop.date")
    registered = serializers.IntegerField(source="workshop.registered_count")
    present = serializers.IntegerField(source="workshop.present_count")
    admitted_present = serializers.IntegerField(help_text="Porteurs admis présents.")
    held = serializers.BooleanField(help_text="Tenue (passée, non annulée).")


class HolderRowSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(source="candidate.pk")
    organisation = OrganisationRef(source="candidate.organisation", allow_null=True)
    name = serializers.CharField(source="candidate.display_name")
    attended = serializers.IntegerField(help_text="Modules suivis.")
    held = serializers.IntegerField(help_text="Modules tenus à ce jour.")
    percent = serializers.SerializerMethodField(help_text="Part exacte, non arrondie.")
    present_by_session = serializers.SerializerMethodField(
        help_text="Personnes présentes à chaque session tenue (null : pas encore tenue)."
    )

    def get_percent(self, row) -> str | None:
        return None if row.percent is None else str(row.percent)

    def get_present_by_session(self, row) -> list[int | None]:
        return [count for _session, count in row.cells]


class ProgressSerializer(serializers.Serializer):
    admitted = serializers.IntegerField()
    held = serializers.IntegerField(help_text="Sessions tenues.")
    sessions = SessionRowSerializer(many=True)
    holders = HolderRowSerializer(many=True)


class CohortDetailSerializer(CohortCountsSerializer):
    progress = serializers.SerializerMethodField(
        help_text="Présences par module et progression par porteur (la page de la cohorte)."
    )

    class Meta(CohortCountsSerializer.Meta):
        fields = [*CohortCountsSerializer.Meta.fields, "progress"]
        read_only_fields = fields

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, obj):
        admitted = list(obj.candidates.admitted().select_related("organisation"))
        return ProgressSerializer(cohort_progress(obj, admitted)).data


class CohortFilters(PagedFilters):
    status = serializers.ChoiceField(required=False, allow_blank=True, choices=CohortStatus.choices)


@extend_schema_view(
    list=extend_schema(
        summary="Cohortes du PAM",
        description="Les cohortes du parcours PAM, de la plus récente à la plus ancienne ; "
        "les nombres de candidatures pour le réseau et le financeur seulement.",
        parameters=[
            OpenApiParameter("status", str, enum=CohortStatus.values, description="Statut."),
        ],
        responses=CohortCountsSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Une cohorte du PAM",
        description="La cohorte avec les présences par module et la progression de chaque "
        "porteur admis, comme sa page (réservée au réseau et au financeur).",
        responses=CohortDetailSerializer,
    ),
)
class CohortViewSet(ReadViewSet):
    api_app = "pathways"
    model = Cohort
    ordering = ("-start_date", "-pk")
    rules_permissions = {"list": "pathways.list_cohorts"}
    rules_object_permissions = {"retrieve": "pathways.view_cohort"}

    def get_serializer_class(self):
        if self.action == "retrieve":
            return CohortDetailSerializer
        user = getattr(self.request, "user", None)
        if user is not None and user.has_perm("pathways.view_cohort"):
            return CohortCountsSerializer
        return CohortSerializer

    def base_queryset(self):
        return Cohort.objects.with_counts()

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(CohortFilters, self.request)
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset


class CandidateSerializer(ReadModelSerializer):
    cohort = serializers.IntegerField(source="cohort_id", read_only=True)
    organisation = OrganisationRef(read_only=True, allow_null=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "cohort",
            "organisation",
            "organisation_name",
            "contact_name",
            "contact_email",
            "contact_role",
            "submitted_at",
            "status",
            "decided_at",
        ]
        read_only_fields = fields


class CandidateFilters(PagedFilters):
    cohort = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(
        required=False, allow_blank=True, choices=CandidateStatus.choices
    )


@extend_schema_view(
    list=extend_schema(
        summary="Candidatures au PAM",
        description="Les candidatures visibles par le titulaire du jeton (un porteur : celles "
        "de sa structure), sans les notes de la sélection.",
        parameters=[
            OpenApiParameter("cohort", int, description="Identifiant de la cohorte."),
            OpenApiParameter("status", str, enum=CandidateStatus.values, description="Décision."),
        ],
    ),
    retrieve=extend_schema(
        summary="Une candidature au PAM",
        description="Hors du périmètre du jeton : 404, comme à l'écran.",
    ),
)
class CandidateViewSet(ReadViewSet):
    api_app = "pathways"
    model = Candidate
    ordering = ("-cohort__start_date", "-pk")
    serializer_class = CandidateSerializer
    rules_permissions = {"list": "pathways.list_cohorts"}
    rules_object_permissions = {"retrieve": "pathways.view_candidacy"}

    def base_queryset(self):
        return Candidate.objects.select_related("organisation", "cohort")

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(CandidateFilters, self.request)
        if data.get("cohort"):
            queryset = queryset.filter(cohort_id=data["cohort"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset

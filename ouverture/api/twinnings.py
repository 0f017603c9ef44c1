"""Twinnings: the register (the list screen's filters), an agreement, and the statistics.

The statistics are the statistics screen's (`twinnings.stats.compute`, validated by its
own filter form, StatisticsFilterForm): partners in France are listed apart, out of the
counts by country and continent, exactly as there.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response

from ouverture.api.base import ApiView, ReadViewSet
from ouverture.api.conventions import ReadModelSerializer, StrictSerializer
from ouverture.api.lists import OrganisationRef, PagedFilters, read_filters
from ouverture.twinnings import stats
from ouverture.twinnings.enums import AgreementKind, AgreementStatus
from ouverture.twinnings.forms import REVIEW_CHOICES, StatisticsFilterForm
from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty
from ouverture.twinnings.views_stats import _filter_choices

REVIEWS = [code for code, _label in REVIEW_CHOICES if code]


class LocalPartySerializer(ReadModelSerializer):
    commune = serializers.SerializerMethodField(help_text="Code INSEE et nom.")

    class Meta:
        model = LocalParty
        fields = [
            "id",
            "kind",
            "commune",
            "former_name",
            "epci_siren",
            "epci_name",
            "signed_on",
            "signed_year",
            "signed_note",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        read_only_fields = fields

    def get_commune(self, obj) -> dict | None:
        if obj.commune_id is None:
            return None
        return {"code": obj.commune.code, "name": obj.commune.name}


class PartnerSerializer(ReadModelSerializer):
    town = serializers.CharField(source="town.name", read_only=True)
    region = serializers.CharField(source="town.region", read_only=True)
    country = serializers.CharField(source="town.country_id", read_only=True, help_text="ISO 3166.")

    class Meta:
        model = AgreementPartner
        fields = ["id", "town", "region", "country", "signed_on", "signed_year", "signed_note"]
        read_only_fields = fields


class TwinningSerializer(ReadModelSerializer):
    committee = OrganisationRef(read_only=True, allow_null=True)
    local_parties = LocalPartySerializer(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "kind",
            "status",
            "status_note",
            "title",
            "committee",
            "local_parties",
            "partners",
            "verified_on",
            "upcoming_projects",
            "notes",
            "needs_review",
            "review_flags",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class TwinningFilters(PagedFilters):
    """The register screen's filters (twinnings.forms.AgreementFilterForm)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    status = serializers.ChoiceField(
        required=False, allow_blank=True, choices=AgreementStatus.choices
    )
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)
    review = serializers.ChoiceField(required=False, allow_blank=True, choices=REVIEWS)


@extend_schema_view(
    list=extend_schema(
        summary="Jumelages",
        description="Le répertoire des jumelages et coopérations visibles par le titulaire du "
        "jeton (un porteur : ceux dont sa structure est le comité, ou sa commune une partie), "
        "par intitulé ; mêmes filtres que l'écran.",
        parameters=[
            OpenApiParameter("q", str, description="Commune, ville partenaire, intitulé."),
            OpenApiParameter("status", str, enum=AgreementStatus.values, description="Statut."),
            OpenApiParameter("country", str, description="Pays partenaire (code ISO 3166)."),
            OpenApiParameter("review", str, enum=REVIEWS, description="Points à vérifier."),
        ],
    ),
    retrieve=extend_schema(
        summary="Un jumelage", description="Hors du périmètre du jeton : 404, comme à l'écran."
    ),
)
class TwinningViewSet(ReadViewSet):
    api_app = "twinnings"
    model = Agreement
    ordering = ("search_title", "pk")
    serializer_class = TwinningSerializer
    rules_permissions = {"list": "twinnings.list_twinnings"}
    rules_object_permissions = {"retrieve": "twinnings.view_agreement"}

    def base_queryset(self):
        return Agreement.objects.with_list_data()

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(TwinningFilters, self.request)
        queryset = queryset.search(data.get("q", ""))
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("country"):
            queryset = queryset.in_country(data["country"].upper())
        if data.get("review") == "flagged":
            queryset = queryset.needing_review()
        elif data.get("review") == "clear":
            queryset = queryset.filter(needs_review=False)
        return queryset


class StatisticsParams(StrictSerializer):
    """The statistics screen's filter names (StatisticsFilterForm validates their values)."""

    status = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.CharField(required=False, allow_blank=True)
    continent = serializers.CharField(required=False, allow_blank=True)
    country = serializers.CharField(required=False, allow_blank=True)
    epci = serializers.CharField(required=False, allow_blank=True)
    review = serializers.CharField(required=False, allow_blank=True)
    grouping = serializers.CharField(required=False, allow_blank=True)


_code_counts = serializers.DictField(child=serializers.IntegerField())
_statistics = inline_serializer(
    "TwinningStatistics",
    {
        "agreements": serializers.IntegerField(help_text="Jumelages retenus par les filtres."),
        "communes": serializers.IntegerField(),
        "countries": serializers.IntegerField(help_text="Pays partenaires, hors France."),
        "continents": serializers.IntegerField(),
        "european": serializers.IntegerField(),
        "european_share": serializers.CharField(
            allow_null=True, help_text="Part européenne, en pourcentage (« 61.54 »)."
        ),
        "to_review": serializers.IntegerField(),
        "grouping": serializers.CharField(),
        "grouping_label": serializers.CharField(),
        "grouping_note": serializers.CharField(help_text="La note de l'écran."),
        "grouping_differences": serializers.DictField(child=serializers.CharField()),
        "with_foreign_partner": serializers.IntegerField(),
        "partners_in_france": serializers.ListField(child=serializers.DictField()),
        "by_country": _code_counts,
        "by_continent": _code_counts,
        "by_status": _code_counts,
        "by_kind": _code_counts,
    },
)


class TwinningStatisticsView(ApiView):
    api_app = "twinnings"
    rules_permission = "twinnings.view_statistics"

    @extend_schema(
        summary="Statistiques des jumelages",
        description="Les chiffres de l'écran « Statistiques » (et de `ouverture twinnings "
        "stats`) : jumelages, communes, pays et continents partenaires, part européenne, "
        "comptes par pays, continent, statut et nature. Les partenaires situés en France sont "
        "listés à part, hors des comptes par pays et par continent, comme à l'écran. "
        "Réservé au réseau et au financeur.",
        parameters=[
            OpenApiParameter("status", str, enum=AgreementStatus.values, description="Statut."),
            OpenApiParameter("kind", str, enum=AgreementKind.values, description="Nature."),
            OpenApiParameter("continent", str, description="Continent (code)."),
            OpenApiParameter("country", str, description="Pays partenaire (code ISO 3166)."),
            OpenApiParameter("epci", str, description="SIREN de l'intercommunalité."),
            OpenApiParameter("review", str, enum=REVIEWS, description="Points à vérifier."),
            OpenApiParameter(
                "grouping", str, enum=["insee", "seven"], description="Regroupement des continents."
            ),
        ],
        responses={200: _statistics},
    )
    def get(self, request):
        params = read_filters(StatisticsParams, request)
        countries, epcis = _filter_choices()
        form = StatisticsFilterForm(params, countries=countries, epcis=epcis)
        if not form.is_valid():
            raise DjangoValidationError(form.errors.as_data())
        filters = dict(form.cleaned_data)
        grouping = filters.pop("grouping", "") or "insee"
        figures = stats.compute(grouping=grouping, **filters)
        data = figures.as_json()
        data["grouping_note"] = figures.grouping_note
        return Response(data)

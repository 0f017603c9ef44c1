"""Agreements (conventions): the list screen's, and one agreement as its page shows it.

An agreement's detail is the page's `AgreementOverview`, rendered by the same function as
`ouverture agreement show --format json` (`agreements.serializers.detail`): budget lines,
financing plan (revenues and shares), execution by line and category, settlement, the
funder's credit line, checks. Its commitments carry their measured figure — value, unit,
label and the rows behind it — from the same `progress()` objects the page lists
(`overview.commitments`): measured once, never recomputed here.
"""

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response

from ouverture.agreements import serializers as agreement_json
from ouverture.agreements.enums import AgreementStatus
from ouverture.agreements.models import Agreement
from ouverture.agreements.overview import AgreementOverview
from ouverture.api.base import ReadViewSet
from ouverture.api.conventions import ReadModelSerializer
from ouverture.api.lists import OrganisationRef, PagedFilters, read_filters


class AgreementSerializer(ReadModelSerializer):
    funder = OrganisationRef(read_only=True)
    beneficiary = OrganisationRef(read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "reference",
            "title",
            "year",
            "status",
            "funder",
            "beneficiary",
            "action_start",
            "action_end",
            "eligibility_start",
            "eligibility_end",
            "report_due",
            "signed_on",
            "created_at",
        ]
        read_only_fields = fields


def _figure(progress):
    """A commitment's measured figure as the page shows it (agreements.progress.Progress)."""
    c = progress.commitment
    return {
        "label": c.label,
        "unit": c.unit,
        "value": agreement_json.quantity(progress.value),
        "source": progress.source,
        "problem": progress.problem,
        "expected": agreement_json.quantity(progress.expected),
        "state_label": progress.state_label,
        "period": [c.period_start, c.period_end],
        "rows": [
            {"label": row.label, "date": row.date, "detail": row.detail, "url": row.url}
            for row in progress.rows
        ],
    }


_any = serializers.JSONField()
_agreement_detail = inline_serializer(
    "AgreementDetail",
    {
        "id": serializers.IntegerField(),
        "reference": serializers.CharField(),
        "title": serializers.CharField(),
        "status": serializers.CharField(),
        "status_label": serializers.CharField(),
        "year": serializers.IntegerField(),
        "funder": _any,
        "beneficiary": _any,
        "deliberation": serializers.CharField(),
        "period": serializers.ListField(child=serializers.DateField()),
        "eligibility_period": serializers.ListField(child=serializers.DateField()),
        "report_due": serializers.DateField(),
        "signed_on": serializers.DateField(allow_null=True),
        "subsidy": serializers.CharField(allow_null=True, help_text="Montant décimal en chaîne."),
        "total_cost": serializers.CharField(allow_null=True),
        "budget_lines": serializers.ListField(
            child=serializers.DictField(),
            help_text="Lignes du budget prévisionnel ; `id` : la ligne qu'une dépense impute "
            "(`budget_line` de `POST /conventions/<id>/depenses/`).",
        ),
        "budget_total": serializers.CharField(allow_null=True),
        "expenses_by_category": serializers.DictField(),
        "expenses_rounding_note": serializers.CharField(allow_blank=True),
        "revenues": serializers.DictField(help_text="Plan de financement : montant et part."),
        "revenues_rounding_note": serializers.CharField(allow_blank=True),
        "beneficiary_budget": serializers.DictField(allow_null=True),
        "commitments": serializers.ListField(
            child=serializers.DictField(),
            help_text="Engagements : cible, réalisé, état, et « figure » (valeur, unité, "
            "libellé, lignes qui la justifient).",
        ),
        "execution": serializers.DictField(
            help_text="Réalisé, taux, et par ligne (`by_line`, avec `budget_line`) et catégorie."
        ),
        "settlement": serializers.DictField(),
        "funder_budget": serializers.DictField(allow_null=True),
        "checks": serializers.ListField(child=serializers.DictField()),
    },
)


class AgreementFilters(PagedFilters):
    """The list screen's filter (the year), and the status."""

    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    status = serializers.ChoiceField(
        required=False, allow_blank=True, choices=AgreementStatus.choices
    )


@extend_schema_view(
    list=extend_schema(
        summary="Conventions",
        description="Les conventions de subvention (réservées au réseau et au financeur, comme "
        "l'écran), par exercice décroissant puis référence.",
        parameters=[
            OpenApiParameter("year", int, description="Exercice."),
            OpenApiParameter("status", str, enum=AgreementStatus.values, description="Statut."),
        ],
    ),
    retrieve=extend_schema(
        summary="Une convention",
        description="La convention comme sa page : budget prévisionnel, plan de financement, "
        "exécution par ligne et par catégorie, solde, ligne de crédit du financeur, contrôles, "
        "et ses engagements avec leur chiffre mesuré (valeur, unité, libellé, lignes). "
        "Montants en chaînes décimales, pourcentages exacts (`percent_exact`) et arrondis "
        "(`percent`).",
        responses={200: _agreement_detail},
    ),
)
class AgreementViewSet(ReadViewSet):
    api_app = "agreements"
    model = Agreement
    ordering = ("-year", "reference", "pk")
    serializer_class = AgreementSerializer
    rules_permissions = {"list": "agreements.list_agreements"}
    rules_object_permissions = {"retrieve": "agreements.view_agreement"}

    def base_queryset(self):
        return Agreement.objects.with_parties()

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = read_filters(AgreementFilters, self.request)
        if data.get("year"):
            queryset = queryset.for_year(data["year"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset

    def retrieve(self, request, *args, **kwargs):
        agreement = self.get_object()
        overview = AgreementOverview(agreement)
        data = {"id": agreement.pk, **agreement_json.detail(overview)}
        # A line's id is what an expense names (POST …/depenses/ `budget_line`).
        for row, line in zip(data["budget_lines"], overview.lines, strict=True):
            row["id"] = line.pk
        for row, execution in zip(
            data["execution"]["by_line"], overview.line_execution, strict=True
        ):
            row["budget_line"] = execution.line.pk
        for row, progress in zip(data["commitments"], overview.commitments, strict=True):
            row["id"] = progress.commitment.pk
            row["figure"] = _figure(progress)
        return Response(data)

"""Questionnaires and their aggregated results.

The results are the results screen's (`surveys.results.questionnaire_results`, the same
function): counts per choice and per scale value, number summaries and classes, free texts
as the screen lists them, the response rate. Never a response with its respondent: who
answered is `surveys.view_respondents`' screens, not this one's.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from ouverture.api.base import ReadViewSet
from ouverture.api.conventions import ReadModelSerializer
from ouverture.api.lists import PagedFilters, read_filters
from ouverture.surveys.models import Questionnaire
from ouverture.surveys.results import questionnaire_results


def _decimal(value):
    return None if value is None else str(value)


class LabelCount(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class NumberSummary(serializers.Serializer):
    count = serializers.IntegerField()
    min = serializers.CharField(help_text="Décimal en chaîne.")
    max = serializers.CharField()
    mean = serializers.CharField(help_text="Moyenne exacte, non arrondie.")
    median = serializers.CharField()
    total = serializers.CharField()


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    code = serializers.CharField(source="question.code")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField(help_text="Réponses à cette question.")
    rows = serializers.SerializerMethodField(help_text="Comptes par choix ou par valeur.")
    derived_title = serializers.CharField()
    derived_rows = serializers.SerializerMethodField(help_text="Classes (taille de structure).")
    summary = serializers.SerializerMethodField()
    texts = serializers.ListField(child=serializers.CharField(), help_text="Réponses libres.")

    @extend_schema_field(LabelCount(many=True))
    def get_rows(self, result):
        return [{"label": label, "count": count} for label, count in result.rows]

    @extend_schema_field(LabelCount(many=True))
    def get_derived_rows(self, result):
        return [{"label": label, "count": count} for label, count in result.derived_rows]

    @extend_schema_field(NumberSummary(allow_null=True))
    def get_summary(self, result):
        summary = result.summary
        if summary is None:
            return None
        return {k: (v if k == "count" else _decimal(v)) for k, v in summary.items()}


class SectionResultSerializer(serializers.Serializer):
    title = serializers.CharField()
    questions = QuestionResultSerializer(many=True)


class RateSerializer(serializers.Serializer):
    responses = serializers.IntegerField(help_text="Réponses enregistrées.")
    invited = serializers.IntegerField(help_text="Liens personnels créés.")
    answered = serializers.IntegerField(help_text="Liens personnels qui ont servi.")
    percent = serializers.SerializerMethodField(help_text="Pourcentage exact, non arrondi.")
    text = serializers.SerializerMethodField(help_text="« 5 réponses sur 13 … » (l'écran).")

    def get_percent(self, rate) -> str | None:
        return _decimal(rate.percent)

    def get_text(self, rate) -> str:
        return rate.text()


class ResultsSerializer(serializers.Serializer):
    rate = RateSerializer()
    sections = SectionResultSerializer(many=True)


class QuestionnaireSerializer(ReadModelSerializer):
    response_count = serializers.IntegerField(read_only=True)
    invitation_count = serializers.IntegerField(read_only=True)
    answered_invitation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "status",
            "definition",
            "subject_ref",
            "is_public",
            "closes_at",
            "opened_at",
            "closed_at",
            "created_at",
            "response_count",
            "invitation_count",
            "answered_invitation_count",
        ]
        read_only_fields = fields


class QuestionnaireResultsSerializer(QuestionnaireSerializer):
    results = serializers.SerializerMethodField(
        help_text="Les résultats agrégés de l'écran « Résultats »."
    )

    class Meta(QuestionnaireSerializer.Meta):
        fields = [*QuestionnaireSerializer.Meta.fields, "results"]
        read_only_fields = fields

    @extend_schema_field(ResultsSerializer)
    def get_results(self, obj):
        results = questionnaire_results(obj)
        return {
            "rate": RateSerializer(results.rate).data,
            "sections": [
                SectionResultSerializer({"title": section.title, "questions": rows}).data
                for section, rows in results.sections
            ],
        }


@extend_schema_view(
    list=extend_schema(
        summary="Questionnaires",
        description="Les questionnaires (réservés au réseau et au financeur, comme l'écran), du "
        "plus récent au plus ancien, avec leurs nombres de réponses et d'invitations.",
    ),
    retrieve=extend_schema(
        summary="Résultats d'un questionnaire",
        description="Les résultats agrégés de l'écran « Résultats » : comptes par choix et par "
        "valeur, synthèse des nombres, réponses libres, taux de réponse. Jamais qui a répondu.",
    ),
)
class QuestionnaireViewSet(ReadViewSet):
    api_app = "surveys"
    model = Questionnaire
    ordering = ("-created_at", "-pk")
    rules_permissions = {"list": "surveys.list_questionnaires"}
    rules_object_permissions = {"retrieve": "surveys.view_results"}

    def get_serializer_class(self):
        if self.action == "retrieve":
            return QuestionnaireResultsSerializer
        return QuestionnaireSerializer

    def base_queryset(self):
        return Questionnaire.objects.with_counts()

    def filter_queryset(self, queryset):
        if self.action == "list":
            read_filters(PagedFilters, self.request)  # the screen has no filter: none accepted
        return queryset

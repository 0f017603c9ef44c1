"""Assemblies: sittings (presence, proxies, quorum, each item's opinion and vote) and
deliberations. Institutional users only, as on the screens (a holder's token: 403).

A deliberation's detail is `assemblies.serializers.deliberation_json`, the function
`ouverture deliberations show NUMBER --format json` prints: the API shows the same figures,
computed once. A sitting's detail is built on `content.presence_content`, `votes.quorum` and
`content.vote_content`, the functions the documents use."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response

from ouverture.api.base import ReadViewSet
from ouverture.api.lists import PagedFilters
from ouverture.assemblies import votes
from ouverture.assemblies.content import presence_content, vote_content
from ouverture.assemblies.enums import Presence, Result
from ouverture.assemblies.models import AgendaItem, Deliberation, Opinion, Sitting
from ouverture.assemblies.serializers import deliberation_json

PAGING = {
    "page": serializers.CharField(required=False),
    "page_size": serializers.CharField(required=False),
}

# Primary keys are 64-bit (BigAutoField): a larger id is refused, never sent to SQL.
MAX_ID = 2**63 - 1


def _validated(filters_class, request):
    filters = filters_class(data=request.query_params.dict())
    filters.is_valid(raise_exception=True)
    return filters.validated_data


def _nullable(field_class, **kwargs):
    return field_class(allow_null=True, **kwargs)


# Shapes of the responses (documentation for the schema; the data come from the content
# functions named in the module docstring).


class MembreEluSerializer(serializers.Serializer):
    name = serializers.CharField()
    titled = serializers.CharField(help_text="Avec la civilité.")
    group = serializers.CharField()


class PouvoirSerializer(serializers.Serializer):
    giver = serializers.CharField(help_text="Qui donne pouvoir.")
    holder = serializers.CharField(help_text="Qui le reçoit.")


VoteDeGroupeSerializer = type(
    "VoteDeGroupeSerializer",
    (serializers.Serializer,),
    {
        "group": serializers.CharField(),
        "for": serializers.IntegerField(),
        "against": serializers.IntegerField(),
        "abstention": serializers.IntegerField(),
        "not_taking_part": serializers.IntegerField(),
    },
)


def _member(**options):
    return MembreEluSerializer(**options)


def _proxy(**options):
    return PouvoirSerializer(**options)


def _group_vote(**options):
    return VoteDeGroupeSerializer(**options)


DELIBERATION_SCHEMA = inline_serializer(
    "Deliberation",
    {
        "id": serializers.IntegerField(),
        "year": serializers.IntegerField(),
        "result": serializers.CharField(help_text="adopted, rejected, ou vide (non voté)."),
        "number": serializers.CharField(),
        "date": serializers.DateField(),
        "body": serializers.CharField(),
        "title": serializers.CharField(),
        "president": _nullable(serializers.CharField),
        "secretary": _nullable(serializers.CharField),
        "present": serializers.IntegerField(),
        "excused": serializers.IntegerField(),
        "represented": serializers.IntegerField(),
        "present_without_vote": serializers.IntegerField(),
        "excused_without_vote": serializers.IntegerField(),
        "proxies": _proxy(many=True),
        "for": serializers.IntegerField(),
        "against": serializers.IntegerField(),
        "abstention": serializers.IntegerField(),
        "not_taking_part": serializers.IntegerField(),
        "groups_for": serializers.ListField(child=serializers.CharField()),
        "votes_by_group": _group_vote(many=True),
        "adopted": serializers.BooleanField(),
        "opinion": inline_serializer(
            "AvisCommission",
            {
                "commission": serializers.CharField(),
                "date": serializers.DateField(),
                "favourable": serializers.BooleanField(),
            },
            allow_null=True,
        ),
        "citations": inline_serializer(
            "Citation",
            {"number": serializers.CharField(), "date": _nullable(serializers.DateField)},
            many=True,
        ),
        "articles": inline_serializer(
            "Article",
            {
                "number": serializers.IntegerField(),
                "kind": serializers.CharField(),
                "beneficiary": serializers.CharField(),
                "amount": _nullable(serializers.DecimalField, max_digits=14, decimal_places=2),
            },
            many=True,
        ),
        "imputation": serializers.JSONField(
            help_text="L'imputation (objet : opération, imputation, libellé, CP, dépense) ; "
            "une liste de ces objets quand la délibération en a plusieurs, ou aucune."
        ),
        "signatories": inline_serializer(
            "Signataire",
            {"title": serializers.CharField(), "name": serializers.CharField()},
            many=True,
        ),
        "agreements": serializers.ListField(
            child=serializers.CharField(), help_text="Références des conventions liées."
        ),
    },
)


# Deliberations ---------------------------------------------------------------------------


class DeliberationListSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.name", read_only=True)
    result_label = serializers.CharField(source="get_result_display", read_only=True)
    sitting = serializers.IntegerField(source="item.sitting_id", allow_null=True, read_only=True)
    agreements = serializers.SerializerMethodField(help_text="Références des conventions liées.")

    class Meta:
        model = Deliberation
        fields = [
            "id",
            "number",
            "year",
            "date",
            "body",
            "title",
            "result",
            "result_label",
            "sitting",
            "agreements",
        ]
        read_only_fields = fields

    def get_agreements(self, obj) -> list[str]:
        return [a.reference for a in obj.agreements.all()]


DeliberationFilters = type(
    "DeliberationFilters",
    (PagedFilters,),
    {
        "year": serializers.IntegerField(required=False, min_value=1900, max_value=2200),
        "body": serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID),
        "result": serializers.ChoiceField(
            required=False, allow_blank=True, choices=[c for c in Result.choices if c[0]]
        ),
        **PAGING,
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="Délibérations",
        description="Les délibérations enregistrées, les plus récentes d'abord (comme "
        "`ouverture deliberations list`).",
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                description="Année de la délibération.",
            ),
            OpenApiParameter(
                "body",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description="Identifiant de l'instance.",
            ),
            OpenApiParameter("result", str, enum=["adopted", "rejected"], description="Résultat."),
        ],
    ),
    retrieve=extend_schema(
        summary="Une délibération",
        description="L'acte tel que `ouverture deliberations show NUMÉRO --format json` le "
        "donne : présences, pouvoirs, vote par groupe, avis de la commission, « Vu », "
        "articles, imputation, signataires, conventions liées.",
        responses={200: DELIBERATION_SCHEMA},
    ),
)
class DeliberationViewSet(ReadViewSet):
    api_app = "assemblies"
    model = Deliberation
    ordering = ("-date", "number", "pk")
    serializer_class = DeliberationListSerializer
    rules_permission = "assemblies.view_deliberation"
    lookup_field = "number"
    lookup_value_converter = "str"

    def get_queryset(self):
        # No organisation scope: the rule (institutional users) decides, as on the screens.
        return (
            Deliberation.objects.select_related("body", "item")
            .prefetch_related("agreements")
            .order_by(*self.ordering)
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = _validated(DeliberationFilters, self.request)
        if data.get("year"):
            queryset = queryset.filter(year=data["year"])
        if data.get("body"):
            queryset = queryset.filter(body_id=data["body"])
        if data.get("result"):
            queryset = queryset.filter(result=data["result"])
        return queryset

    def retrieve(self, request, *args, **kwargs):
        deliberation = get_object_or_404(Deliberation, number=kwargs["number"])
        self.check_object_permissions(request, deliberation)
        data = {
            "id": deliberation.pk,
            "year": deliberation.year,
            "result": deliberation.result,
            **deliberation_json(deliberation),
        }
        return Response(data)


# Sittings --------------------------------------------------------------------------------


class SittingListSerializer(serializers.ModelSerializer):
    body = inline_serializer(
        "InstanceRef",
        {
            "id": serializers.IntegerField(),
            "name": serializers.CharField(),
            "kind": serializers.CharField(),
        },
        read_only=True,
    )
    president = serializers.SerializerMethodField()
    secretary = serializers.SerializerMethodField()
    present = serializers.IntegerField(read_only=True, help_text="Présents avec voix.")
    excused = serializers.IntegerField(read_only=True, help_text="Excusés avec voix.")
    represented = serializers.IntegerField(read_only=True, help_text="Pouvoirs donnés.")
    items = serializers.IntegerField(
        source="item_count", read_only=True, help_text="Points à l'ordre du jour."
    )

    class Meta:
        model = Sitting
        fields = [
            "id",
            "date",
            "body",
            "place",
            "president",
            "secretary",
            "present",
            "excused",
            "represented",
            "items",
        ]
        read_only_fields = fields

    def get_president(self, obj) -> str | None:
        return str(obj.president) if obj.president else None

    def get_secretary(self, obj) -> str | None:
        return str(obj.secretary) if obj.secretary else None


def _opinion(**options):
    return inline_serializer(
        "AvisSurPoint",
        {
            "commission": serializers.CharField(),
            "date": serializers.DateField(),
            "verdict": serializers.CharField(),
            "favourable": serializers.BooleanField(),
        },
        **options,
    )


_vote = inline_serializer(
    "VoteSurPoint",
    {
        "for": serializers.IntegerField(),
        "against": serializers.IntegerField(),
        "abstention": serializers.IntegerField(),
        "not_taking_part": serializers.IntegerField(),
        "cast": serializers.IntegerField(help_text="Suffrages exprimés (pour + contre)."),
        "voices": serializers.IntegerField(help_text="Présents et représentés."),
        "groups": _group_vote(many=True),
        "members": inline_serializer(
            "VoteNominatif",
            {
                "name": serializers.CharField(),
                "choice": serializers.CharField(),
                "label": serializers.CharField(),
            },
            many=True,
        ),
        "result": serializers.CharField(),
        "result_label": serializers.CharField(),
    },
)
SITTING_SCHEMA = inline_serializer(
    "Seance",
    {
        "id": serializers.IntegerField(),
        "date": serializers.DateField(),
        "body": inline_serializer(
            "InstanceSeance",
            {
                "id": serializers.IntegerField(),
                "name": serializers.CharField(),
                "kind": serializers.CharField(),
            },
        ),
        "place": serializers.CharField(),
        "presence": inline_serializer(
            "Presences",
            {
                "president": _member(allow_null=True),
                "secretary": _member(allow_null=True),
                "present": _member(many=True),
                "excused": _member(many=True),
                "absent": _member(many=True),
                "present_without_vote": _member(many=True),
                "excused_without_vote": _member(many=True),
                "proxies": _proxy(many=True),
            },
        ),
        "quorum": inline_serializer(
            "Quorum",
            {
                "reached": serializers.BooleanField(),
                "needed": serializers.IntegerField(),
                "counted": serializers.IntegerField(),
                "members_in_office": serializers.IntegerField(),
                "rule": serializers.CharField(),
            },
        ),
        "items": inline_serializer(
            "PointOrdreDuJour",
            {
                "id": serializers.IntegerField(),
                "position": serializers.IntegerField(),
                "report_number": serializers.CharField(),
                "title": serializers.CharField(),
                "service": serializers.CharField(),
                "territory": serializers.CharField(),
                "applications": serializers.ListField(child=serializers.IntegerField()),
                "deliberation": _nullable(serializers.CharField),
                "opinions": _opinion(many=True),
                "vote": _vote,
            },
            many=True,
        ),
    },
)

SittingFilters = type(
    "SittingFilters",
    (PagedFilters,),
    {
        "year": serializers.IntegerField(required=False, min_value=1900, max_value=2200),
        "body": serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID),
        **PAGING,
    },
)


def _with_counts(queryset):
    voice = Q(attendances__deliberative=True)
    return queryset.annotate(
        present=Count(
            "attendances", filter=voice & Q(attendances__status=Presence.PRESENT), distinct=True
        ),
        excused=Count(
            "attendances", filter=voice & Q(attendances__status=Presence.EXCUSED), distinct=True
        ),
        represented=Count("proxies", distinct=True),
        item_count=Count("items", distinct=True),
    )


def sitting_detail(sitting):
    """A sitting as the API gives it: presence and quorum from `votes`, each item's vote from
    `content.vote_content` (the deliberation document's function)."""
    people = votes.presences(sitting)
    quorum = votes.quorum(sitting, people)
    items = list(
        AgendaItem.objects.filter(sitting=sitting)
        .select_related("sitting__body", "deliberation")
        .prefetch_related(
            "applications",
            Prefetch("opinions", queryset=Opinion.objects.select_related("body").order_by("date")),
        )
        .order_by("position", "pk")
    )
    return {
        "id": sitting.pk,
        "date": sitting.date,
        "body": {"id": sitting.body_id, "name": sitting.body.name, "kind": sitting.body.kind},
        "place": sitting.place,
        "presence": presence_content(sitting),
        "quorum": {
            "reached": quorum.reached,
            "needed": quorum.needed,
            "counted": quorum.counted,
            "members_in_office": quorum.members_in_office,
            "rule": quorum.rule,
        },
        "items": [
            {
                "id": item.pk,
                "position": item.position,
                "report_number": item.report_number,
                "title": item.title,
                "service": item.service,
                "territory": item.territory,
                "applications": [a.pk for a in item.applications.all()],
                "deliberation": _deliberation_number(item),
                "opinions": [
                    {
                        "commission": o.body.name,
                        "date": o.date,
                        "verdict": o.verdict,
                        "favourable": o.verdict == "favourable",
                    }
                    for o in item.opinions.all()
                ],
                "vote": {
                    k: v
                    for k, v in vote_content(item).items()
                    if k not in ("groups_for", "groups_against", "groups_abstention")
                },
            }
            for item in items
        ],
    }


def _deliberation_number(item):
    try:
        return item.deliberation.number
    except Deliberation.DoesNotExist:
        return None


@extend_schema_view(
    list=extend_schema(
        summary="Séances",
        description="Les séances des instances, les plus récentes d'abord, avec le nombre de "
        "présents, d'excusés, de pouvoirs et de points.",
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                description="Année de la séance.",
            ),
            OpenApiParameter(
                "body",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                description="Identifiant de l'instance.",
            ),
        ],
    ),
    retrieve=extend_schema(
        summary="Une séance",
        description="Présences (avec et sans voix), pouvoirs, quorum et sa règle, et pour "
        "chaque point : avis des commissions, vote par groupe et nominatif, résultat.",
        responses={200: SITTING_SCHEMA},
    ),
)
class SittingViewSet(ReadViewSet):
    api_app = "assemblies"
    model = Sitting
    ordering = ("-date", "-pk")
    serializer_class = SittingListSerializer
    rules_permission = "assemblies.view_sitting"

    def get_queryset(self):
        # No organisation scope: the rule (institutional users) decides, as on the screens.
        return _with_counts(
            Sitting.objects.select_related("body", "president", "secretary")
        ).order_by(*self.ordering)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        data = _validated(SittingFilters, self.request)
        if data.get("year"):
            queryset = queryset.filter(date__year=data["year"])
        if data.get("body"):
            queryset = queryset.filter(body_id=data["body"])
        return queryset

    def retrieve(self, request, *args, **kwargs):
        sitting = get_object_or_404(
            Sitting.objects.select_related("body", "president__group", "secretary__group"),
            pk=kwargs["pk"],
        )
        self.check_object_permissions(request, sitting)
        data = sitting_detail(sitting)
        data["date"] = data["date"].isoformat()
        for item in data["items"]:
            for opinion in item["opinions"]:
                opinion["date"] = opinion["date"].isoformat()
        return Response(data)

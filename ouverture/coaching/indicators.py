"""Indicators the agreements' commitments can measure themselves with."""

from decimal import Decimal

from django.urls import reverse

from ouverture.coaching.enums import FollowUpKind
from ouverture.coaching.models import FollowUp, Interaction
from ouverture.core.indicators import Measure, MeasureRow, register
from ouverture.organisations.enums import ProjectTypeCode

KIND_PARAM = list(FollowUpKind.choices)
TYPE_PARAM = [("", "Tous types de projet"), *ProjectTypeCode.choices]


def _follow_ups(start, end, kind, project_type):
    qs = (
        FollowUp.objects.opened_between(start, end).filter(kind=kind).select_related("organisation")
    )
    if project_type:
        qs = qs.filter(project_types__code=project_type)
    return qs.distinct().order_by("opened_on", "pk")


@register(
    "coaching.follow_ups_opened",
    label="Suivis ouverts sur la période",
    unit="structure suivie",
    params={"kind": KIND_PARAM, "project_type": TYPE_PARAM},
)
def follow_ups_opened(start, end, *, kind=FollowUpKind.COACHING, project_type=""):
    """Follow-ups of a kind (and project type) opened in the period: one per organisation followed."""
    # Values, not model instances, and one reverse(): the same rows at national volumes.
    url = reverse("coaching:follow_up", args=[0]).rsplit("0", 1)[0]
    kinds = dict(FollowUpKind.choices)
    follow_ups = _follow_ups(start, end, kind, project_type).values_list(
        "pk", "organisation__name", "opened_on", "kind"
    )
    rows = [
        MeasureRow(label=name, date=opened_on, detail=kinds[code], url=f"{url}{pk}/")
        for pk, name, opened_on, code in follow_ups
    ]
    return Measure(value=Decimal(len(rows)), rows=rows)


@register(
    "coaching.sessions",
    label="Rendez-vous d'accompagnement tenus",
    unit="rendez-vous",
    params={"kind": KIND_PARAM, "project_type": TYPE_PARAM},
)
def sessions(start, end, *, kind=FollowUpKind.COACHING, project_type=""):
    qs = Interaction.objects.meetings().between(start, end).filter(follow_up__kind=kind)
    if project_type:
        qs = qs.filter(follow_up__project_types__code=project_type)
    qs = qs.select_related("follow_up__organisation").distinct().order_by("date", "pk")
    rows = [
        MeasureRow(
            label=str(i.follow_up.organisation),
            date=i.date,
            detail=i.get_channel_display(),
            url=reverse("coaching:follow_up", args=[i.follow_up_id]),
        )
        for i in qs
    ]
    return Measure(value=Decimal(len(rows)), rows=rows)

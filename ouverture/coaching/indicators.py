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
    follow_ups = list(_follow_ups(start, end, kind, project_type))
    rows = [
        MeasureRow(
            label=str(f.organisation),
            date=f.opened_on,
            detail=f.get_kind_display(),
            url=reverse("coaching:follow_up", args=[f.pk]),
        )
        for f in follow_ups
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

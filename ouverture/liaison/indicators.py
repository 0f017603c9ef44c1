"""Indicators for the commitments "participation in the funder's reflections" (meetings)
and "promotion of the schemes" (events, organisations met)."""

from decimal import Decimal

from django.urls import reverse

from ouverture.core.indicators import Measure, MeasureRow, register
from ouverture.liaison.enums import PromotionKind, Scheme
from ouverture.liaison.models import FunderMeeting, OrganisationMet, PromotionEvent

KIND_PARAM = [("", "Toutes natures"), *PromotionKind.choices]
SCHEME_PARAM = [("", "Tous dispositifs"), *Scheme.choices]


@register("liaison.funder_meetings", label="Rendez-vous avec le financeur", unit="rendez-vous")
def funder_meetings(start, end):
    rows = [
        MeasureRow(
            label=m.subject,
            date=m.date,
            detail=", ".join(str(p) for p in m.parties.all()),
            url=reverse("liaison:meeting", args=[m.pk]),
        )
        for m in FunderMeeting.objects.between(start, end).prefetch_related("parties")
    ]
    return Measure(value=Decimal(len(rows)), rows=rows)


@register(
    "liaison.promotion_events",
    label="Événements de valorisation des dispositifs",
    unit="événement",
    params={"kind": KIND_PARAM, "scheme": SCHEME_PARAM},
)
def promotion_events(start, end, *, kind="", scheme=""):
    qs = PromotionEvent.objects.between(start, end).select_related("organiser")
    if kind:
        qs = qs.filter(kind=kind)
    events = [e for e in qs if not scheme or scheme in e.schemes]
    rows = [
        MeasureRow(
            label=e.name,
            date=e.date,
            detail=f"{e.get_kind_display()}, {e.place} — {e.organiser_label}",
            url=reverse("liaison:event", args=[e.pk]),
        )
        for e in events
    ]
    return Measure(value=Decimal(len(rows)), rows=rows)


@register(
    "liaison.organisations_met",
    label="Structures rencontrées pour valoriser les dispositifs",
    unit="structure rencontrée",
)
def organisations_met(start, end):
    """Organisations met in the period: at an event of the period, or, outside an event, in a
    year the period covers (the source gives the year only)."""
    years = range(start.year, end.year + 1)
    qs = OrganisationMet.objects.select_related("organisation", "event")
    rows = []
    for met in qs.filter(year__in=years):
        if met.event_id and not (start <= met.event.date <= end):
            continue
        rows.append(
            MeasureRow(
                label=met.label,
                date=met.event.date if met.event_id else None,
                detail=", ".join(met.scheme_labels),
                url=reverse("liaison:event", args=[met.event_id])
                if met.event_id
                else reverse("liaison:events") + f"?year={met.year}",
            )
        )
    return Measure(value=Decimal(len(rows)), rows=rows)

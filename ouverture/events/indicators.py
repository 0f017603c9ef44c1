"""Indicators the agreements' commitments can measure themselves with."""

from decimal import Decimal

from django.urls import reverse

from ouverture.core.indicators import Measure, MeasureRow, register
from ouverture.core.wording import plural
from ouverture.events.enums import COLLECTIVE, WorkshopKind
from ouverture.events.models import Registration, Workshop
from ouverture.events.queries import summarise

KIND_PARAM = [
    ("", "Tous les temps collectifs"),
    (COLLECTIVE, "Temps d'accompagnement collectif (hors formations au départ)"),
    *WorkshopKind.choices,
]


@register(
    "events.workshops_held",
    label="Temps collectifs réalisés",
    unit="temps collectif",
    params={"kind": KIND_PARAM},
)
def workshops_held(start, end, *, kind=""):
    """Workshops (of a kind) held in the period: dated within it, not cancelled, not in the future."""
    workshops = list(
        Workshop.objects.between(start, end).held().of_kind(kind).order_by("date", "pk")
    )
    by_workshop = {w.pk: [] for w in workshops}
    for r in Registration.objects.filter(workshop__in=workshops).with_related():
        by_workshop[r.workshop_id].append(r)
    rows = []
    for w in workshops:
        if w.is_training:
            detail = w.get_kind_display()
        else:
            s = summarise(by_workshop[w.pk])
            detail = (
                f"{w.get_kind_display()} — {s.participants} {plural('participant', s.participants)}, "
                f"{s.structure_count} {plural('structure', s.structure_count)}"
            )
        rows.append(
            MeasureRow(
                label=w.title, date=w.date, detail=detail, url=reverse("events:detail", args=[w.pk])
            )
        )
    return Measure(value=Decimal(len(rows)), rows=rows)

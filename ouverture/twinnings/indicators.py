"""Indicators for the agreement's commitment "update of the twinning database"."""

from decimal import Decimal

from django.urls import reverse

from ouverture.core.indicators import Measure, MeasureRow, register
from ouverture.twinnings.enums import AgreementStatus
from ouverture.twinnings.models import Agreement

STATUS_PARAM = [("", "Tous statuts"), *AgreementStatus.choices]


@register(
    "twinnings.agreements_verified",
    label="Jumelages vérifiés sur la période",
    unit="jumelage vérifié",
    params={"status": STATUS_PARAM},
)
def agreements_verified(start, end, *, status=""):
    """Agreements whose last verification falls in the period (by the network or by
    the committee through its personal link)."""
    qs = Agreement.objects.verified_between(start, end)
    if status:
        qs = qs.filter(status=status)
    rows = [
        MeasureRow(
            label=str(a),
            date=a.verified_on,
            detail=f"{a.get_status_display()} — {a.verified_by_label or 'vérifié'}",
            url=reverse("twinnings:detail", args=[a.pk]),
        )
        for a in qs.select_related("verified_by").order_by("verified_on", "pk")
    ]
    return Measure(value=Decimal(len(rows)), rows=rows)

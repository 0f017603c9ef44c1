"""The per-call dashboard: the funnel, the amounts against the envelope, the time spent in each
state (median and 90th percentile) and the applicants new to the scheme.

Four queries whatever the number of applications (tested with 10 and 10 000): the funnel with
its sums grouped by status in SQL, the new-applicant count (an EXISTS on earlier calls of the
scheme), and one ordered pass over the steps from which the durations are taken (consecutive
steps of an application: the time spent in the state the first one entered).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum

from ouverture.calls.enums import ApplicationStatus as S
from ouverture.calls.models import Application, ApplicationStep, Call
from ouverture.core.formats import percent

FUNNEL = [
    (S.DRAFT, "Brouillons"),
    (S.SUBMITTED, "Déposées"),
    (S.UNDER_INSTRUCTION, "En instruction"),
    (S.PROPOSED, "Proposées"),
    (S.ACCEPTED, "Acceptées"),
    (S.REFUSED, "Refusées"),
]
# States shown under "En instruction" in the funnel.
INSTRUCTION = {S.UNDER_INSTRUCTION, S.COMPLETION_REQUESTED, S.COMPLETED}


def quantile(values, q):
    """Nearest-rank quantile of a sorted list (None when empty)."""
    if not values:
        return None
    rank = max(1, -(-len(values) * q // 1))
    return values[int(rank) - 1]


@dataclass
class CallDashboard:
    call: Call
    funnel: list
    requested: Decimal
    proposed: Decimal
    envelope_share: Decimal | None
    durations: list  # (state label, count, median days, p90 days)
    applicants: int
    new_applicants: int


def build(call):
    rows = (
        Application.objects.filter(call=call)
        .values("status")
        .annotate(n=Count("pk"), requested=Sum("requested_amount"), proposed=Sum("proposed_amount"))
        .order_by()
    )
    by_status = {row["status"]: row for row in rows}
    counts = {status: by_status.get(status, {}).get("n", 0) for status in S.values}
    funnel = []
    for status, label in FUNNEL:
        n = sum(counts[s] for s in INSTRUCTION) if status == S.UNDER_INSTRUCTION else counts[status]
        funnel.append({"status": status, "label": label, "count": n})
    requested = sum(
        (r["requested"] or Decimal(0) for s, r in by_status.items() if s != S.DRAFT), Decimal(0)
    )
    proposed = sum((r["proposed"] or Decimal(0) for r in by_status.values()), Decimal(0))
    earlier = Application.objects.filter(
        organisation=OuterRef("organisation"),
        call__scheme=call.scheme_id,
        call__year__lt=call.year,
    )
    applicants = (
        Application.objects.filter(call=call)
        .exclude(status=S.DRAFT)
        .aggregate(
            total=Count("organisation", distinct=True),
            new=Count("organisation", distinct=True, filter=~Exists(earlier)),
        )
    )
    durations = _durations(call)
    return CallDashboard(
        call=call,
        funnel=funnel,
        requested=requested,
        proposed=proposed,
        envelope_share=percent(proposed, call.envelope),
        durations=durations,
        applicants=applicants["total"],
        new_applicants=applicants["new"],
    )


def _durations(call):
    steps = (
        ApplicationStep.objects.filter(application__call=call)
        .order_by("application_id", "at", "pk")
        .values_list("application_id", "target", "at")
    )
    spent = {}
    previous = None
    for application_id, target, at in steps.iterator(chunk_size=5000):
        if previous and previous[0] == application_id:
            spent.setdefault(previous[1], []).append(at - previous[2])
        previous = (application_id, target, at)
    # Only finished stays are measured (a step followed by another), so a figure never moves
    # with the clock.
    out = []
    for status in S.values:
        values = sorted(spent.get(status, []))
        if not values:
            continue
        days = [v / dt.timedelta(days=1) for v in values]
        out.append(
            {
                "status": status,
                "label": S(status).label,
                "count": len(days),
                "median_days": Decimal(str(quantile(days, 0.5))).quantize(Decimal("0.1")),
                "p90_days": Decimal(str(quantile(days, 0.9))).quantize(Decimal("0.1")),
            }
        )
    return out

"""The per-call dashboard: the funnel, the amounts against the envelope, the time spent in each
state (median and 90th percentile) and the applicants new to the scheme.

Three queries whatever the number of applications (tested with 10 and 10 000), each computed
by the database: the funnel with its sums grouped by status, the applicant counts (an EXISTS on
earlier calls of the scheme), and the durations (window functions over the steps: the time
between consecutive steps of an application is the time spent in the state the first one
entered, counted per tenth of a day; median and 90th percentile by nearest rank), on SQLite and
PostgreSQL alike.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
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


# Milliseconds between a step and the next one of its application, per backend.
_SPAN_MS = {
    "sqlite": "CAST(ROUND((julianday(next_at) - julianday(at)) * 86400000) AS INTEGER)",
    "postgresql": "CAST(ROUND(EXTRACT(EPOCH FROM (next_at - at)) * 1000) AS BIGINT)",
}


TENTH_OF_A_DAY_MS = 8_640_000


def durations_sql(vendor):
    """One statement: LEAD() gives each step the time of the next step of its application (a
    finished stay in the state the step entered), and the stays are counted per state and per
    tenth of a day (rounded half-up), the precision the page shows. Nearest-rank quantiles are
    then read from those few counts (`_quantile_tenths`): rounding is monotonic, so the k-th
    stay's rounded value is the tenth where the running count reaches k. Window functions:
    SQLite ≥ 3.25 and PostgreSQL."""
    step, application = ApplicationStep._meta, Application._meta
    col = {f.name: f.column for f in step.concrete_fields}
    half = TENTH_OF_A_DAY_MS // 2
    return f"""
        WITH spans AS (
            SELECT s.{col["target"]} AS state, s.{col["at"]} AS at,
                   LEAD(s.{col["at"]}) OVER (
                       PARTITION BY s.{col["application"]} ORDER BY s.{col["at"]}, s.{step.pk.column}
                   ) AS next_at
            FROM {step.db_table} s
            JOIN {application.db_table} a ON a.{application.pk.column} = s.{col["application"]}
            WHERE a.{application.get_field("call").column} = %s
        )
        SELECT state, ({_SPAN_MS[vendor]} + {half}) / {TENTH_OF_A_DAY_MS} AS tenth, COUNT(*)
        FROM spans
        WHERE next_at IS NOT NULL
        GROUP BY state, tenth
    """


def _quantile_tenths(counts, q):
    """Nearest-rank quantile (rank ceil(n × q)) from sorted (tenth, count) pairs."""
    n = sum(c for _, c in counts)
    rank = max(1, -(-n * int(q * 10) // 10))
    running = 0
    for tenth, count in counts:
        running += count
        if running >= rank:
            return Decimal(tenth) / 10
    return None


def _durations(call):
    """Time spent in each state, computed in SQL: a few rows per state, whatever the number of
    steps. Only finished stays are measured (a step followed by another), so a figure never
    moves with the clock."""
    by_state = {}
    with connection.cursor() as cursor:
        cursor.execute(durations_sql(connection.vendor), [call.pk])
        for state, tenth, count in cursor.fetchall():
            by_state.setdefault(state, []).append((int(tenth), count))
    out = []
    for status in S.values:
        counts = sorted(by_state.get(status, []))
        if not counts:
            continue
        out.append(
            {
                "status": status,
                "label": S(status).label,
                "count": sum(c for _, c in counts),
                "median_days": _quantile_tenths(counts, 0.5).quantize(Decimal("0.1")),
                "p90_days": _quantile_tenths(counts, 0.9).quantize(Decimal("0.1")),
            }
        )
    return out

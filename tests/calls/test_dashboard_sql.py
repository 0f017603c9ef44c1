"""The dashboard's durations are computed by the database (window functions): they equal the
nearest-rank median and 90th percentile of the finished stays computed step by step in Python
(days to a tenth, half-up), on irregular data, on SQLite and PostgreSQL alike."""

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ouverture.calls import funnel
from ouverture.calls.models import Application, ApplicationStep
from tests.calls.factories import make_call
from tests.organisations.factories import OrganisationFactory

PATHS = [
    ["submitted"],
    ["submitted", "instruction"],
    ["submitted", "instruction", "completion", "completed", "instruction", "proposed"],
    ["submitted", "instruction", "proposed", "accepted"],
    ["submitted", "instruction", "proposed", "refused"],
]


def _reference(call):
    """The stays between consecutive steps of each application, by state, in Python."""
    spent = {}
    for application in Application.objects.filter(call=call):
        steps = list(application.steps.order_by("at", "pk"))
        for first, second in zip(steps, steps[1:], strict=False):
            spent.setdefault(first.target, []).append(second.at - first.at)
    out = {}
    for state, values in spent.items():
        days = sorted(Decimal(v // dt.timedelta(milliseconds=1)) / 86_400_000 for v in values)
        pick = [funnel.quantile(days, q) for q in (0.5, 0.9)]
        out[state] = (len(days), *(d.quantize(Decimal("0.1"), ROUND_HALF_UP) for d in pick))
    return out


def test_sql_durations_equal_the_step_by_step_reference(actor):
    rng = random.Random(10)
    call = make_call(year=2025)
    organisation = OrganisationFactory()
    start = timezone.make_aware(dt.datetime(2025, 2, 1, 9, 0))
    for i in range(37):
        path = PATHS[i % len(PATHS)]
        application = Application.objects.create(
            call=call, organisation=organisation, title=f"P{i}", status=path[-1]
        )
        at, source = start + dt.timedelta(hours=rng.randrange(0, 500)), "draft"
        for target in path:
            step = ApplicationStep.objects.create(
                application=application, actor=actor, source=source, target=target
            )
            ApplicationStep.objects.filter(pk=step.pk).update(at=at)
            at += dt.timedelta(seconds=rng.randrange(60, 40 * 86400))
            source = target
    expected = _reference(call)
    with CaptureQueriesContext(connection) as captured:
        board = funnel.build(call)
    got = {r["status"]: (r["count"], r["median_days"], r["p90_days"]) for r in board.durations}
    assert got == expected
    assert set(got) == {"submitted", "instruction", "completion", "completed", "proposed"}
    assert len(captured) == 3, [q["sql"][:80] for q in captured]


def test_an_empty_call_has_no_durations(db):
    board = funnel.build(make_call(year=2025))
    assert board.durations == [] and sum(r["count"] for r in board.funnel) == 0

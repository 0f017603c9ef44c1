"""The call dashboard costs the same queries with 10 and 10 000 applications, and its figures
are those of the rows."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ouverture.calls import funnel
from ouverture.calls.models import Application, ApplicationStep
from tests.calls.factories import make_call
from tests.organisations.factories import OrganisationFactory


def fill(call, organisations, n, actor):
    statuses = ["draft", "submitted", "instruction", "proposed", "accepted", "refused"]
    apps = Application.objects.bulk_create(
        Application(
            call=call,
            organisation=organisations[i % len(organisations)],
            title=f"Projet {i}",
            status=statuses[i % len(statuses)],
            requested_amount=Decimal("1000.00"),
            proposed_amount=Decimal("500.00")
            if statuses[i % 6] in ("proposed", "accepted")
            else None,
        )
        for i in range(n)
    )
    start = timezone.make_aware(dt.datetime(2025, 2, 1))
    steps = []
    for application in apps:
        steps.append(
            ApplicationStep(
                application=application, actor=actor, source="draft", target="submitted"
            )
        )
        steps.append(
            ApplicationStep(
                application=application, actor=actor, source="submitted", target="instruction"
            )
        )
    ApplicationStep.objects.bulk_create(steps, batch_size=5000)
    # Set the times: submitted on day 0, instruction after (i % 10) + 1 days.
    for i, application in enumerate(apps[:10]):
        first, second = application.steps.order_by("pk")
        ApplicationStep.objects.filter(pk=first.pk).update(at=start)
        ApplicationStep.objects.filter(pk=second.pk).update(at=start + dt.timedelta(days=i + 1))
    return apps


def queries(call):
    with CaptureQueriesContext(connection) as captured:
        funnel.build(call)
    return len(captured)


def test_same_queries_for_10_and_10000_applications(actor, funder_officer, client_for):
    organisations = [OrganisationFactory() for _ in range(4)]
    small = make_call(year=2025)
    fill(small, organisations, 10, actor)
    board = funnel.build(small)
    assert [row["count"] for row in board.funnel] == [2, 2, 2, 2, 1, 1]
    assert board.requested == Decimal("8000.00") and board.proposed == Decimal("1500.00")
    (submitted,) = [row for row in board.durations if row["status"] == "submitted"]
    assert (submitted["count"], submitted["median_days"], submitted["p90_days"]) == (
        10, Decimal("5.0"), Decimal("9.0"),
    )  # fmt: skip
    assert (board.applicants, board.new_applicants) == (4, 4)
    large = make_call(year=2026, opens_on=dt.date(2026, 1, 15), closes_on=dt.date(2026, 4, 30))
    fill(large, organisations, 10_000, actor)
    assert queries(small) == queries(large)
    assert funnel.build(large).new_applicants == 0  # all four applied in 2025
    page = client_for(funder_officer).get(reverse("calls:dashboard", args=[small.pk]))
    assert page.status_code == 200 and "Entonnoir" in page.text

"""Appels à projets : tableau de bord d'un appel à l'échelle nationale (10 000 candidatures).

Synthetic data, created once in the bench database (bulk_create: setup only): 2 000
organisations, one call, 10 000 applications across the states, two steps each. The
dashboard (`calls.funnel.build`, as the page) beside two floors, alternated round by round:
the bare SQL aggregate of the funnel (counts and sums grouped by status; goal ≤ 3×), and the
bare SQL of every figure it shows (funnel, applicants, durations through a cursor: what is
left is the ORM and the shaping; goal ≤ 1.5×).
"""

import datetime as dt
from decimal import Decimal

APPLICATIONS = 10_000
PREFIX = "Bench candidat "


def _generate():
    from ouverture.accounts.enums import Role
    from ouverture.accounts.models import User
    from ouverture.calls.models import Application, ApplicationStep, Call, Funder, Scheme
    from ouverture.organisations.models import Organisation

    call = Call.objects.filter(scheme__code="bench").first()
    if call and call.applications.count() >= APPLICATIONS:
        return call
    organisation = Organisation.objects.create(name=f"{PREFIX}financeur", legal_kind="departement")
    funder = Funder.objects.create(organisation=organisation)
    scheme = Scheme.objects.create(funder=funder, code="bench", name="Dispositif du banc d'essai")
    call = Call.objects.create(
        scheme=scheme, year=2025, opens_on=dt.date(2025, 1, 15), closes_on=dt.date(2025, 4, 30),
        envelope=Decimal("5000000"),
    )  # fmt: skip
    holders = Organisation.objects.bulk_create(
        Organisation(
            name=f"{PREFIX}{i:05d}", search_name=f"bench candidat {i:05d}", legal_kind="association"
        )
        for i in range(2000)
    )
    statuses = ["draft", "submitted", "instruction", "proposed", "accepted", "refused"]
    apps = Application.objects.bulk_create(
        (
            Application(
                call=call, organisation=holders[i % len(holders)], title=f"Projet {i}",
                status=statuses[i % 6], requested_amount=Decimal("4000.00"),
                proposed_amount=Decimal("3000.00") if i % 6 in (3, 4) else None,
            )
            for i in range(APPLICATIONS)
        ),
        batch_size=2000,
    )  # fmt: skip
    actor = User.objects.filter(username="bench-officer").first() or User.objects.create_user(
        "bench-officer", role=Role.FUNDER_OFFICER
    )
    ApplicationStep.objects.bulk_create(
        (
            ApplicationStep(application=a, actor=actor, source=s, target=t)
            for a in apps
            for s, t in (("draft", "submitted"), ("submitted", "instruction"))
        ),
        batch_size=5000,
    )
    return call


def _floor(call):
    """The funnel alone: counts and sums grouped by status (the floor the dashboard was first
    measured against)."""
    from django.db import connection

    from ouverture.calls.models import Application

    sql = (
        "SELECT status, COUNT(*), SUM(requested_amount), SUM(proposed_amount) "
        f"FROM {Application._meta.db_table} WHERE call_id = %s GROUP BY status"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [call.pk])
        return cursor.fetchall()


def _same_figures_floor(call):
    """Every figure of the dashboard in bare SQL through a cursor, no ORM and no Python
    shaping: the funnel, the applicants (distinct, and new to the scheme), the durations."""
    from django.db import connection

    from ouverture.calls.funnel import durations_sql
    from ouverture.calls.models import Application, Call

    app, calls = Application._meta.db_table, Call._meta.db_table
    applicants = (
        f"SELECT COUNT(DISTINCT a.organisation_id), COUNT(DISTINCT CASE WHEN NOT EXISTS ("
        f"SELECT 1 FROM {app} e JOIN {calls} c ON c.id = e.call_id WHERE e.organisation_id = "
        f"a.organisation_id AND c.scheme_id = %s AND c.year < %s) THEN a.organisation_id END) "
        f"FROM {app} a WHERE a.call_id = %s AND a.status <> 'draft'"
    )
    with connection.cursor() as cursor:
        rows = _floor(call)
        cursor.execute(applicants, [call.scheme_id, call.year, call.pk])
        counts = cursor.fetchone()
        cursor.execute(durations_sql(connection.vendor), [call.pk])
        return rows, counts, cursor.fetchall()


def run(report):
    from ouverture.calls import funnel

    call = _generate()
    rows = _floor(call)
    assert sum(r[1] for r in rows) == APPLICATIONS
    name = f"Tableau de bord d'un appel ({APPLICATIONS} candidatures)"
    board, _, _ = report.compare(
        name, lambda: funnel.build(call), lambda: _floor(call), goal=3,
        floor_name="entonnoir SQL",
    )  # fmt: skip
    assert sum(row["count"] for row in board.funnel) == APPLICATIONS, "dashboard and floor disagree"
    _, (applicants, _new), durations = _same_figures_floor(call)
    assert applicants == board.applicants
    assert {row[0] for row in durations} == {row["status"] for row in board.durations}
    report.compare(
        f"{name}, tous ses chiffres", lambda: funnel.build(call),
        lambda: _same_figures_floor(call), goal=1.5, floor_name="SQL nu",
    )  # fmt: skip

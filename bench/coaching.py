"""Accompagnements : récapitulatif d'une année à l'échelle nationale, liste des structures.

Synthetic data, created once in the bench database (bulk_create: setup only):
20 000 organisations, 26 667 follow-ups (one in three organisations has two),
200 000 contacts spread over 2023 and 2024 across the four channels (e-mails
without duration one time in two). Timings are the best of three runs.

- The recap for 2023 goes through `CoachingRecap` exactly as the page and the
  `ouverture recap` command do (aggregate query, project types query, review
  time, Python rows and JSON), beside the floor: the bare SQL aggregate of
  sessions and minutes per organisation over the same contacts.
- The organisation list and the recap page are the server time of a Django test
  Client GET of their first page, logged in as network staff. The recap page shows
  100 rows a page (totals over the whole period), so its time is the recap's build
  plus one page of HTML, whatever the number of organisations.
"""

import datetime as dt
import random
import re

from bench.__main__ import timed

ORGANISATIONS = 20_000
CONTACTS = 200_000
YEAR = 2023
PREFIX = "Bench structure "


def _generate():
    from ouverture.accounts.enums import Role
    from ouverture.accounts.models import User
    from ouverture.coaching.enums import Channel
    from ouverture.coaching.models import FollowUp, Interaction
    from ouverture.organisations.models import Organisation, ProjectType

    if Organisation.objects.filter(name__startswith=PREFIX).count() >= ORGANISATIONS:
        return
    rng = random.Random(2023)
    types = [t.pk for t in ProjectType.objects.all()]
    organisations = Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"{PREFIX}{i:05d}",
                usual_name=f"Structure {i:05d}" if i % 4 == 0 else "",
                search_name=f"bench structure {i:05d}",
                legal_kind="association",
            )
            for i in range(ORGANISATIONS)
        ),
        batch_size=2000,
    )
    Organisation.project_types.through.objects.bulk_create(
        (
            Organisation.project_types.through(
                organisation_id=o.pk, projecttype_id=types[i % len(types)]
            )
            for i, o in enumerate(organisations)
        ),
        batch_size=5000,
    )
    follow_ups = FollowUp.objects.bulk_create(
        (
            FollowUp(
                organisation=o,
                kind="advice" if k else "coaching",
                opened_on=dt.date(2023, 1, 2),
            )
            for i, o in enumerate(organisations)
            for k in range(2 if i % 3 == 0 else 1)
        ),
        batch_size=5000,
    )
    FollowUp.project_types.through.objects.bulk_create(
        (
            FollowUp.project_types.through(followup_id=f.pk, projecttype_id=types[i % len(types)])
            for i, f in enumerate(follow_ups)
        ),
        batch_size=5000,
    )
    channels = list(Channel.values)
    start = dt.date(2023, 1, 1)
    span = (dt.date(2024, 12, 31) - start).days

    def contact(n):
        channel = channels[n % len(channels)]
        minutes = rng.choice([30, 45, 60, 75, 90, 120])
        if channel == Channel.EMAIL and n % 2:
            minutes = None
        return Interaction(
            follow_up=follow_ups[n % len(follow_ups)],
            date=start + dt.timedelta(days=rng.randrange(span + 1)),
            channel=channel,
            duration_minutes=minutes,
        )

    Interaction.objects.bulk_create((contact(n) for n in range(CONTACTS)), batch_size=5000)
    if not User.objects.filter(username="bench-staff").exists():
        User.objects.create_user("bench-staff", role=Role.NETWORK_STAFF)


def _floor(start, end):
    from django.db import connection

    from ouverture.coaching.models import FollowUp, Interaction

    sql = (
        "SELECT f.organisation_id, "
        "SUM(CASE WHEN i.channel IN ('phone', 'video', 'in_person') THEN 1 ELSE 0 END), "
        "SUM(i.duration_minutes) "
        f"FROM {Interaction._meta.db_table} i "
        f"JOIN {FollowUp._meta.db_table} f ON f.id = i.follow_up_id "
        "WHERE i.date >= %s AND i.date <= %s GROUP BY f.organisation_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end])
        return cursor.fetchall()


def _recap():
    from ouverture.coaching.recap import CoachingRecap

    builder = CoachingRecap.for_year(YEAR)
    return builder.as_json(builder.build())


def run(report):
    from django.test import Client
    from django.urls import reverse

    from ouverture.accounts.models import User

    _generate()
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    floor, rows = timed(_floor, start, end)
    seconds, data = timed(_recap)
    assert data["totals"]["organisations"] == len(rows), "recap and floor disagree"
    report(
        f"Récapitulatif {YEAR} ({data['totals']['organisations']} structures, "
        f"{data['totals']['sessions']} sessions)",
        seconds,
        floor,
        goal=3,
    )

    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(username="bench-staff"))
    url = reverse("organisations:list")
    list_seconds, response = timed(client.get, url)
    assert response.status_code == 200, response.status_code
    report("Liste des structures, 1re page (20 000 structures)", list_seconds)
    for params, label in (("&project_type=twinning", "jumelages"), ("", "sans filtre")):
        recap_url = reverse("coaching:recap") + f"?year={YEAR}{params}"
        page_seconds, response = timed(client.get, recap_url)
        assert response.status_code == 200, response.status_code
        found = re.search(r"Structures 1 à 100 sur ([\d\s]+) \(page 1", response.text)
        assert found, "the recap page is not paginated"
        total = re.sub(r"\s", " ", found.group(1))
        report(f"Page du récapitulatif, {label}, 1re page (100 sur {total})", page_seconds)

"""Accompagnements : récapitulatif à 2 000 / 20 000 / 200 000 structures, commande nationale.

Synthetic data, created once in the bench database (bulk_create: set-up only, not
timed). The national set (pages and `ouverture recap`): 20 000 organisations, 26 667
follow-ups (one organisation in three has two), 200 000 contacts over 2023 and 2024
across the four channels (e-mails without duration one time in two). The 2 000 level
has its contacts in 2021 (10 per organisation), the 200 000 level (BENCH_LARGE=1) in
2019: the recap of each year reads one level. BENCH_SCALE multiplies every count.

The recap goes through `CoachingRecap` exactly as the page and the command do (build
and JSON), alternated with its floor: the bare SQL that reads the same contacts and
yields the same figures — one GROUP BY organisation (names, minutes, sessions, a count
per channel) and the DISTINCT project types of the follow-ups with contacts — fetched
from the cursor, no Python after it.
"""

import datetime as dt
import os
import random
import subprocess
import sys
import time

from bench.__main__ import LARGE, ROOT, scaled

PREFIX = "Bench structure "  # the national set (also used by bench.pages)
LEVELS = [
    # (label, prefix, organisations, contacts, year)
    ("2 000", "Bench 2k ", 2_000, 20_000, 2021),
    ("20 000", PREFIX, 20_000, 200_000, 2023),
    ("200 000", "Bench 200k ", 200_000, 2_000_000, 2019),
]


def _generate(prefix, n_organisations, n_contacts, first_year, last_year):
    from ouverture.accounts.enums import Role
    from ouverture.accounts.models import User
    from ouverture.coaching.enums import Channel
    from ouverture.coaching.models import FollowUp, Interaction
    from ouverture.organisations.models import Organisation, ProjectType

    if not User.objects.filter(username="bench-staff").exists():
        User.objects.create_user("bench-staff", role=Role.NETWORK_STAFF)
    if Organisation.objects.filter(name__startswith=prefix).count() >= n_organisations:
        return
    print(f"   génération : {n_organisations} structures, {n_contacts} contacts…", flush=True)
    rng = random.Random(first_year)
    types = [t.pk for t in ProjectType.objects.all()]

    def organisation(i):
        name = f"{prefix}{i:06d}"
        usual_name = f"{prefix.strip()} usuel {i:06d}" if i % 4 == 0 else ""
        # search_name and sort_name: filled by Organisation.objects.bulk_create, as save() does.
        return Organisation(name=name, usual_name=usual_name, legal_kind="association")

    organisations = Organisation.objects.bulk_create(
        (organisation(i) for i in range(n_organisations)),
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
                opened_on=dt.date(first_year, 1, 2),
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
    start = dt.date(first_year, 1, 1)
    span = (dt.date(last_year, 12, 31) - start).days

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

    Interaction.objects.bulk_create((contact(n) for n in range(n_contacts)), batch_size=5000)


def generate_national():
    _generate(PREFIX, scaled(20_000), scaled(200_000), 2023, 2024)


def _floor(start, end):
    from django.db import connection

    from ouverture.coaching.enums import MEETING_CHANNELS, Channel
    from ouverture.coaching.models import FollowUp, Interaction
    from ouverture.organisations.models import Organisation

    meetings = ", ".join(f"'{c}'" for c in MEETING_CHANNELS)
    counts = ", ".join(
        f"SUM(CASE WHEN i.channel = '{c}' THEN 1 ELSE 0 END)" for c in Channel.values
    )
    interactions, follow_ups = Interaction._meta.db_table, FollowUp._meta.db_table
    through = FollowUp.project_types.through._meta.db_table
    aggregate = (
        f"SELECT f.organisation_id, o.name, o.usual_name, SUM(i.duration_minutes), "
        f"SUM(CASE WHEN i.channel IN ({meetings}) THEN 1 ELSE 0 END), {counts} "
        f"FROM {interactions} i JOIN {follow_ups} f ON f.id = i.follow_up_id "
        f"JOIN {Organisation._meta.db_table} o ON o.id = f.organisation_id "
        "WHERE i.date >= %s AND i.date <= %s GROUP BY f.organisation_id, o.name, o.usual_name"
    )
    types = (
        f"SELECT DISTINCT f.organisation_id, t.projecttype_id FROM {through} t "
        f"JOIN {follow_ups} f ON f.id = t.followup_id WHERE EXISTS (SELECT 1 FROM "
        f"{interactions} i WHERE i.follow_up_id = t.followup_id AND i.date >= %s AND i.date <= %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(types, [start, end])
        cursor.fetchall()
        cursor.execute(aggregate, [start, end])
        return cursor.fetchall()


def _recap(year):
    from ouverture.coaching.recap import CoachingRecap

    builder = CoachingRecap.for_year(year)
    return builder.as_json(builder.build())


def _command(year):
    env = {**os.environ}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ouverture", "recap", "--year", str(year), "--output", os.devnull],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def run(report):
    for label, prefix, n_organisations, n_contacts, year in LEVELS:
        if n_organisations == 200_000 and not LARGE:
            print("   200 000 structures : BENCH_LARGE=1 pour les mesurer (génération longue).")
            continue
        last = 2024 if year == 2023 else year
        _generate(prefix, scaled(n_organisations), scaled(n_contacts), year, last)
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        data, best, _floor_best = report.compare(
            f"Récapitulatif {year}, niveau {label} structures",
            lambda year=year: _recap(year),
            lambda start=start, end=end: _floor(start, end),
            goal=2,
        )
        n = data["totals"]["organisations"]
        assert n == len(_floor(start, end)), "recap and floor disagree"
        print(f"   {n} structures, {data['totals']['sessions']} sessions : "
              f"{best / max(n, 1) * 1e6:.1f} µs par structure", flush=True)  # fmt: skip

    # The command end to end (a fresh process), on the national set.
    seconds = min(_command(2023) for _ in range(3))
    report("ouverture recap --year 2023 (niveau national, processus complet)", seconds)
    try:
        import pandas  # noqa: F401
    except ImportError:
        print("   pandas n'est pas installé : pas de comparaison avec un script pandas ponctuel.")
    else:
        print(
            "   pandas est installé : comparaison non écrite dans ce banc (voir bench/coaching.py)."
        )

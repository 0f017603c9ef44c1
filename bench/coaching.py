"""Accompagnements : récapitulatif à 2 000 / 20 000 / 200 000 structures, commande nationale.

Synthetic data, created once in the bench database (bulk_create: set-up only, not
timed). The national set (pages and `ouverture recap`): 20 000 organisations, 26 667
follow-ups (one organisation in three has two), 200 000 contacts over 2023 and 2024
across the four channels (e-mails without duration one time in two). The 2 000 level
has its contacts in 2021 (10 per organisation), the 200 000 level (BENCH_LARGE=1) in
2019: the recap of each year reads one level. BENCH_SCALE multiplies every count.

The recap goes through `CoachingRecap` exactly as the page and the command do (build
and JSON), alternated with its floor: the bare SQL that reads the same contacts and
yields the same figures (see _floor), fetched from the cursor, no Python after it.
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
    from django.db import connection

    if connection.vendor == "postgresql":
        # The state autovacuum leaves a table in (statistics, visibility map for index-only
        # scans), reached now rather than whenever its daemon passes during the rounds.
        with connection.cursor() as cursor:
            for model in (Organisation, FollowUp, Interaction, FollowUp.project_types.through):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def generate_national():
    _generate(PREFIX, scaled(20_000), scaled(200_000), 2023, 2024)


def _floor(start, end):
    """The bare SQL of the recap's rows, written by hand in the fastest shape found: the
    contacts grouped by follow-up (integers, from the covering index), then by organisation
    with its names, the masks of its channels and project types (EXISTS in the types of its
    follow-ups), in sort_name order — fetched from the cursor, no Python after it."""
    from django.db import connection

    from ouverture.coaching.enums import MEETING_CHANNELS, Channel
    from ouverture.coaching.models import FollowUp, Interaction
    from ouverture.organisations.enums import ProjectTypeCode
    from ouverture.organisations.models import Organisation

    meetings = ", ".join(f"'{c}'" for c in MEETING_CHANNELS)
    counts = ", ".join(
        f"SUM(CASE WHEN i.channel = '{c}' THEN 1 ELSE 0 END) AS c{k}"
        for k, c in enumerate(Channel.values)
    )
    channels = " + ".join(
        f"CASE WHEN SUM(x.c{k}) > 0 THEN {1 << k} ELSE 0 END" for k in range(len(Channel.values))
    )
    interactions, follow_ups = Interaction._meta.db_table, FollowUp._meta.db_table
    through = FollowUp.project_types.through._meta.db_table
    types = " + ".join(
        f"MAX(CASE WHEN EXISTS (SELECT 1 FROM {through} t WHERE t.followup_id = f.id AND "
        f"t.projecttype_id = '{code}') THEN {1 << k} ELSE 0 END)"
        for k, code in enumerate(ProjectTypeCode.values)
    )
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    aggregate = (
        f"SELECT o.id, o.name, o.usual_name, SUM(x.minutes), SUM(x.sessions), {channels}, "
        f"{types} FROM (SELECT i.follow_up_id, SUM(i.duration_minutes) AS minutes, "
        f"SUM(CASE WHEN i.channel IN ({meetings}) THEN 1 ELSE 0 END) AS sessions, {counts} "
        f"FROM {interactions} i WHERE i.date >= %s AND i.date <= %s GROUP BY i.follow_up_id) x "
        f"JOIN {follow_ups} f ON f.id = x.follow_up_id "
        f"JOIN {Organisation._meta.db_table} o ON o.id = f.organisation_id GROUP BY o.id "
        f"ORDER BY o.sort_name{collate}, o.id"
    )
    with connection.cursor() as cursor:
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


def _export_contacts():
    """The national set's contacts as a user exports them (one row per contact, written
    once per scale, not timed): organisation;project_types;channel;date;minutes."""
    import csv

    from bench.__main__ import SCALE
    from ouverture.coaching.models import FollowUp, Interaction

    path = ROOT / "var" / f"bench-contacts-{SCALE:g}.csv"
    contacts = Interaction.objects.filter(follow_up__organisation__name__startswith=PREFIX)
    count = contacts.count()
    if path.exists() and sum(1 for _ in path.open(encoding="utf-8")) == count + 1:
        return path
    types = {}
    for follow_up_id, code in FollowUp.project_types.through.objects.filter(
        followup__organisation__name__startswith=PREFIX
    ).values_list("followup_id", "projecttype_id"):
        types.setdefault(follow_up_id, []).append(code)
    rows = contacts.order_by("pk").values_list(
        "follow_up_id", "follow_up__organisation__name", "follow_up__organisation__usual_name",
        "channel", "date", "duration_minutes",
    )  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["organisation", "project_types", "channel", "date", "minutes"])
        for follow_up_id, name, usual_name, channel, date, minutes in rows.iterator(5000):
            codes = "/".join(sorted(types.get(follow_up_id, [])))
            writer.writerow([usual_name or name, codes, channel, date.isoformat(),
                             "" if minutes is None else minutes])  # fmt: skip
    return path


def _pandas(csv_path, year, output, figures=False):
    """The user's script (bench/pandas_recap.py) in a fresh process, as a user runs it."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "pandas_recap.py"), str(csv_path), str(year),
         str(output)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    return tuple(int(n) for n in done.stdout.split()) if figures else elapsed


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

    # The command end to end (a fresh process), on the national set, beside a user's
    # one-shot pandas script on the same contacts exported to CSV (goal: the command faster).
    try:
        import pandas  # noqa: F401
    except ImportError:
        seconds = min(_command(2023) for _ in range(3))
        report("ouverture recap --year 2023 (niveau national, processus complet)", seconds)
        print("   pandas n'est pas installé : pas de comparaison avec un script pandas ponctuel.")
        return
    csv_path = _export_contacts()
    output = ROOT / "var" / "bench-pandas-recap.csv"
    report.compare(
        "ouverture recap --year 2023 (national, processus complet)",
        lambda: _command(2023),
        lambda: _pandas(csv_path, 2023, output),
        floor_name="script pandas",
        goal=1,
    )
    figures = _pandas(csv_path, 2023, output, figures=True)
    recap = _recap(2023)["totals"]
    expected = (recap["organisations"], recap["sessions"])
    assert figures[:2] == expected, f"pandas {figures} ≠ recap {expected}"
    print(f"   mêmes chiffres : {figures[0]} structures, {figures[1]} sessions, "
          f"{figures[2]} minutes ; CSV de {csv_path.stat().st_size // 1024} Ko", flush=True)  # fmt: skip

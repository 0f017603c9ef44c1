"""Imports : tableau d'accompagnements de 100 000 lignes (la forme du bilan), l'import réel contre l'insertion nue des mêmes lignes.

The file has the document's columns ("Nom de l'organisation", "Type de projet",
"Type d'accompagnement", "Nombre de session d'accompagnement", "Nombre d'heures au
total"), 100 000 rows (× BENCH_SCALE) over 5 000 organisations created once (set-up,
not timed). Reading and checking the file is timed on its own; the compared operation
is `apply_plan`, the real import (the one the task runs), alternated with its floor:
the bare insert of every row that import wrote, history rows included — after one
import the bench reads back the new rows of every coaching table (records, the
project-types links, their history), then each round re-inserts exactly those rows
(`executemany` on SQLite, `COPY … FROM STDIN` on PostgreSQL). Before each side the
rows of the previous one are deleted (not timed); the rest of the bench database
(bench.coaching's national set) is left alone.
"""

import time

from bench.__main__ import ROUNDS, scaled

GOAL = 5
PREFIX = "Bench import "
ROWS = 100_000
ORGANISATIONS = 5_000
HEADER = (
    "Nom de l'organisation;Type de projet;Type d'accompagnement;"
    "Nombre de session d'accompagnement;Nombre d'heures au total"
)
SHAPES = [  # (project types, channels, sessions, hours) as the document writes them
    ("Coopération internationale", "Tél, mails, visio", "3", "3h30"),
    ("Jumelage", "Tél", "1", "1h"),
    ("Mobilité jeunesse", "mails, présentiel", "2", "2h"),
    ("Coopération internationale, Jumelage", "visio, présentiel", "4", "5h45"),
    ("Jumelage", "mails", "0", "30 min"),
]


def _organisations(count):
    from ouverture.organisations.models import Organisation

    have = Organisation.objects.filter(name__startswith=PREFIX).count()
    if have < count:
        Organisation.objects.bulk_create(
            (
                Organisation(
                    name=f"{PREFIX}{i:06d}",
                    search_name=f"{PREFIX.lower()}{i:06d}",
                    legal_kind="association",
                )
                for i in range(have, count)
            ),
            batch_size=2000,
        )


def _file(rows, organisations):
    lines = [HEADER]
    for i in range(rows):
        types, channels, sessions, hours = SHAPES[i % len(SHAPES)]
        lines.append(f"{PREFIX}{i % organisations:06d};{types};{channels};{sessions};{hours}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tables():
    """Every coaching table an import writes: follow-ups, their project types, contacts, and
    the history of each (the history of the project-types links included)."""
    from django.apps import apps

    tables = {
        "followup", "followup_project_types", "interaction", "historicalfollowup",
        "historicalfollowup_project_types", "historicalinteraction",
    }  # fmt: skip
    return [
        m._meta
        for m in apps.get_app_config("coaching").get_models(include_auto_created=True)
        if m._meta.db_table.removeprefix("coaching_") in tables
    ]


def _marks():
    """The highest key of each table before the import: what is above it, the import wrote."""
    from django.db import connection

    marks = []
    with connection.cursor() as cursor:
        for meta in _tables():
            table = connection.ops.quote_name(meta.db_table)
            key = connection.ops.quote_name(meta.pk.column)
            cursor.execute(f"SELECT COALESCE(MAX({key}), 0) FROM {table}")
            marks.append((meta, table, key, cursor.fetchone()[0]))
    return marks


def _clear(marks):
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        # Children first: history of links, links, history, contacts, follow-ups.
        for _meta, table, key, mark in sorted(marks, key=lambda m: _order(m[0])):
            cursor.execute(f"DELETE FROM {table} WHERE {key} > %s", [mark])


def _order(meta):
    name = meta.db_table
    return (
        0 if "historical" in name and "project_types" in name else
        1 if "historical" in name else
        2 if "project_types" in name else
        3 if "interaction" in name else 4
    )  # fmt: skip


def _snapshot(marks):
    from django.db import connection

    snapshot = []
    with connection.cursor() as cursor:
        for meta, table, key, mark in sorted(marks, key=lambda m: -_order(m[0])):
            columns = [f.column for f in meta.concrete_fields]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            if connection.vendor == "postgresql":
                data = bytearray()
                query = f"COPY (SELECT {quoted} FROM {table} WHERE {key} > {int(mark)}) TO STDOUT"
                with cursor.copy(query) as copy:
                    for block in copy:
                        data += block
                rows, count = bytes(data), data.count(b"\n")
            else:
                cursor.execute(f"SELECT {quoted} FROM {table} WHERE {key} > %s", [mark])
                rows = cursor.fetchall()
                count = len(rows)
            if count:
                snapshot.append((table, quoted, len(columns), rows, count))
    return snapshot


def _floor(snapshot):
    """Bare insert of the same rows: executemany (SQLite) or COPY FROM STDIN (PostgreSQL)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table, quoted, width, rows, _count in snapshot:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    copy.write(rows)
            else:
                marks = ", ".join(["%s"] * width)
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)


def run(report):
    from ouverture.accounts.services import system_user
    from ouverture.coaching.importing import apply_plan, read_coaching_table

    rows, organisations = scaled(ROWS), max(1, min(scaled(ORGANISATIONS), scaled(ROWS)))
    _organisations(organisations)
    content = _file(rows, organisations)
    actor = system_user()
    start = time.perf_counter()
    plan = read_coaching_table(content, "bench-accompagnements.csv", year=2022)
    report(f"Lecture et contrôle du tableau ({rows} lignes)", time.perf_counter() - start)
    assert plan.ok, plan.issues[:5]

    marks = _marks()
    apply_plan(plan, actor=actor)
    snapshot = _snapshot(marks)
    print(
        f"   {plan.summary()} Plancher : {sum(n for *_, n in snapshot)} lignes dans "
        f"{len(snapshot)} tables (historique compris)",
        flush=True,
    )
    report.compare(
        f"Import d'accompagnements ({rows} lignes, apply_plan)",
        lambda: apply_plan(plan, actor=actor),
        lambda: _floor(snapshot),
        setup=lambda: _clear(marks),
        goal=GOAL,
        rounds=min(ROUNDS, 3),
    )
    _clear(marks)

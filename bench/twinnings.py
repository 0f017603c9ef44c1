"""Twinnings: import of the 26 114 Wikipedia twin-town pairs (Hekman/twincities), French rows matched against every commune of France.

The file lists pairs in both directions (city1, country1, city2, country2); a copy
ships in bench/data (see its README for the licence). The importer keeps the rows
where one town is in France, puts it on our side, matches it against the national
commune list, merges duplicates and writes with bulk inserts (history rows
included). Rows the importer refuses (unknown or homonymous French names, unknown
countries) are counted by a dry run of the whole file; the timed import runs on the
file without them, since an import is all or nothing.

Then the same file is imported a second time, as an update of the first: every
row is compared field by field with the agreement it finds (nothing is new, so
nothing is written). Its floor is a bare bulk update of the same rows
(agreements, parties, partners), no comparison and no history.

The floor is the bare insert of every row the import wrote, history rows included:
after one import the bench reads back every twinnings table that holds rows, then
each round re-inserts exactly those rows — `executemany` on SQLite, `COPY … FROM
STDIN` of the same rows on PostgreSQL — alternated with the import itself.
"""

import os
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [
    os.environ.get("BENCH_TWINNINGS_FILE", ""),  # another file, if one wants
    ROOT / "bench" / "data" / "hekman_twin_cities_raw_wikipedia_en.csv",  # shipped
]
MAPPING = {
    "commune_name": "city1",
    "local_country": "country1",
    "partner_name": "city2",
    "partner_country": "country2",
}
GOAL = 5
REPEAT = 3


def _source_file():
    for candidate in CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise SystemExit(
        "Fichier Hekman introuvable : bench/data/hekman_twin_cities_raw_wikipedia_en.csv"
    )


def _clear():
    """Empties the twinnings tables of the bench database (not timed)."""
    from django.db import connection

    from ouverture.twinnings import models

    order = [
        models.Conflict, models.Invitation, models.Campaign, models.Source, models.AgreementPartner,
        models.LocalParty, models.Agreement, models.PartnerTown, models.ImportBatch,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        for model in (models.StatusChange, models.AgreementRedirect):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
        for model in order:
            cursor.execute(f"DELETE FROM {model.history.model._meta.db_table}")
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def _without_lines(content: bytes, lines: set) -> bytes:
    """The file minus the given line numbers (1 = header)."""
    text = content.decode("utf-8-sig").splitlines(keepends=True)
    return "".join(
        line for number, line in enumerate(text, start=1) if number not in lines
    ).encode()


def _tables():
    """Every twinnings table (records, then history), parents first."""
    from ouverture.twinnings import models

    order = [
        models.ImportBatch, models.PartnerTown, models.Agreement, models.LocalParty,
        models.AgreementPartner, models.Source, models.Campaign, models.Invitation,
        models.Conflict,
    ]  # fmt: skip
    plain = [models.StatusChange._meta]  # no history of its own: it is the history of statuses
    return [m._meta for m in order] + plain + [m.history.model._meta for m in order]


def _snapshot():
    """What the import wrote: per table, its columns and its rows (raw COPY text on PostgreSQL)."""
    from django.db import connection

    snapshot = []
    with connection.cursor() as cursor:
        for meta in _tables():
            columns = [f.column for f in meta.concrete_fields]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            table = connection.ops.quote_name(meta.db_table)
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            count = cursor.fetchone()[0]
            if not count:
                continue
            if connection.vendor == "postgresql":
                data = bytearray()
                with cursor.copy(f"COPY {table} ({quoted}) TO STDOUT") as copy:
                    for block in copy:
                        data += block
                rows = bytes(data)
            else:
                cursor.execute(f"SELECT {quoted} FROM {table}")
                rows = cursor.fetchall()
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
    from ouverture.twinnings.services import import_file

    path = _source_file()
    content = path.read_bytes()
    actor = system_user()
    _clear()

    start = time.perf_counter()
    checked = import_file(content, path.name, actor=actor, mapping=MAPPING, dry_run=True,
                          skip_foreign=True)  # fmt: skip
    dry_run_seconds = time.perf_counter() - start
    s = checked.summary
    french = s["rows"] - s["skipped"]
    reasons = Counter()
    for row in checked.errors:
        message = " ".join(row.messages)
        if "Plusieurs communes" in message or "plusieurs communes actuelles" in message:
            reasons["homonymes sans code"] += 1
        elif "n'est pas dans le référentiel" in message:
            reasons["commune introuvable"] += 1
        elif "Pays" in message:
            reasons["pays inconnu"] += 1
        else:
            reasons["autre"] += 1
    print(
        f"   {s['rows']} paires, {french} avec une ville française ; refusées : "
        + ", ".join(f"{n} {why}" for why, n in reasons.most_common()),
        flush=True,
    )
    report(f"Essai à blanc du fichier entier ({s['rows']} paires)", dry_run_seconds)

    accepted = _without_lines(content, {row.line for row in checked.errors})

    def do_import():
        result = import_file(accepted, path.name, actor=actor, mapping=MAPPING,
                             skip_foreign=True)  # fmt: skip
        assert result.written, "l'import des lignes acceptées a échoué"
        return result

    _clear()
    result = do_import()
    snapshot = _snapshot()
    s = result.summary
    print(
        f"   importées : {s['agreements']} jumelages ({s['merged']} lignes fusionnées, "
        f"{s['to_review']} à vérifier), {s['skipped']} paires sans ville française ignorées ; "
        f"plancher : {sum(n for *_, n in snapshot)} lignes dans {len(snapshot)} tables "
        "(historique compris)",
        flush=True,
    )
    report.compare(
        f"Import des paires françaises ({s['agreements']} jumelages)",
        do_import,
        lambda: _floor(snapshot),
        setup=_clear,
        goal=GOAL,
        rounds=REPEAT,
    )
    _clear()

    # The same file again, as an update of the register the first import left.
    first = do_import()
    assert first.written

    def do_update():
        again = import_file(accepted, path.name, actor=actor, mapping=MAPPING,
                            skip_foreign=True)  # fmt: skip
        assert again.written and again.summary["nothing_new"], "la mise à jour a changé le registre"
        return again

    rows = _update_rows()
    report.compare(
        f"Mise à jour par le même fichier ({s['agreements']} jumelages)",
        do_update,
        lambda: _update_floor(rows),
        goal=GOAL,
        rounds=REPEAT,
        floor_name="mise à jour nue",
    )
    _clear()


def _update_rows():
    from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty

    return (
        list(Agreement.objects.only("id", "status_note")),
        list(LocalParty.objects.only("id", "signed_note")),
        list(AgreementPartner.objects.only("id", "signed_note")),
    )


def _update_floor(rows):
    """Bare bulk update of the rows a file about known pairs touches: every agreement,
    local party and partner link, one field each, no comparison, no history."""
    from django.db import transaction

    from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty

    agreements, parties, links = rows
    with transaction.atomic():
        Agreement.objects.bulk_update(agreements, ["status_note"], batch_size=1000)
        LocalParty.objects.bulk_update(parties, ["signed_note"], batch_size=1000)
        AgreementPartner.objects.bulk_update(links, ["signed_note"], batch_size=1000)

"""Twinnings: import of the 26 114 Wikipedia twin-town pairs (Hekman/twincities), French rows matched against every commune of France.

The file lists pairs in both directions (city1, country1, city2, country2). The
importer keeps the rows where one town is in France, puts it on our side,
matches it against the national commune list, merges duplicates and writes with
bulk inserts (history rows included). Rows the importer refuses (unknown or
homonymous French names, unknown countries) are counted by a dry run of the
whole file; the timed import runs on the file without them, since an import is
all or nothing. The floor is a bare bulk insert of the same rows (towns,
agreements, parties, partners, sources) with ids already known and no history.

Then the same file is imported a second time, as an update of the first: every
row is compared field by field with the agreement it finds (nothing is new, so
nothing is written). Its floor is a bare bulk update of the same rows
(agreements, parties, partners), no comparison and no history.
"""

import os
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [
    os.environ.get("BENCH_TWINNINGS_FILE", ""),
    ROOT.parent / "shared" / "data" / "hekman_twin_cities_raw_wikipedia_en.csv",
    ROOT.parent.parent / "shared" / "data" / "hekman_twin_cities_raw_wikipedia_en.csv",
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
        "Fichier Hekman introuvable : BENCH_TWINNINGS_FILE=/chemin/hekman_twin_cities_raw_wikipedia_en.csv"
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


def _floor(plan, actor):
    """Bare bulk insert of what the import writes: same rows, no matching, no history."""
    from django.db import transaction

    from ouverture.geo.text import normalize_name
    from ouverture.twinnings.enums import PartyKind
    from ouverture.twinnings.models import (
        Agreement,
        AgreementPartner,
        LocalParty,
        PartnerTown,
        Source,
    )

    start = time.perf_counter()
    with transaction.atomic():
        towns = {}
        for p in plan.planned:
            key = (normalize_name(p.partner_name), p.country)
            towns.setdefault(
                key, PartnerTown(name=p.partner_name, search_name=key[0], country_id=p.country)
            )
        PartnerTown.objects.bulk_create(towns.values())
        agreements = Agreement.objects.bulk_create(
            Agreement(title=p.partner_name, review_flags=[]) for p in plan.planned
        )
        LocalParty.objects.bulk_create(
            LocalParty(agreement=a, kind=x.kind, commune_id=x.commune.id if x.commune else None,
                       epci_siren=x.epci_siren,
                       departement_id=x.departement if x.kind == PartyKind.DEPARTEMENT else None,
                       region_code=x.region_code)
            for a, p in zip(agreements, plan.planned, strict=True)
            for x in p.parties
        )  # fmt: skip
        AgreementPartner.objects.bulk_create(
            AgreementPartner(agreement=a, town=towns[(normalize_name(p.partner_name), p.country)])
            for a, p in zip(agreements, plan.planned, strict=True)
        )
        Source.objects.bulk_create(
            Source(agreement=a, note="x", line=line)
            for a, p in zip(agreements, plan.planned, strict=True)
            for line, _url, _note in p.sources
        )
    return time.perf_counter() - start


def run(report):
    from ouverture.accounts.services import system_user
    from ouverture.twinnings import importer
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
    best = None
    for _ in range(REPEAT):
        _clear()
        start = time.perf_counter()
        result = import_file(accepted, path.name, actor=actor, mapping=MAPPING,
                             skip_foreign=True)  # fmt: skip
        elapsed = time.perf_counter() - start
        assert result.written, "l'import des lignes acceptées a échoué"
        best = elapsed if best is None else min(best, elapsed)
    s = result.summary
    print(
        f"   importées : {s['agreements']} jumelages ({s['merged']} lignes fusionnées, "
        f"{s['to_review']} à vérifier), {s['skipped']} paires sans ville française ignorées",
        flush=True,
    )

    # The floor inserts the rows of the same plan (made on empty tables, as the import was).
    _clear()
    table = importer.read_mapped(accepted, path.name, MAPPING)
    plan = importer.plan(table, skip_foreign=True)
    floor = None
    for _ in range(REPEAT):
        _clear()
        elapsed = _floor(plan, actor)
        floor = elapsed if floor is None else min(floor, elapsed)
    _clear()
    report(f"Import des paires françaises ({s['agreements']} jumelages)", best, floor, goal=GOAL)

    # The same file again, as an update of the register the first import left.
    first = import_file(accepted, path.name, actor=actor, mapping=MAPPING, skip_foreign=True)
    assert first.written
    update = None
    for _ in range(REPEAT):
        start = time.perf_counter()
        again = import_file(accepted, path.name, actor=actor, mapping=MAPPING,
                            skip_foreign=True)  # fmt: skip
        elapsed = time.perf_counter() - start
        assert again.written and again.summary["nothing_new"], "la mise à jour a changé le registre"
        update = elapsed if update is None else min(update, elapsed)
    floor = None
    for _ in range(REPEAT):
        elapsed = _update_floor()
        floor = elapsed if floor is None else min(floor, elapsed)
    _clear()
    report(f"Mise à jour par le même fichier ({again.summary['rows']} paires)", update, floor,
           goal=GOAL)  # fmt: skip


def _update_floor():
    """Bare bulk update of the rows a file about known pairs touches: every agreement,
    local party and partner link, one field each, no comparison, no history."""
    from django.db import transaction

    from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty

    agreements = list(Agreement.objects.only("id", "status_note"))
    parties = list(LocalParty.objects.only("id", "signed_note"))
    links = list(AgreementPartner.objects.only("id", "signed_note"))
    start = time.perf_counter()
    with transaction.atomic():
        Agreement.objects.bulk_update(agreements, ["status_note"], batch_size=1000)
        LocalParty.objects.bulk_update(parties, ["signed_note"], batch_size=1000)
        AgreementPartner.objects.bulk_update(links, ["signed_note"], batch_size=1000)
    return time.perf_counter() - start

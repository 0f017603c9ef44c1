"""The import at scale: the same number of SQL queries for 10 rows as for 100 (first
import and update), every written row with its history row (actor, reason, date),
keys reserved without collision, and the written rows the same on SQLite and
PostgreSQL (dates, JSON, booleans through executemany / COPY)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ouverture.geo.enums import CommuneKind
from ouverture.geo.models import Commune
from ouverture.twinnings.models import (
    Agreement,
    AgreementPartner,
    Conflict,
    LocalParty,
    PartnerTown,
    Source,
    StatusChange,
)
from ouverture.twinnings.services import import_file

HEADER = "Code INSEE;Commune;Ville partenaire;Pays;Date de signature;Statut;Lien\n"
MODELS = (Agreement, LocalParty, AgreementPartner, Source, PartnerTown)


def _communes(n):
    return list(
        Commune.objects.filter(kind=CommuneKind.CURRENT, departement_id="62")
        .order_by("code")
        .values_list("code", "name")[:n]
    )


def _file(communes, *, year=1965, status="actif", url="https://example.org/a"):
    lines = [
        f"{code};{name};Partnerstadt {i} (Stadt {i}a);Allemagne;14/10/{year};{status};{url}"
        for i, (code, name) in enumerate(communes)
    ]
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def _queries(content, actor, name):
    with CaptureQueriesContext(connection) as queries:
        result = import_file(content, name, actor=actor)
    assert result.written, [r.messages for r in result.rows if r.messages][:3]
    return len(queries.captured_queries), result


def _clear():
    StatusChange.objects.all().delete()
    Conflict.objects.all().delete()
    Agreement.objects.all().delete()
    PartnerTown.objects.all().delete()
    for model in (*MODELS, Conflict):
        model.history.all().delete()


@pytest.mark.django_db(transaction=False)
def test_the_import_costs_the_same_queries_for_10_rows_as_for_100(actor):
    communes = _communes(100)
    assert len(communes) == 100
    counts = {}
    for n in (10, 100):
        _clear()
        first, result = _queries(_file(communes[:n]), actor, f"premier-{n}.csv")
        assert result.summary["created"] == n
        # The same pairs again, with another date and status: conflicts, sources, nothing new.
        update, again = _queries(
            _file(communes[:n], year=1970, status="en sommeil", url="https://example.org/b"),
            actor,
            f"second-{n}.csv",
        )
        assert again.summary["updated"] == n and again.summary["conflicts"] == 2 * n
        counts[n] = (first, update)
    assert counts[10] == counts[100], counts


def test_every_row_written_has_its_history_row_with_the_actor_and_the_reason(actor):
    communes = _communes(30)
    before = timezone_now()
    _count, result = _queries(_file(communes), actor, "historique.csv")
    assert result.summary["created"] == 30
    for model in MODELS:
        rows = set(model.objects.values_list("id", flat=True))
        history = model.history.all()
        assert set(history.values_list("id", flat=True)) == rows, model.__name__
        assert {h.history_type for h in history} == {"+"}
        assert {h.history_user_id for h in history} == {actor.pk}
        assert {h.history_change_reason for h in history} == {"Import historique.csv"}
        assert all(h.history_date >= before for h in history)
    assert StatusChange.objects.count() == 30  # "actif" on every row, with its source line
    assert set(StatusChange.objects.values_list("line", flat=True)) == set(range(2, 32))


def test_the_rows_read_back_as_they_were_planned(actor):
    """Dates, JSON lists, booleans and time stamps survive the bare insert on both backends."""
    communes = _communes(2)
    _count, _result = _queries(_file(communes), actor, "valeurs.csv")
    agreement = Agreement.objects.get(local_parties__commune__code=communes[0][0])
    party = agreement.local_parties.get()
    assert party.signed_on == dt.date(1965, 10, 14) and party.signed_year == 1965
    assert agreement.status == "active"
    assert agreement.created_at is not None and agreement.updated_at == agreement.created_at
    assert isinstance(agreement.review_flags, list)
    assert agreement.needs_review is bool(agreement.review_flags)
    town = agreement.partners.get().town
    assert town.name == "Partnerstadt 0" and town.aliases == ["Stadt 0a"]
    assert town.search_name == "partnerstadt 0"
    assert agreement.sources.get().url == "https://example.org/a"
    assert agreement.title.startswith(communes[0][1])
    # A record created afterwards by the ORM takes the next key (the sequence moved on).
    town2 = PartnerTown.objects.create(name="Après", search_name="apres", country_id="DE")
    assert town2.pk > max(PartnerTown.objects.exclude(pk=town2.pk).values_list("pk", flat=True))


def test_keys_continue_after_deleted_rows(actor):
    """SQLite's AUTOINCREMENT counter is honoured: a key once used is never given again."""
    communes = _communes(4)
    _queries(_file(communes[:2]), actor, "un.csv")
    highest = Agreement.objects.order_by("-pk").values_list("pk", flat=True)[0]
    Agreement.objects.all().delete()
    _queries(_file(communes[2:]), actor, "deux.csv")
    assert min(Agreement.objects.values_list("pk", flat=True)) > highest


def timezone_now():
    from django.utils import timezone

    return timezone.now().replace(microsecond=0)


def test_a_key_taken_meanwhile_is_an_integrity_error_and_nothing_is_written(actor):
    """What a concurrent import creating the same town meets: Django's IntegrityError
    (COPY's error translated on PostgreSQL), and the transaction writes nothing."""
    from django.db import IntegrityError, transaction

    from ouverture.twinnings.bulk import Writer

    row = {"name": "Herten", "search_name": "herten", "country_id": "DE", "region_key": ""}
    with pytest.raises(IntegrityError), transaction.atomic():
        Writer(actor=actor, reason="Essai").create(PartnerTown, [dict(row), dict(row)])
    assert not PartnerTown.objects.exists()
    assert not PartnerTown.history.exists()


def test_the_collector_runs_again_after_an_import_even_a_failed_one(actor, monkeypatch):
    import gc

    from ouverture.twinnings import importer

    assert gc.isenabled()
    content = (HEADER + "62999;;Herten;Allemagne;;;\n").encode()
    result = import_file(content, "refus.csv", actor=actor)
    assert not result.written and gc.isenabled()

    def broken(*args, **kwargs):
        assert not gc.isenabled()  # paused while planning
        raise RuntimeError("panne")

    monkeypatch.setattr(importer, "plan", broken)
    with pytest.raises(RuntimeError):
        import_file(_file(_communes(1)), "panne.csv", actor=actor)
    assert gc.isenabled()

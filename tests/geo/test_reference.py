"""Reference data: reloading after a flush is a handful of statements, the files parsed once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ouverture.geo import reference
from ouverture.geo.models import Commune, Country, Departement


def test_filled_tables_cost_three_existence_checks(db):
    with CaptureQueriesContext(connection) as queries:
        reference.ensure_reference_data()
    selects = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(selects) == 3, selects


def test_a_reload_is_one_statement_per_table_and_keeps_the_rows(db):
    before = {
        c.code + c.kind: (c.name, c.search_name, c.departement_id, c.population, c.epci_name)
        for c in Commune.objects.all()
    }
    countries = {c.code: (c.name, c.continent, c.insee_code) for c in Country.objects.all()}
    Commune.objects.all().delete()
    Country.objects.all().delete()
    reference._commune_rows.cache_clear()
    reference.ensure_reference_data()  # parses the files once
    Commune.objects.all().delete()
    Country.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        reference.ensure_reference_data()
    # 3 existence checks, 2 executemany (communes, countries), savepoint in and out: not one
    # INSERT per batch of 2 000 communes (19 batches with bulk_create).
    inserts = [q for q in queries if "INSERT INTO" in q["sql"]]
    assert len(inserts) == 2, [q["sql"][:60] for q in queries]
    assert reference._commune_rows.cache_info().hits >= 1
    after = {
        c.code + c.kind: (c.name, c.search_name, c.departement_id, c.population, c.epci_name)
        for c in Commune.objects.all()
    }
    assert after == before
    assert {c.code: (c.name, c.continent, c.insee_code) for c in Country.objects.all()} == countries
    assert Departement.objects.count() >= 101

"""Loads the shipped reference files into the reference tables, once.

Called after `migrate` (and after a test flush) through post_migrate; cheap when
the tables are already filled. The files are parsed once per process (the rows
are kept as tuples) and written with one `executemany` per table: a test flush
reloads 37 000 communes in a fraction of a second instead of building model
instances again.
"""

import csv
import functools
import json
from pathlib import Path

from django.db import connections, transaction

from ouverture.geo.enums import INSEE_CONTINENT_DIGIT, CommuneKind, Continent
from ouverture.geo.text import normalize_name

DATA = Path(__file__).parent / "data"
KINDS = {
    "commune-actuelle": CommuneKind.CURRENT,
    "commune-deleguee": CommuneKind.DELEGATED,
    "commune-associee": CommuneKind.ASSOCIATED,
    "arrondissement-municipal": CommuneKind.MUNICIPAL_DISTRICT,
}
FALLBACK_CONTINENT = {
    "Europe": Continent.EUROPE,
    "Asie": Continent.ASIA,
    "Afrique": Continent.AFRICA,
    "Amérique": Continent.AMERICA,
    "Océanie": Continent.OCEANIA,
    "Antarctique": Continent.ANTARCTICA,
}


COMMUNE_FIELDS = (
    "code", "name", "search_name", "kind", "departement_id", "parent_code", "population",
    "postal_codes", "epci_siren", "epci_name",
)  # fmt: skip
COUNTRY_FIELDS = ("code", "alpha3", "numeric", "insee_code", "name", "name_en", "continent")


def ensure_reference_data(sender=None, using="default", **kwargs):
    from ouverture.geo.models import Commune, Country, Departement

    with transaction.atomic(using=using):
        if not Departement.objects.using(using).exists():
            _insert(Departement, ("code", "name", "region_code"), _departements(), using)
        if not Commune.objects.using(using).exists():
            _insert(Commune, COMMUNE_FIELDS, _commune_rows(), using)
        if not Country.objects.using(using).exists():
            _insert(Country, COUNTRY_FIELDS, _country_rows(), using)


def _insert(model, fields, rows, using):
    """One bare INSERT … VALUES executed for every row (reference tables have no history)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@functools.cache
def _departements():
    rows = json.loads((DATA / "cog2026_departements.json").read_text(encoding="utf-8"))
    return tuple((r["code"], r["nom"], r["region"]) for r in rows)


@functools.cache
def _commune_rows():
    """The communes as tuples in COMMUNE_FIELDS order (no model instances: 37 000 rows)."""
    details = {}
    with open(DATA / "cog2026_communes_62_pas-de-calais.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            details[(row["code_insee"], row["type"])] = row
    rows = []
    with open(DATA / "cog2026_communes_france_compact.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            extra = details.get((row["code_insee"], row["type"]), {})
            rows.append(
                (
                    row["code_insee"],
                    row["nom"],
                    normalize_name(row["nom"]),
                    str(KINDS[row["type"]]),
                    row["departement"],
                    row["chef_lieu"] or "",
                    int(row["population"]) if row["population"] else None,
                    extra.get("codes_postaux", ""),
                    extra.get("epci_siren", ""),
                    extra.get("epci_nom", ""),
                )
            )
    return tuple(rows)


@functools.cache
def _country_rows():
    return tuple(tuple(str(getattr(c, name)) for name in COUNTRY_FIELDS) for c in _countries())


def _countries():
    from ouverture.geo.models import Country

    insee = {}
    with open(DATA / "insee_cog2025_pays.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["iso2_code"]:
                insee.setdefault(row["iso2_code"], row["code"])
    with open(DATA / "countries_iso3166_fr_continents.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = insee.get(row["alpha2"], "")
            continent = INSEE_CONTINENT_DIGIT.get(code[2:3]) if code.startswith("99") else None
            continent = continent or FALLBACK_CONTINENT[row["continent_5_fr"]]
            yield Country(
                code=row["alpha2"],
                alpha3=row["alpha3"],
                numeric=row["numeric"],
                insee_code=code,
                name=row["nom_fr"],
                name_en=row["name_en"],
                continent=continent,
            )

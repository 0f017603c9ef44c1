"""Loads the shipped reference files into the reference tables, once.

Called after `migrate` (and after a test flush) through post_migrate; cheap when
the tables are already filled.
"""

import csv
import json
from pathlib import Path

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


def ensure_reference_data(sender=None, using="default", **kwargs):
    from ouverture.geo.models import Commune, Country, Departement

    if not Departement.objects.using(using).exists():
        rows = json.loads((DATA / "cog2026_departements.json").read_text(encoding="utf-8"))
        Departement.objects.using(using).bulk_create(
            Departement(code=r["code"], name=r["nom"], region_code=r["region"]) for r in rows
        )
    if not Commune.objects.using(using).exists():
        Commune.objects.using(using).bulk_create(_communes(), batch_size=2000)
    if not Country.objects.using(using).exists():
        Country.objects.using(using).bulk_create(_countries())


def _communes():
    from ouverture.geo.models import Commune

    details = {}
    with open(DATA / "cog2026_communes_62_pas-de-calais.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            details[(row["code_insee"], row["type"])] = row
    with open(DATA / "cog2026_communes_france_compact.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            extra = details.get((row["code_insee"], row["type"]), {})
            yield Commune(
                code=row["code_insee"],
                name=row["nom"],
                search_name=normalize_name(row["nom"]),
                kind=KINDS[row["type"]],
                departement_id=row["departement"],
                parent_code=row["chef_lieu"] or "",
                population=int(row["population"]) if row["population"] else None,
                postal_codes=extra.get("codes_postaux", ""),
                epci_siren=extra.get("epci_siren", ""),
                epci_name=extra.get("epci_nom", ""),
            )


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

"""Statistics: the source document's figures rebuilt from records, filters, INSEE continents."""

import io
import json

from django.core.management import call_command

from ouverture.accounts.services import system_user
from ouverture.geo.models import Commune
from ouverture.twinnings import stats
from ouverture.twinnings.enums import AgreementStatus, PartyKind
from ouverture.twinnings.models import Agreement
from ouverture.twinnings.services import create_agreement
from tests.twinnings.factories import make_agreement

# The source document gives 188 agreements in 30 countries on 4 continents, 167
# European, Germany 67, United Kingdom 40, Poland 24, and no list. The other
# countries below are a layout of ours (13 more European countries for 36
# agreements; 14 countries in Africa, America and Asia for 21) that matches the
# totals; the test checks the figures come out of records, not constants.
LAYOUT = {
    "DE": 67, "GB": 40, "PL": 24,
    "BE": 8, "IT": 5, "ES": 3, "NL": 2, "PT": 2, "AT": 2, "CZ": 2, "HU": 2, "RO": 2,
    "IE": 2, "DK": 2, "SK": 2, "UA": 2,
    "SN": 3, "BF": 3, "MA": 2, "ML": 1, "TG": 1, "MG": 1,
    "US": 2, "CA": 2, "AR": 1, "BR": 1,
    "CN": 1, "JP": 1, "VN": 1, "IN": 1,
}  # fmt: skip


def build_source_document_register():
    actor = system_user()
    communes = list(Commune.objects.current().in_departement("62").order_by("code")[:90])
    n = 0
    for country, count in LAYOUT.items():
        for i in range(count):
            create_agreement(
                actor=actor,
                parties=[{"kind": PartyKind.COMMUNE, "commune": communes[n % len(communes)]}],
                partners=[{"name": f"Ville {country} {i + 1}", "country": country}],
                status=AgreementStatus.ACTIVE if n % 3 else AgreementStatus.UNKNOWN,
            )
            n += 1


def test_the_188_agreements_reproduce_the_source_document(db, seed_figures):
    build_source_document_register()
    expected = seed_figures["twinnings"]
    figures = stats.compute().as_json()
    for key in ("agreements", "countries", "continents", "european"):
        assert figures[key] == expected[key], key
    for country, count in expected["by_country"].items():
        assert figures["by_country"][country] == count, country
    ranking = list(figures["by_country"])[:3]
    assert ranking == ["DE", "GB", "PL"]
    # The command prints the same figures.
    out = io.StringIO()
    call_command("twinnings", "stats", "--format", "json", stdout=out)
    printed = json.loads(out.getvalue())
    assert {k: printed[k] for k in expected if k != "by_country"} == {
        k: v for k, v in expected.items() if k != "by_country"
    }
    assert {c: printed["by_country"][c] for c in expected["by_country"]} == expected["by_country"]
    assert sum(printed["by_status"].values()) == 188


def test_continents_follow_insee(db):
    make_agreement("62041", "Moscou", "RU")
    make_agreement("62041", "Istanbul", "TR")
    make_agreement("62041", "Limassol", "CY")
    figures = stats.compute()
    assert {r["code"]: r["count"] for r in figures.by_continent} == {"europe": 1, "asia": 2}
    assert figures.european == 1


def test_filters_and_breakdowns(db):
    make_agreement("62041", "Herten", "DE", status="active")
    make_agreement("62041", "Ipswich", "GB", status="dormant")
    make_agreement("62160", "Safi", "MA", status="active")
    make_agreement("62193", "Xiangtan", "CN", status="ended")
    figures = stats.compute()
    assert (figures.agreements, figures.communes, figures.countries, figures.continents) == (
        4,
        3,
        4,
        3,
    )
    assert {r["code"]: r["count"] for r in figures.by_status} == {
        "active": 2,
        "dormant": 1,
        "ended": 1,
    }
    epcis = {r["name"]: (r["communes"], r["agreements"]) for r in figures.by_epci}
    assert epcis["CU d'Arras"] == (1, 2)
    assert epcis["CA du Boulonnais"] == (1, 1)
    assert stats.compute(status="active").agreements == 2
    assert stats.compute(continent="europe").agreements == 2
    assert stats.compute(country="MA").countries == 1
    assert stats.compute(epci="200033579").agreements == 2
    assert str(figures.european_share) == "50"
    listed = stats.filter_agreements(Agreement.objects.all(), continent="europe", status="active")
    assert [str(a) for a in listed] == ["Arras – Herten (Allemagne)"]


def test_partners_in_france_are_listed_apart_not_counted_abroad(db, actor):
    from ouverture.twinnings.services import import_file

    content = (
        b"Code INSEE;Commune;Ville partenaire;Pays\n"
        b"62041;Arras;Herten;Allemagne\n"
        b"62041;Arras;Bayonne;France\n"
    )
    assert import_file(content, "x.csv", actor=actor).written
    figures = stats.compute()
    printed = figures.as_json()
    assert figures.agreements == 2
    assert printed["by_country"] == {"DE": 1}
    assert printed["european"] == 1 and printed["european_share"] == "100.00"
    assert printed["with_foreign_partner"] == 1
    assert [r["partner"] for r in printed["partners_in_france"]] == ["Bayonne"]
    assert "1 partenaire(s) en France" in figures.grouping_note


def test_a_second_grouping_names_the_countries_that_differ(db):
    make_agreement("62041", "Moscou", "RU")
    make_agreement("62041", "Istanbul", "TR")
    make_agreement("62041", "Limassol", "CY")
    make_agreement("62041", "Québec", "CA")
    make_agreement("62041", "Rosario", "AR")
    insee = stats.compute()
    seven = stats.compute(grouping="seven")
    assert {r["code"]: r["count"] for r in insee.by_continent} == {
        "europe": 1, "asia": 2, "america": 2}  # fmt: skip
    assert {r["code"]: r["count"] for r in seven.by_continent} == {
        "europe": 1, "asia": 2, "north_america": 1, "south_america": 1}  # fmt: skip
    differing = {d["code"] for d in seven.differences}
    assert {"RU", "CY"} <= differing and "DE" not in differing
    out = io.StringIO()
    call_command("twinnings", "stats", "--format", "json", "--grouping", "seven", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["grouping"] == "seven"
    assert printed["by_continent"]["south_america"] == 1
    assert "RU" in printed["grouping_differences"]
    out = io.StringIO()
    call_command("twinnings", "stats", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["grouping"] == "insee"

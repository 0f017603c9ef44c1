"""Twinnings through the API: the register in the holder's scope, the statistics screen's
figures (France out of the counts by country and continent, as there)."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.twinnings import stats
from ouverture.twinnings.models import Agreement
from ouverture.twinnings.services import import_file
from tests.api.test_coaching import query_counts
from tests.organisations.factories import OrganisationFactory
from tests.twinnings.factories import make_agreement
from tests.twinnings.test_stats import build_source_document_register

TWINNINGS = "/api/v1/jumelages/"
STATISTICS = "/api/v1/jumelages/statistiques/"


@pytest.fixture
def register(db, make_user, actor):
    committee = OrganisationFactory(name="Comité de jumelage Alpha", twinning=True)
    herten = make_agreement("62041", "Herten", "DE", status="active", committee=committee)
    ipswich = make_agreement("62160", "Ipswich", "GB", status="dormant")
    # A partner in France comes only from an import (the form refuses one): as the screens.
    import_file(b"Code INSEE;Commune;Ville partenaire;Pays\n62041;Arras;Bayonne;France\n",
                "x.csv", actor=actor)  # fmt: skip
    france = Agreement.objects.get(partners__town__name="Bayonne")
    holder = make_user(Role.PROJECT_HOLDER, organisation=committee)
    return herten, ipswich, france, holder


def test_a_holder_sees_its_committee_s_twinnings_only(api_for, register):
    herten, ipswich, _france, holder = register
    api = api_for(holder)
    assert [r["id"] for r in api.get(TWINNINGS).json()["resultats"]] == [herten.pk]
    assert api.get(f"{TWINNINGS}{herten.pk}/").json()["partners"][0]["country"] == "DE"
    other = api.get(f"{TWINNINGS}{ipswich.pk}/")
    assert other.status_code == 404 and "Ipswich" not in other.content.decode()
    assert api.get(STATISTICS).status_code == 403


def test_the_register_s_filters(api_for, register, staff):
    herten, ipswich, france, _holder = register
    api = api_for(staff)
    ids = lambda p: [r["id"] for r in api.get(TWINNINGS, p).json()["resultats"]]  # noqa: E731
    assert ids({"status": "dormant"}) == [ipswich.pk]
    assert ids({"country": "de"}) == [herten.pk]
    assert ids({"q": "ipswich"}) == [ipswich.pk]
    assert api.get(TWINNINGS, {"status": "vivace"}).status_code == 400


def test_statistics_are_the_screen_s_with_france_apart(api_for, register, staff):
    _herten, _ipswich, france, _holder = register
    api = api_for(staff)
    body = api.get(STATISTICS).json()
    expected = stats.compute()
    assert body["agreements"] == expected.agreements == 3
    assert body["by_country"] == {"DE": 1, "GB": 1}  # France is no partner country
    assert body["partners_in_france"] == [{"agreement": france.pk, "partner": "Bayonne"}]
    assert body["grouping_note"] == expected.grouping_note
    dormant = api.get(STATISTICS, {"status": "dormant"}).json()
    assert dormant["agreements"] == 1 and dormant["by_country"] == {"GB": 1}
    assert "continent" in api.get(STATISTICS, {"continent": "atlantide"}).json()["erreurs"]
    assert list(api.get(STATISTICS, {"pays": "DE"}).json()["erreurs"]) == ["pays"]


def test_the_source_document_s_figures_through_the_api(api_for, staff, seed_figures, db):
    build_source_document_register()
    expected = seed_figures["twinnings"]
    body = api_for(staff).get(STATISTICS).json()
    for key in ("agreements", "countries", "continents", "european"):
        assert body[key] == expected[key], key
    for country, count in expected["by_country"].items():
        assert body["by_country"][country] == count, country


def test_same_query_count_whatever_the_page_size(api_for, staff, db):
    for n in range(5):
        make_agreement("62041", f"Ville {n}", "DE")
    counts = query_counts(api_for(staff), TWINNINGS, sizes=(2, 5))
    assert counts[0] == counts[1]

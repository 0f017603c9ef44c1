"""Matching what public lists write against INSEE's communes and ISO countries."""

import datetime as dt

import pytest

from ouverture.twinnings.enums import AgreementKind, AgreementStatus, ReviewFlag
from ouverture.twinnings.matching import (
    CommuneIndex,
    CountryIndex,
    parse_kind,
    parse_signature,
    parse_status,
)


@pytest.fixture
def communes(db):
    return CommuneIndex.load()


@pytest.fixture
def countries(db):
    return CountryIndex.load()


@pytest.mark.parametrize("name", ["Béthune", "bethune", "BETHUNE", "Béthune ", "bÉthune"])
def test_names_are_accent_case_and_space_insensitive(communes, name):
    match = communes.resolve(name=name)
    assert match.commune.code == "62119"
    assert not match.error


def test_hyphens_and_apostrophes_do_not_matter(communes):
    assert communes.resolve(name="Aire sur la Lys").commune.code == "62014"
    assert communes.resolve(name="le touquet paris plage").commune.code == "62826"


def test_a_name_borne_by_several_communes_asks_for_the_code(communes):
    match = communes.resolve(name="Flers")
    assert match.commune is None
    assert "Plusieurs communes s'appellent « Flers »" in match.error
    assert "61169" in match.error and "62337" in match.error and "80314" in match.error
    assert "code INSEE" in match.error


def test_the_departement_settles_a_homonym(communes):
    assert communes.resolve(name="Flers", departement="62").commune.code == "62337"


def test_a_code_with_a_homonymous_name_is_kept_and_flagged(communes):
    match = communes.resolve(code="62765", name="Saint-Omer")
    assert match.commune.code == "62765"
    ((flag, detail),) = match.flags
    assert flag == ReviewFlag.HOMONYM
    assert "14635" in detail


def test_a_delegated_commune_maps_to_the_current_one_with_its_former_name(communes):
    by_name = communes.resolve(name="Hesdin")
    by_code = communes.resolve(code="62447", name="Hesdin")
    for match in (by_name, by_code):
        assert match.commune.code == "62447"
        assert match.commune.name == "Hesdin-la-Forêt"
        assert match.former_name == "Hesdin"
        assert [f for f, _ in match.flags] == [ReviewFlag.FORMER_COMMUNE]


def test_a_delegated_code_of_its_own_maps_to_its_parent(communes):
    match = communes.resolve(code="62549")  # Marconne, commune déléguée of Hesdin-la-Forêt
    assert match.commune.code == "62447"
    assert match.former_name == "Marconne"


def test_unknown_code_and_name(communes):
    assert "Code INSEE « 62999 » inconnu" in communes.resolve(code="62999").error
    assert "n'est pas un code INSEE" in communes.resolve(code="ARRAS").error
    assert "n'est pas dans le référentiel" in communes.resolve(name="Arras-sur-Mer").error


def test_a_name_that_contradicts_the_code_is_refused(communes):
    match = communes.resolve(code="62041", name="Béthune")
    assert "ne correspond pas au code INSEE 62041" in match.error


def test_a_spreadsheet_dropped_leading_zero(communes):
    assert communes.resolve(code="1001").commune.code == "01001"


@pytest.mark.parametrize(
    "text,code",
    [
        ("Germany", "DE"),
        ("Allemagne", "DE"),
        ("DE", "DE"),
        ("deu", "DE"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("England, United Kingdom", "GB"),
        ("Scotland, United Kingdom", "GB"),
        ("Royaume-Uni", "GB"),
        ("Republic of Ireland", "IE"),
        ("Czech Republic", "CZ"),
        ("Tchéquie", "CZ"),
        ("United States", "US"),
        ("Georgia (country)", "GE"),
        ("Burkina", "BF"),
        ("China", "CN"),
        ("Réunion, France", "FR"),
        ("Lower Saxony, Germany", "DE"),
    ],
)
def test_countries_in_english_french_or_iso(countries, text, code):
    assert countries.resolve(text) == code


def test_unknown_country(countries):
    assert countries.resolve("Atlantis") is None
    assert "Pays « Atlantis » inconnu" in countries.unknown_message("Atlantis")


def test_signature_dates():
    today = dt.date(2024, 10, 14)
    assert parse_signature("14/10/1965", today) == (dt.date(1965, 10, 14), 1965)
    assert parse_signature("1965-10-14", today) == (dt.date(1965, 10, 14), 1965)
    assert parse_signature("1965", today) == (None, 1965)
    assert parse_signature("", today) == (None, None)
    with pytest.raises(ValueError, match="dans le futur"):
        parse_signature("15/10/2024", today)
    with pytest.raises(ValueError, match="dans le futur"):
        parse_signature("2025", today)
    with pytest.raises(ValueError, match="illisible"):
        parse_signature("l'an dernier", today)
    with pytest.raises(ValueError, match="invraisemblable"):
        parse_signature("1789", today)


def test_kind_and_status_words():
    assert parse_kind("") == AgreementKind.TWINNING
    assert parse_kind("Coopération décentralisée") == AgreementKind.COOPERATION
    assert parse_kind("pacte d'amitié") == AgreementKind.FRIENDSHIP
    assert parse_status("En sommeil") == AgreementStatus.DORMANT
    assert parse_status("actif") == AgreementStatus.ACTIVE
    with pytest.raises(ValueError, match="Statut « peut-être » inconnu"):
        parse_status("peut-être")


def test_departement_and_region_words_are_not_guessed_from_a_prefix():
    from ouverture.twinnings.matching import _named

    regions = {"32": "Hauts-de-France", "11": "Île-de-France"}
    assert _named("region", ("region",), regions) == ""
    assert _named("region hauts de france", ("region",), regions) == "32"
    assert _named("region d ile de france", ("region",), regions) == "11"
    # An intercommunality's name, not the region.
    assert _named("region d audruicq", ("region",), regions) is None
    assert _named("regionville", ("region",), regions) is None


def test_statuses_and_dates_as_people_write_them():
    import datetime as dt

    from ouverture.twinnings.names import parse_signatures, parse_status_text, split_alternatives

    assert parse_status_text("Actif depuis 2019") == (AgreementStatus.ACTIVE, "depuis 2019")
    assert parse_status_text("en sommeil (50 ans en 2015)") == (
        AgreementStatus.DORMANT, "(50 ans en 2015)")  # fmt: skip
    assert parse_status_text("Relancé en 2022")[0] == AgreementStatus.ACTIVE
    assert parse_status_text("rompu, plus de contact") == (AgreementStatus.ENDED, "plus de contact")
    assert parse_status_text("plus de nouvelles") == (None, "plus de nouvelles")
    today = dt.date(2024, 10, 14)
    both = parse_signatures("14/10/1965 / 02/05/1966", today)
    assert [s.day for s in both] == [dt.date(1965, 10, 14), dt.date(1966, 5, 2)]
    (approx,) = parse_signatures("~1987", today)
    assert (approx.day, approx.year, approx.note) == (None, 1987, "vers 1987")
    (month,) = parse_signatures("mai 1987", today)
    assert (month.year, month.note) == (1987, "mai 1987")
    with pytest.raises(ValueError, match="illisible"):
        parse_signatures("le maire est venu en 1985 pour une fête avec des amis", today)
    assert split_alternatives("Liège (Luik)") == ("Liège", ["Luik"])
    assert split_alternatives("Herford (district)") == ("Herford (district)", [])
    assert split_alternatives("Frankfurt (Oder)") == ("Frankfurt (Oder)", [])

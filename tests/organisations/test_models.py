from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from ouverture.geo.models import Commune, Country
from ouverture.organisations.enums import SizeClass, size_class_for
from ouverture.organisations.validators import validate_siret
from tests.organisations.factories import OrganisationFactory


def test_reference_data_is_loaded(db):
    assert Commune.objects.current().in_departement("62").count() == 887
    assert Commune.objects.current().count() == 34969
    assert (
        Country.objects.get(code="RU").continent == "europe"
    )  # INSEE's grouping, not the 7-continent one
    assert Country.objects.get(code="TR").continent == "asia"


@pytest.mark.parametrize("siret", ["22620001200012", "438 535 221 00024", "35600000000010", ""])
def test_valid_sirets(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    "siret,message",
    [
        ("43853522100025", "clé de contrôle"),
        ("4385352210002", "14 chiffres"),
        ("4385352210002A", "14 chiffres"),
    ],
)
def test_invalid_sirets_say_why(siret, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert message in error.value.messages[0]


def test_size_class_thresholds_match_the_survey_typology(seed_figures):
    typology = seed_figures["survey_2023"]["typology_eur"]
    for code, (low, high) in typology.items():
        assert size_class_for(Decimal(low)) == SizeClass(code)
        if high is not None:
            assert size_class_for(Decimal(high) - Decimal("0.01")) == SizeClass(code)


def test_eligibility_follows_the_configured_departement(db):
    inside = OrganisationFactory()
    outside = OrganisationFactory(outside=True)
    assert inside.is_eligible
    assert not outside.is_eligible
    with override_settings(OUVERTURE_DEPARTEMENT="59"):
        assert outside.is_eligible
        assert not inside.is_eligible


def test_eligibility_needs_a_project_type_in_scope(db):
    organisation = OrganisationFactory(project_types=())
    checks = {c["label"]: c["ok"] for c in organisation.eligibility()}
    assert checks == {
        "Domiciliée dans le département": True,
        "Type de projet couvert par les dispositifs": False,
    }


def test_every_change_is_in_the_history_with_its_author(db, staff):
    from ouverture.core import history
    from ouverture.organisations.services import update_organisation

    organisation = OrganisationFactory(name="Avant")
    update_organisation(organisation, actor=staff, name="Après", siret="43853522100024")
    entries = history.entries(organisation)
    latest = entries[0]
    assert latest["user"] == staff
    changed = {c["field"]: (c["old"], c["new"]) for c in latest["changes"]}
    assert changed["nom"] == ("Avant", "Après")
    assert changed["SIRET"] == ("—", "43853522100024")
    assert entries[-1]["kind"] == "Création"

"""Town halls' contacts from the Annuaire de l'administration's CSV export."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ouverture.twinnings import campaigns
from ouverture.twinnings.directory import import_directory
from ouverture.twinnings.enums import ContactOrigin
from ouverture.twinnings.models import Invitation, LocalParty
from tests.twinnings.factories import make_agreement

EXPORT = Path(__file__).parent / "data" / "annuaire_administration_extrait.csv"


@pytest.fixture
def register(db):
    return {
        "arras": make_agreement("62041", "Herten", "DE"),
        "calais": make_agreement(
            "62193",
            "Dover",
            "GB",
            party_contact={"contact_name": "Comité", "contact_email": "jumelage@calais.example"},
        ),  # fmt: skip
        "dainville": make_agreement("62263", "Herten", "DE"),
        "bethune": make_agreement("62119", "Hastings", "GB"),
    }


def test_the_directory_fills_missing_town_hall_contacts_only(register, actor):
    result = import_directory(EXPORT.read_bytes(), EXPORT.name, actor=actor)
    assert result.written
    arras = LocalParty.objects.get(agreement=register["arras"])
    assert arras.contact_email == "contact@ville-arras.example"  # the main town hall, not the annex
    assert arras.contact_phone == "03 21 50 50 50"
    assert arras.contact_address == "Hôtel de ville, Place des Héros, 62000 Arras"
    assert arras.contact_origin == ContactOrigin.DIRECTORY
    assert "Annuaire de l'administration" in arras.history.first().history_change_reason
    # A contact someone gave is kept.
    calais = LocalParty.objects.get(agreement=register["calais"])
    assert calais.contact_email == "jumelage@calais.example"
    # A bad address is reported, not used; a commune absent from the file is counted.
    assert not LocalParty.objects.get(agreement=register["dainville"]).contact_email
    assert any("pas-une-adresse" in m and "Ligne 6" in m for m in result.messages)
    assert (len(result.filled), result.already_known, result.not_in_file) == (1, 1, 2)


def test_the_campaign_then_reaches_the_town_hall(register, actor, staff,
                                                 django_capture_on_commit_callbacks):  # fmt: skip
    import_directory(EXPORT.read_bytes(), EXPORT.name, actor=actor)
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.launch_campaign(actor=staff, name="Mise à jour", stale_months=12)
    assert Invitation.objects.filter(email="contact@ville-arras.example").exists()


def test_a_file_with_unknown_columns_is_refused_and_nothing_written(register, actor):
    content = b"Commune;Courriel;Tel\nArras;a@b.example;03\n"
    with pytest.raises(ValidationError, match="pas un export de l'Annuaire"):
        import_directory(content, "annuaire.csv", actor=actor)
    assert not LocalParty.objects.exclude(contact_email="").exclude(
        agreement=register["calais"]).exists()  # fmt: skip


def test_the_command_and_its_dry_run(register):
    out = io.StringIO()
    call_command("twinnings", "directory", str(EXPORT), "--dry-run", stdout=out)
    assert "1 contact(s) à remplir" in out.getvalue()
    assert not LocalParty.objects.filter(contact_origin=ContactOrigin.DIRECTORY).exists()
    call_command("twinnings", "directory", str(EXPORT), stdout=io.StringIO())
    assert LocalParty.objects.filter(contact_origin=ContactOrigin.DIRECTORY).count() == 1


def test_the_mailing_export_then_reaches_the_town_hall(register, actor):
    from ouverture.twinnings.exports import mailing_list

    table, _missing = mailing_list()
    assert "contact@ville-arras.example" not in {r["email"] for r in table.rows}
    import_directory(EXPORT.read_bytes(), EXPORT.name, actor=actor)
    table, missing = mailing_list()
    emails = {r["email"] for r in table.rows}
    assert {"contact@ville-arras.example", "jumelage@calais.example"} <= emails
    assert register["dainville"] in missing

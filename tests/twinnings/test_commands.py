"""`ouverture twinnings import|stats`, the source-data loader, dashboard and indicator."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from ouverture.core import indicators
from ouverture.twinnings import dashboard
from ouverture.twinnings.models import Agreement, ImportBatch
from ouverture.twinnings.services import record_verification
from tests.twinnings.factories import make_agreement


@pytest.fixture
def csv_file(tmp_path):
    def write(text, name="jumelages.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def run(*args):
    out = io.StringIO()
    call_command("twinnings", *args, stdout=out)
    return out.getvalue()


def test_import_dry_run_then_import(db, csv_file):
    path = csv_file("Commune;Ville partenaire;Pays\nArras;Herten;Germany\nHesdin;Brilon;DE\n")
    out = run("import", path, "--dry-run")
    assert "2 jumelages à créer" in out
    assert "ligne 3 : Créé [former_commune]" in out
    assert "Essai à blanc : rien n'a été enregistré." in out
    assert not Agreement.objects.exists()
    out = run("import", path)
    assert "Import terminé." in out
    assert Agreement.objects.count() == 2
    assert ImportBatch.objects.get().filename == "jumelages.csv"


def test_import_refuses_bad_rows_and_writes_nothing(db, csv_file):
    path = csv_file(
        "Commune;Ville partenaire;Pays\nArras;Herten;Germany\nFlers;Warminster;England\n"
    )
    with pytest.raises(CommandError, match="1 ligne\\(s\\) en erreur : rien n'a été enregistré"):
        run("import", path)
    assert not Agreement.objects.exists()


def test_import_refuses_unmappable_files_and_unknown_paths(db, csv_file):
    with pytest.raises(CommandError, match="Colonnes introuvables"):
        run("import", csv_file("Nom;Adresse\nArras;rue\n"))
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run("import", "/nulle/part.csv")
    with pytest.raises(CommandError, match="CHAMP=COLONNE"):
        run("import", csv_file("a;b\n1;2\n"), "--map", "ville")


def test_import_with_explicit_mapping(db, csv_file):
    path = csv_file("A;B;C\nCalais;Dover;GB\n")
    run("import", path, "--map", "commune_name=A", "--map", "partner_name=B",
        "--map", "partner_country=C")  # fmt: skip
    assert str(Agreement.objects.get()) == "Calais – Dover (Royaume-Uni)"


def test_stats_json_and_text(db):
    make_agreement("62041", "Herten", "DE", status="active")
    make_agreement("62193", "Dover", "GB", status="dormant")
    data = json.loads(run("stats", "--format", "json"))
    assert data["agreements"] == 2
    assert data["by_country"] == {"DE": 1, "GB": 1}
    assert data["by_status"] == {"active": 1, "dormant": 1}
    assert data["european"] == 2 and data["continents"] == 1
    assert json.loads(run("stats", "--format", "json", "--status", "active"))["agreements"] == 1
    assert "2 accords, 2 communes, 2 pays" in run("stats")


def test_load_source_data_imports_the_extract_once(source_data):
    assert Agreement.objects.count() == 117
    call_command("load_source_data", stdout=io.StringIO())
    assert Agreement.objects.count() == 117


def test_dashboard_panel(rf_user_request, staff, holder):
    make_agreement("59350", "Erfurt", "DE")
    (panel,) = dashboard.panels(rf_user_request(staff))
    assert panel["context"]["total"] == 1 and panel["context"]["to_review"] == 1
    assert dashboard.panels(rf_user_request(holder)) == []


@pytest.fixture
def rf_user_request(db):
    def build(user):
        request = RequestFactory().get("/")
        request.user = user
        return request

    return build


def test_verification_indicator(staff):
    agreement = make_agreement("62041", "Herten", "DE")
    make_agreement("62193", "Dover", "GB")
    record_verification(agreement, actor=staff, status="active")
    indicator = indicators.get("twinnings.agreements_verified")
    today = timezone.localdate()
    measure = indicator.measure(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    assert measure.value == 1
    assert measure.rows[0].label == "Arras – Herten (Allemagne)"
    assert indicator.measure(today, today, status="dormant").value == 0

"""`ouverture recap` and `ouverture import_coaching`, as a person runs them."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from ouverture.coaching.models import FollowUp
from ouverture.core.formats import hours_decimal, parse_duration


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_recap_json_for_2023_is_the_document_table(source_data, seed_figures):
    expected = seed_figures["coaching_2023"]
    data = json.loads(_run("recap", "--year", "2023", "--format", "json"))
    assert set(data) == {"rows", "totals"}
    assert data["totals"] == {"organisations": 17, "sessions": 43, "hours": "49.0"}
    assert data["totals"]["hours"] == expected["hours"]
    for row in data["rows"]:
        assert set(row) == {"organisation", "project_types", "channels", "sessions", "hours"}
    by_name = {r["organisation"]: r for r in data["rows"]}
    for name, types, channels, sessions, hours in expected["rows"]:
        assert sorted(by_name[name]["project_types"]) == sorted(types), name
        assert sorted(by_name[name]["channels"]) == sorted(channels), name
        assert by_name[name]["sessions"] == sessions, name
        assert by_name[name]["hours"] == str(hours_decimal(parse_duration(hours))), name


def test_recap_csv_and_period(source_data):
    content = _run("recap", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "csv")
    lines = content.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Nom de l'organisation;Type de projet;")
    assert "Tantely Soa;Coopération internationale;Tél, mails, présentiel;4;5h" in lines
    assert lines[-1] == "Total : 17 structures;;;43;49h"
    empty = json.loads(_run("recap", "--from", "2024-01-01", "--to", "2024-06-30"))
    assert empty["totals"] == {"organisations": 0, "sessions": 0, "hours": "0.0"}


def test_recap_xlsx_to_a_file(source_data, tmp_path):
    target = tmp_path / "recap.xlsx"
    call_command(
        "recap", "--year", "2023", "--format", "xlsx", "--output", str(target), stderr=io.StringIO()
    )
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "Nom de l'organisation"
    assert (sheet["A19"].value, sheet["D19"].value, sheet["E19"].value) == (
        "Total : 17 structures",
        43,
        49.0,
    )
    assert sheet["E19"].number_format == '#,##0.00" h"'
    with pytest.raises(CommandError, match="--output"):
        _run("recap", "--year", "2023", "--format", "xlsx")


@pytest.mark.parametrize(
    "args,message",
    [
        ((), "Indiquez --year"),
        (("--year", "2023", "--from", "2023-01-01"), "pas les deux"),
        (("--from", "01/02/2023"), "illisible"),
        (("--from", "2023-06-01", "--to", "2023-01-01"), "après la date de fin"),
        (("--year", "2023", "--staff", "personne"), "Aucun compte"),
    ],
)
def test_recap_refuses_bad_arguments(db, args, message):
    with pytest.raises(CommandError, match=message):
        _run("recap", *args)


HEADER = (
    "Nom de l'organisation;Type de projet;Type d'accompagnement;"
    "Nombre de session d'accompagnement;Nombre d'heures au total\n"
)


def test_import_dry_run_then_real(source_data, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "Misola;Coopération internationale;Tél, mails;2;1h45\n", "utf-8")
    before = FollowUp.objects.count()
    out = _run("import_coaching", str(path), "--year", "2024", "--dry-run")
    assert "Vérification sans écriture — 1 ligne : 1 suivi, 2 sessions" in out
    assert FollowUp.objects.count() == before
    out = _run("import_coaching", str(path), "--year", "2024")
    assert "Importé — 1 ligne" in out
    data = json.loads(_run("recap", "--year", "2024"))
    assert data["totals"] == {"organisations": 1, "sessions": 2, "hours": "1.8"}


def test_import_lists_errors_and_writes_nothing(source_data, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "Misola;Coopération;fax;1;1h\nPersonne;Jumelage;Tél;1;1h\n", "utf-8")
    before = FollowUp.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 erreur"):
        call_command(
            "import_coaching", str(path), "--year", "2024", stdout=io.StringIO(), stderr=err
        )
    assert (
        "ligne 2, colonne « Type d'accompagnement » (C) : Canal « fax » inconnu" in err.getvalue()
    )
    assert "ligne 3, colonne « Nom de l'organisation » (A)" in err.getvalue()
    assert FollowUp.objects.count() == before


def test_import_latin1_needs_the_encoding_option(source_data, tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes((HEADER + "Misola;Coopération;Présentiel;1;1h\n").encode("cp1252"))
    with pytest.raises(CommandError, match="--encoding cp1252"):
        _run("import_coaching", str(path), "--year", "2024")
    assert "Importé" in _run("import_coaching", str(path), "--year", "2024", "--encoding", "cp1252")


def test_import_creates_organisations_only_when_asked(source_data, tmp_path):
    path = tmp_path / "t.xlsx"
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(HEADER.strip().split(";"))
    workbook.active.append(["Comité de jumelage de Fabus", "Jumelage", "Visio", 1, "1h"])
    workbook.save(path)
    with pytest.raises(CommandError):
        _run("import_coaching", str(path), "--year", "2024")
    out = _run("import_coaching", str(path), "--year", "2024", "--create-organisations")
    assert "1 structure à créer" in out
    with pytest.raises(CommandError, match="introuvable"):
        _run("import_coaching", str(tmp_path / "absent.csv"), "--year", "2024")

"""The 2024 SCDL export validates against the shipped schema and holds the records' figures."""

import csv
import io
import json

from django.core.management import call_command
from django.urls import reverse
from frictionless import Resource, Schema

from ouverture.opendata import scdl


def test_the_2024_export_validates_against_the_shipped_schema(source_data, tmp_path, client):
    path = tmp_path / "subventions-2024.csv"
    call_command("opendata", "scdl", "--year", "2024", "--output", str(path), stderr=io.StringIO())
    schema = Schema.from_descriptor(json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8")))
    report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    (row,) = rows
    assert row["nomBeneficiaire"] == "Lianes Coopération"
    assert row["idBeneficiaire"] == "43853522100024" and row["idAttribuant"] == "22620001200012"
    assert (row["montant"], row["referenceDecision"], row["dateDecision"]) == (
        "9879.54",
        "2024-401",
        "2024-10-14",
    )
    assert list(rows[0]) == scdl.columns()
    # The public page offers the year's file, without an account.
    page = client.get(reverse("opendata:index"))
    assert page.status_code == 200 and reverse("opendata:subsidies", args=[2024]) in page.text
    download = client.get(reverse("opendata:subsidies", args=[2024]))
    assert download.status_code == 200 and b"Lianes" in download.content
    assert client.get(reverse("opendata:subsidies", args=[2019])).status_code == 404
    # Nothing personal: no representative's name is exported.
    assert "MOULENE" not in path.read_text(encoding="utf-8").upper()

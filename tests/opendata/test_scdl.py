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


def _validate(tmp_path, year=2024):
    path = tmp_path / f"subventions-{year}.csv"
    call_command(
        "opendata", "scdl", "--year", str(year), "--output", str(path), stderr=io.StringIO()
    )
    schema = Schema.from_descriptor(json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8")))
    report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_cofunders_and_payment_terms_come_from_the_records(source_data, tmp_path):
    import datetime as dt

    from ouverture.accounts.services import system_user
    from ouverture.agreements import services
    from ouverture.agreements.models import Agreement

    (row,) = _validate(tmp_path)
    # The programme is co-funded by RECITAL (the financing plan's co-funding).
    assert (row["cofinancement"], row["attribuantsCofinanceurs"], row["idCofinancement"]) == (
        "oui", "RECITAL", "CD62-LIANES-2024",
    )  # fmt: skip
    # No schedule recorded (the source lacks the convention's payment articles): "autre".
    assert row["conditionsVersement"] == "autre"
    assert row["datesPeriodeVersement"] == "2024-01-01/2024-12-31"

    agreement = Agreement.objects.get(reference="CD62-LIANES-2024")
    services.set_schedule(
        agreement, actor=system_user(), instalments=[
            {"kind": "advance", "share": "30", "condition": "à la signature",
             "due_on": dt.date(2024, 11, 15)},
            {"kind": "balance", "condition": "sur présentation du bilan",
             "due_on": dt.date(2025, 6, 30)},
        ],
    )  # fmt: skip
    (row,) = _validate(tmp_path)
    assert row["conditionsVersement"] == "échelonné"
    assert row["descriptionConditionsVersement"] == (
        "Avance 30 % (2 963,86 €) à la signature ; Solde (6 915,68 €) sur présentation du bilan"
    )
    assert row["datesPeriodeVersement"] == "2024-11-15/2025-06-30"

    services.set_schedule(
        agreement, actor=system_user(),
        instalments=[{"kind": "balance", "condition": "au bilan", "due_on": dt.date(2025, 5, 2)}],
    )  # fmt: skip
    (row,) = _validate(tmp_path)
    assert (row["conditionsVersement"], row["datesPeriodeVersement"]) == ("unique", "2025-05-02")
    for revenue in agreement.revenues.all():
        services.remove_revenue(revenue, actor=system_user())
    (row,) = _validate(tmp_path)
    assert (row["cofinancement"], row["attribuantsCofinanceurs"]) == ("non", "")


def test_the_feeds_serve_the_same_file_as_the_yearly_page(source_data, client):
    from xml.etree import ElementTree

    yearly = client.get(reverse("opendata:subsidies", args=[2024]))
    latest = client.get(reverse("opendata:subsidies_latest"))
    assert latest.status_code == 200 and latest["Content-Type"].startswith("text/csv")
    assert latest.content == yearly.content
    feed = client.get(reverse("opendata:subsidies_feed"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ElementTree.fromstring(feed.content)
    [entry] = root.findall("a:entry", ns)
    assert entry.find("a:title", ns).text == "Subventions attribuées en 2024"
    assert entry.find("a:updated", ns).text.startswith("2024-10-14")
    enclosure = entry.find("a:link[@rel='enclosure']", ns)
    path = reverse("opendata:subsidies", args=[2024])
    assert enclosure.get("href").endswith(path) and enclosure.get("type") == "text/csv"
    assert int(enclosure.get("length")) == len(yearly.content)
    # Where it says what it says, the feed's file is the page's file.
    assert client.get(path).content == yearly.content
    page = client.get(reverse("opendata:index")).content.decode()
    for name in ("opendata:subsidies_feed", "twinnings:public_geojson", "events:public_agenda"):
        assert 'rel="alternate"' in page and reverse(name) in page


def test_without_an_adopted_act_the_stable_address_is_a_404(client, db):
    assert client.get(reverse("opendata:subsidies_latest")).status_code == 404
    feed = client.get(reverse("opendata:subsidies_feed"))
    assert feed.status_code == 200 and b"<entry>" not in feed.content

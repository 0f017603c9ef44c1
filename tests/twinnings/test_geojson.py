"""The public GeoJSON feed of the register: parsed back, public fields only, filters, and the
same queries for 1 or 30 agreements."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ouverture.accounts.services import system_user
from ouverture.twinnings import services
from tests.twinnings.factories import committee_with_contact, make_agreement

pytestmark = pytest.mark.django_db

FEED = reverse("twinnings:public_geojson")


def collection(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    return data


def test_each_agreement_is_a_feature_with_its_parties_and_partners(client):
    agreement = make_agreement(
        "62041", "Herten", "DE", status="active", sources=[{"url": "https://example.org/s"}]
    )
    services.add_partner(
        agreement, actor=system_user(), name="Bergen", country="NO", signed_on=dt.date(1970, 5, 2)
    )
    data = collection(client.get(FEED))
    [feature] = data["features"]
    assert feature["type"] == "Feature" and feature["id"] == agreement.pk
    assert feature["geometry"] is None  # no record holds coordinates (RFC 7946 §3.2)
    props = feature["properties"]
    assert props["intitule"] == agreement.title
    assert (props["statut"], props["statut_libelle"]) == ("active", "Actif")
    assert (props["nature"], props["nature_libelle"]) == ("twinning", "Jumelage")
    [party] = props["parties_locales"]
    assert (party["niveau"], party["code"], party["nom"]) == ("commune", "62041", "Arras")
    assert [
        (p["ville"], p["pays"], p["signature"], p["annee_signature"]) for p in props["partenaires"]
    ] == [
        ("Herten", "DE", None, None),
        ("Bergen", "NO", "1970-05-02", 1970),
    ]
    assert props["partenaires"][0]["nom_pays"] == "Allemagne"


def test_no_private_field_ever_appears(client):
    committee, contact = committee_with_contact(
        name="Comité secret de jumelage", email="comite.prive@example.org"
    )
    agreement = make_agreement(
        committee=committee,
        contact=contact,
        notes="Note interne à ne pas publier",
        sources=[{"note": "Appel au maire, source interne"}],
        party_contact={
            "contact_name": "Jeanne Mairie",
            "contact_email": "jeanne.mairie@example.org",
            "contact_phone": "03 21 00 00 00",
        },
    )
    services.record_verification(agreement, actor=system_user(), status="active", note="Vérifié")
    agreement.refresh_from_db()
    agreement.upcoming_projects = "Projet confidentiel 2027"
    agreement.save()
    body = client.get(FEED).content.decode()
    assert agreement.title in body
    for private in (
        "Comité secret",
        "comite.prive",
        "Claire Lemaire",
        "Jeanne Mairie",
        "jeanne.mairie",
        "03 21",
        "Note interne",
        "source interne",
        "Projet confidentiel",
        "example.org",
    ):
        assert private not in body, private
    keys = set(json.loads(body)["features"][0]["properties"])
    assert keys == {
        "intitule",
        "nature",
        "nature_libelle",
        "statut",
        "statut_libelle",
        "parties_locales",
        "partenaires",
    }


def test_filters_like_the_register_and_a_bad_value_says_why(client):
    active = make_agreement("62041", "Herten", "DE", status="active")
    dormant = make_agreement("62041", "Ipswich", "GB", status="dormant")
    ids = lambda r: {f["id"] for f in collection(r)["features"]}  # noqa: E731
    assert ids(client.get(FEED, {"statut": "active"})) == {active.pk}
    assert ids(client.get(FEED, {"pays": "gb"})) == {dormant.pk}
    assert ids(client.get(FEED)) == {active.pk, dormant.pk}
    response = client.get(FEED, {"statut": "perdu"})
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Requête refusée : une erreur à corriger."
    assert "« statut » : valeur « perdu » inconnue" in body["erreurs"]["statut"][0]
    assert client.get(FEED, {"pays": "Allemagne"}).status_code == 400


def test_the_feed_costs_the_same_queries_for_1_or_30_agreements(client):
    make_agreement("62041", "Herten", "DE")
    with CaptureQueriesContext(connection) as one:
        assert len(collection(client.get(FEED))["features"]) == 1
    for n in range(29):
        make_agreement("62041", f"Partenaire {n}", "IT")
    with CaptureQueriesContext(connection) as thirty:
        assert len(collection(client.get(FEED))["features"]) == 30
    assert len(thirty) == len(one)


def test_an_unchanged_register_answers_304_to_its_etag(client):
    make_agreement("62041", "Herten", "DE")
    first = client.get(FEED)
    assert client.get(FEED, headers={"if-none-match": first["ETag"]}).status_code == 304
    make_agreement("62041", "Ipswich", "GB")
    assert client.get(FEED, headers={"if-none-match": first["ETag"]}).status_code == 200

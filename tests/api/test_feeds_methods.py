"""The feeds people subscribe to are read-only: another method is a 405, never the
"formulaire expiré" page a CSRF refusal shows (nothing to protect on a read)."""

import pytest
from django.test import Client

FEEDS = [
    "/temps-collectifs/p/agenda.ics",
    "/jumelages/public/jumelages.geojson",
    "/donnees-ouvertes/public/subventions.csv",
    "/donnees-ouvertes/public/subventions-2024.csv",
    "/donnees-ouvertes/public/subventions.atom",
]


@pytest.mark.parametrize("url", FEEDS)
def test_a_post_to_a_feed_is_a_405(url, db):
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code in (200, 404)  # the address exists (404: no file yet)
    response = client.post(url, {"x": "1"})
    assert response.status_code == 405
    assert response["Allow"] == "GET"

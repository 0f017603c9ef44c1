"""The conventions every endpoint follows: errors, pagination, ETag, JSON only."""

import pytest

from ouverture.api.conventions import MAX_PAGE_SIZE
from tests.organisations.factories import OrganisationFactory

LIST = "/api/v1/structures/"


@pytest.fixture
def api(api_for, staff):
    return api_for(staff)


def test_a_page_size_of_a_billion_is_a_clear_400(api):
    response = api.get(LIST, {"page_size": 10**9})
    assert response.status_code == 400
    body = response.json()
    assert body["erreurs"] == {
        "page_size": [
            f"Taille de page « 1000000000 » refusée : un entier entre 1 et {MAX_PAGE_SIZE}."
        ]
    }
    assert body["message"] == "Requête refusée : une erreur à corriger."  # a read: nothing to write


@pytest.mark.parametrize("value", ["0", "-3", "dix", "1e3"])
def test_other_bad_page_sizes_and_pages(api, value):
    assert api.get(LIST, {"page_size": value}).status_code == 400
    assert "page" in api.get(LIST, {"page": value}).json()["erreurs"]


def test_a_page_past_the_end_is_a_404_saying_how_many_pages(api, db):
    response = api.get(LIST, {"page": 7})
    assert response.status_code == 404
    assert response.json()["message"] == "Page 7 inexistante : la liste compte 1 page."


def test_pages_are_stable_and_complete(api, db):
    for n in range(5):
        OrganisationFactory(name=f"Même nom {n % 2}")
    seen = []
    for page in (1, 2, 3):
        body = api.get(LIST, {"page": page, "page_size": 2}).json()
        assert body["nombre"] == 5 and body["pages"] == 3 and body["page"] == page
        seen += [row["id"] for row in body["resultats"]]
    assert len(seen) == len(set(seen)) == 5


def test_an_unknown_filter_is_refused_by_name(api, db):
    response = api.get(LIST, {"projet": "twinning"})
    assert response.status_code == 400
    assert list(response.json()["erreurs"]) == ["projet"]
    assert "Champ inconnu « projet »" in response.json()["erreurs"]["projet"][0]


def test_a_wrong_filter_value_is_refused_in_french(api, db):
    response = api.get(LIST, {"project_type": "plongée"})
    assert response.status_code == 400
    assert "n'est pas un choix valide" in response.json()["erreurs"]["project_type"][0]


def test_etag_and_if_none_match(api, db):
    OrganisationFactory(name="Étoile")
    first = api.get(LIST)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and "Authorization" in first.headers["Vary"]
    again = api.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    OrganisationFactory(name="Nouvelle")
    changed = api.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_only_json_is_served(api, db):
    response = api.get(LIST, HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert "JSON" in response.json()["message"]


def test_dates_are_iso_8601_with_their_offset(api, db):
    OrganisationFactory(name="Horodatée")
    row = api.get(LIST).json()["resultats"][0]
    assert row["created_at"][10] == "T" and row["created_at"][-6] in "+-"


def test_malformed_json_is_refused_with_its_line_and_column():
    from io import BytesIO

    from rest_framework.exceptions import ParseError

    from ouverture.api.conventions import StrictJSONParser

    with pytest.raises(ParseError) as error:
        StrictJSONParser().parse(BytesIO(b'{\n  "name": ,\n}'))
    assert str(error.value.detail) == (
        "JSON mal formé (ligne 2, colonne 11) : corrigez le corps de la requête, "
        "rien n'a été enregistré."
    )
    with pytest.raises(ParseError, match="JSON mal formé"):
        StrictJSONParser().parse(BytesIO(b'{"amount": NaN}'))
    with pytest.raises(ParseError) as error:
        StrictJSONParser().parse(BytesIO(b'{"date": "2024-03-05", "x": {"date": 1, "date": 2}}'))
    assert str(error.value.detail) == (
        "Champ « date » donné deux fois dans le même objet : gardez-en un seul, "
        "rien n'a été enregistré."
    )


def test_unknown_and_wrongly_typed_fields_are_refused_by_name():
    from rest_framework import serializers

    from ouverture.api.conventions import StrictSerializer

    class Example(StrictSerializer):
        amount = serializers.DecimalField(max_digits=9, decimal_places=2)

    unknown = Example(data={"amount": "10.00", "montant": "3"})
    assert not unknown.is_valid()
    assert unknown.errors == {"montant": ["Champ inconnu « montant » : champs acceptés : amount."]}
    wrong = Example(data={"amount": "dix"})
    assert not wrong.is_valid()
    assert wrong.errors["amount"] == ["Un nombre valide est requis."]


def test_the_rate_limit_is_per_token_with_a_french_429(api_for, staff, monkeypatch):
    from ouverture.api.conventions import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "rate", "3/minute", raising=False)
    first, second = api_for(staff), api_for(staff)
    assert [first.get(LIST).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(LIST)
    assert refused.status_code == 429
    assert refused.json()["message"].startswith("Trop de requêtes avec ce jeton : réessayez dans")
    assert int(refused.headers["Retry-After"]) > 0
    assert second.get(LIST).status_code == 200  # another token has its own allowance


def test_a_nul_character_is_refused_not_sent_to_the_database(api, db):
    # PostgreSQL refuses NUL in text: it must be a 400, never a 500.
    response = api.get(LIST, {"q": "a\x00b"})
    assert response.status_code == 400
    assert list(response.json()["erreurs"]) == ["q"]


def test_a_method_the_endpoint_lacks_is_a_french_405(api, db):
    response = api.send("post", LIST, {})
    assert response.status_code == 405
    assert response.json() == {"message": "Méthode POST non permise sur cette adresse."}

"""A write through the API (/api/v1/jeton/, renaming or revoking the token itself): the bad
bodies of every write are refused in French and write nothing."""

import pytest

from ouverture.api.models import ApiToken

URL = "/api/v1/jeton/"


@pytest.fixture
def api(api_for, staff):
    return api_for(staff, name="ancien nom")


def _name():
    return ApiToken.objects.get().name


def test_reading_and_renaming_the_token(api):
    body = api.get(URL).json()
    assert body["name"] == "ancien nom" and body["read_only"] is False
    response = api.send("patch", URL, {"name": "portail"})
    assert response.status_code == 200 and response.json()["name"] == "portail"
    assert _name() == "portail"


@pytest.mark.parametrize(
    "raw, field, message",
    [
        ('{"name": "x", "nom": "y"}', "nom", "Champ inconnu « nom » : champs acceptés : name."),
        ('{"name": ["x"]}', "name", "Chaîne de caractère invalide."),
        ('{"name": "  "}', "name", "Ce champ ne peut être vide."),
        ("[1, 2]", "general", 'Objet JSON attendu ({"champ": valeur, …}) : reçu une liste.'),
    ],
)
def test_a_bad_body_is_refused_by_field_and_writes_nothing(api, raw, field, message):
    response = api.send("patch", URL, raw=raw)
    assert response.status_code == 400
    body = response.json()
    assert body["message"].startswith("Requête refusée")
    assert body["erreurs"][field] == [message]
    assert _name() == "ancien nom"


def test_malformed_json_is_a_french_400_with_line_and_column(api):
    response = api.send("patch", URL, raw='{"name": "x",}')
    assert response.status_code == 400
    assert response.json()["message"].startswith("JSON mal formé (ligne 1, colonne 14)")
    assert _name() == "ancien nom"


def test_a_form_body_is_refused_json_only(api):
    response = api.send(
        "patch", URL, raw="name=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert "JSON" in response.json()["message"]
    assert _name() == "ancien nom"


def test_a_read_only_token_cannot_write_but_can_revoke_itself(api_for, staff):
    api = api_for(staff, name="lecture", read_only=True)
    response = api.send("patch", URL, {"name": "autre"})
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Jeton « lecture » en lecture seule : il ne peut rien modifier (PATCH refusé)."
    )
    token = ApiToken.objects.get()
    assert token.name == "lecture" and token.revoked_at is None
    # Revoking only narrows it: a leaked read-only token can be stopped by its system.
    assert api.send("delete", URL).status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get(URL).status_code == 401


def test_a_token_revokes_itself(api):
    assert api.send("delete", URL).status_code == 204
    assert api.get(URL).status_code == 401

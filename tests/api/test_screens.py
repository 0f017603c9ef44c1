"""Token screens: create (shown once), list, revoke; service accounts for administrators."""

import re

import pytest

from ouverture.api import services
from ouverture.api.models import ApiToken, ServiceAccount
from tests.api.conftest import ApiClient


def _key(response):
    return re.search(r'value="(ouv_[^"]+)"', response.content.decode()).group(1)


def test_a_person_creates_a_token_sees_it_once_and_uses_it(client_for, holder):
    client = client_for(holder)
    response = client.post(
        "/jetons-api/nouveau/",
        {"name": "Tableur", "days": 30, "read_only": "on", "app_scope": "organisations"},
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    key = _key(response)
    token = ApiToken.objects.get(user=holder)
    assert token.read_only and token.app_scope == "organisations"
    assert ApiClient(key).get("/api/v1/structures/").status_code == 200
    listing = client.get("/jetons-api/").content.decode()
    assert token.prefix in listing and key not in listing
    assert "127.0.0.1" in listing  # where it was last used from


def test_bad_input_writes_nothing(client_for, holder):
    response = client_for(holder).post("/jetons-api/nouveau/", {"name": "", "days": 10_000})
    assert response.status_code == 200
    assert "Rien n'a été enregistré" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_one_s_token_and_not_another_s(client_for, holder, staff, actor):
    mine, key = services.create_token(holder, name="a", actor=actor)
    theirs, _ = services.create_token(staff, name="b", actor=actor)
    client = client_for(holder)
    assert client.post(f"/jetons-api/{theirs.pk}/revoquer/").status_code == 404
    assert client.post(f"/jetons-api/{mine.pk}/revoquer/").status_code == 302
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.revoked_at and not theirs.revoked_at
    assert ApiClient(key).get("/api/v1/structures/").status_code == 401


def test_an_administrator_creates_a_service_account_and_its_token(client_for, administrator):
    client = client_for(administrator)
    response = client.post(
        "/jetons-api/comptes-de-service/nouveau/",
        {"username": "portail", "system": "Portail des aides", "role": "funder_officer"},
    )
    assert response.status_code == 302
    account = ServiceAccount.objects.get()
    created = client.post(
        f"/jetons-api/comptes-de-service/{account.pk}/jeton/", {"name": "prod", "days": 365}
    )
    key = _key(created)
    assert ApiClient(key).get("/api/v1/structures/").status_code == 200
    assert "Portail des aides" in client.get("/jetons-api/comptes-de-service/").content.decode()
    # A service account does not manage its own tokens on the screens.
    assert not account.user.has_perm("api.manage_own_tokens")


def test_a_duplicate_service_account_is_refused_by_field(client_for, administrator):
    client = client_for(administrator)
    data = {"username": "portail", "system": "Portail", "role": "funder_officer"}
    client.post("/jetons-api/comptes-de-service/nouveau/", data)
    again = client.post("/jetons-api/comptes-de-service/nouveau/", data)
    assert again.status_code == 200 and ServiceAccount.objects.count() == 1
    assert "existe déjà" in again.content.decode()


@pytest.mark.parametrize(
    "url", ["/jetons-api/comptes-de-service/", "/jetons-api/comptes-de-service/nouveau/"]
)
def test_service_accounts_are_for_administrators(client_for, staff, url):
    assert client_for(staff).get(url).status_code == 403

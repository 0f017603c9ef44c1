"""Tokens: stored hashed, shown once; missing, unknown, expired, revoked → 401 in French."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.api import services
from ouverture.api.models import ApiToken
from tests.api.conftest import ApiClient

LIST = "/api/v1/structures/"


@pytest.fixture
def staff_token(staff, actor):
    return services.create_token(staff, name="portail", actor=actor)


def test_only_the_hash_and_a_prefix_are_stored(staff_token):
    token, key = staff_token
    token.refresh_from_db()
    assert key.startswith("ouv_") and len(key) > 40
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(token.prefix) and len(token.prefix) == 12
    stored = " ".join(str(v) for v in ApiToken.objects.values_list().get(pk=token.pk))
    assert key not in stored


def test_a_valid_token_is_let_in_and_its_use_recorded(staff_token):
    token, key = staff_token
    response = ApiClient(key).get(LIST, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_ip == "203.0.113.7"
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header, message",
    [
        (None, "Authentification requise"),
        ("Bearer ouv_nimportequoi", "Jeton inconnu"),
        ("Token abc", "mal formé"),
        ("Bearer", "mal formé"),
    ],
)
def test_missing_unknown_or_malformed_is_a_french_401(db, client, header, message):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(LIST, **extra)
    assert response.status_code == 401
    assert message in response.json()["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_a_401_naming_the_date(staff_token):
    token, key = staff_token
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.make_aware(dt.datetime(2024, 10, 14, 12))
    )
    response = ApiClient(key).get(LIST)
    assert response.status_code == 401
    assert response.json()["message"] == (
        "Jeton « portail » expiré le 14 octobre 2024 : créez-en un nouveau."
    )
    token.refresh_from_db()
    assert token.last_used_at is None  # a refused token records no use


def test_a_revoked_token_is_a_401(staff_token, actor):
    token, key = staff_token
    services.revoke_token(token, actor=actor)
    response = ApiClient(key).get(LIST)
    assert response.status_code == 401
    assert "révoqué le" in response.json()["message"]
    with pytest.raises(ValidationError, match="déjà révoqué"):
        services.revoke_token(token, actor=actor)


def test_a_deactivated_account_s_token_no_longer_works(staff_token):
    token, key = staff_token
    token.user.is_active = False
    token.user.save(update_fields=["is_active"])
    assert ApiClient(key).get(LIST).status_code == 401


def test_token_creation_refuses_bad_input_and_writes_nothing(staff, actor):
    with pytest.raises(ValidationError) as error:
        services.create_token(staff, name=" ", actor=actor, days=0)
    assert set(error.value.message_dict) == {"name", "days"}
    assert not ApiToken.objects.exists()


def test_a_session_is_not_an_api_credential(client_for, staff):
    # The screens' login does not open the API: no CSRF question, one way in.
    response = client_for(staff).get(LIST)
    assert response.status_code == 401


def test_a_service_account_is_created_by_an_administrator_only(administrator, staff):
    account = services.create_service_account(
        username="portail-aides", system="Portail des aides", actor=administrator
    )
    assert account.user.role == Role.FUNDER_OFFICER
    assert not account.user.has_usable_password()
    with pytest.raises(ValidationError, match="administrateur"):
        services.create_service_account(username="x", system="X", actor=staff)


def test_a_burst_of_requests_writes_the_last_use_once_a_minute(staff_token):
    token, _key = staff_token
    now = timezone.now()
    assert services.record_use(token, "203.0.113.7", now=now)
    assert not services.record_use(token, "203.0.113.7", now=now + dt.timedelta(seconds=30))
    # From elsewhere, or a minute later: recorded.
    assert services.record_use(token, "198.51.100.2", now=now + dt.timedelta(seconds=31))
    assert services.record_use(token, "198.51.100.2", now=now + dt.timedelta(seconds=95))
    token.refresh_from_db()
    assert token.last_used_ip == "198.51.100.2"
    assert token.last_used_at == now + dt.timedelta(seconds=95)

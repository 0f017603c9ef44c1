"""Login throttling (django-axes) and password rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ouverture.accounts.enums import Role
from ouverture.accounts.services import create_user

PASSWORD = "une phrase assez longue 42"


@pytest.fixture
def account(db):
    return create_user(
        username="julie.massez",
        role=Role.NETWORK_STAFF,
        password=PASSWORD,
        first_name="Julie",
        last_name="Massez",
        email="julie.massez@example.org",
    )


def login(client, username, password, address="203.0.113.7"):
    return client.post(
        "/connexion/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_a_good_password_logs_in(client, account):
    response = login(client, "julie.massez", PASSWORD)
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(account.pk)


def test_sixty_wrong_passwords_then_the_right_one_is_refused(client, account):
    for attempt in range(60):
        response = login(client, "julie.massez", f"mauvais-{attempt}")
        assert response.status_code in {200, 429}
    response = login(client, "julie.massez", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Connexion bloquée" in body
    assert "15 minutes" in body
    assert "_auth_user_id" not in client.session


def test_the_lockout_starts_at_the_limit(client, account, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "julie.massez", f"mauvais-{attempt}").status_code == 200
    # One failure below the limit: the right password still works.
    assert login(client, "julie.massez", PASSWORD).status_code == 302


def test_a_lockout_does_not_lock_the_person_out_from_elsewhere(client, account, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT + 2):
        login(client, "julie.massez", f"mauvais-{attempt}", address="198.51.100.9")
    assert login(client, "julie.massez", PASSWORD, address="203.0.113.7").status_code == 302


@pytest.mark.parametrize(
    "password",
    [
        "ouverture",
        "Ouverture2024!",
        "lianes-cooperation",
        "PasDeCalais62",
        "pas-de-calais-62",
        "jumelages2023",
        "12345678901",
        "motdepasse",
    ],
)
def test_the_product_words_and_weak_passwords_are_refused(password, account):
    with pytest.raises(ValidationError):
        validate_password(password, user=account)


def test_a_password_like_the_user_name_is_refused(account):
    with pytest.raises(ValidationError) as error:
        validate_password("julie.massez", user=account)
    assert any("semblable" in message for message in error.value.messages)


def test_a_product_word_message_is_french(account):
    with pytest.raises(ValidationError) as error:
        validate_password("ouverture-2026", user=account)
    assert any("ouverture" in message and "deviner" in message for message in error.value.messages)


@pytest.mark.parametrize(
    "password", [PASSWORD, "cheval agrafe batterie", "ouverture du grand portail bleu"]
)
def test_a_real_passphrase_is_accepted(password, account):
    validate_password(password, user=account)


def test_a_very_long_username_is_refused_without_an_error(client, db):
    """django-axes records the attempt: a 1 000-character username must not overflow it
    (a 500 on PostgreSQL before)."""
    response = login(client, "x" * 1000, "mauvais")
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect" in response.content.decode()


def test_a_locked_account_stays_locked_through_the_login_form_only(client, account, settings):
    """The throttle is on the web login; a request-less check (commands, client.login) is
    not throttled since nobody is on the other side."""
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        login(client, "julie.massez", f"mauvais-{attempt}")
    assert login(client, "julie.massez", PASSWORD).status_code == 429
    assert client.login(username="julie.massez", password=PASSWORD)

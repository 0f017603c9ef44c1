"""Writes on tokens and service accounts: the screens, the `api` command and the tests call these."""

import datetime as dt
import functools
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.accounts.services import create_user
from ouverture.api.models import ApiToken, ServiceAccount
from ouverture.core import history

# "ouv_" + 43 URL-safe characters (32 random bytes): recognisable in a leaked log.
TOKEN_PREFIX = "ouv_"
PREFIX_LENGTH = 12  # "ouv_" and 8 characters of the key, shown in lists
MAX_DAYS = 730


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(user, *, name, actor, days=None, read_only=False, app_scope=""):
    """A new token for `user`; returns (token, clear key). The clear key is never stored:
    it is shown once to whoever created it."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Donnez un nom au jeton (par exemple « portail des subventions »)."
    if days is not None and not (1 <= days <= MAX_DAYS):
        errors["days"] = f"Durée de validité : entre 1 et {MAX_DAYS} jours."
    if not user.is_active:
        errors["user"] = f"Le compte « {user.username} » est désactivé : pas de jeton."
    if errors:
        raise ValidationError(errors)
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=key[:PREFIX_LENGTH],
        digest=digest(key),
        read_only=read_only,
        app_scope=app_scope or "",
        expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
    )
    history.save(token, actor)
    return token, key


@transaction.atomic
def revoke_token(token, *, actor):
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at:
        raise ValidationError(f"Le jeton « {token.name} » est déjà révoqué.")
    token.revoked_at = timezone.now()
    history.save(token, actor, update_fields=["revoked_at"])
    return token


@transaction.atomic
def rename_token(token, *, name, actor):
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": "Donnez un nom au jeton (par exemple « portail des subventions »)."}
        )
    token.name = name
    history.save(token, actor, update_fields=["name"])
    return token


USE_RECORD_SECONDS = 60


def record_use(token, ip, now=None):
    """When and from where a token was last used: one UPDATE, no history entry, no lock
    (two concurrent requests both write a correct "last use"). To the minute: a token used
    again from the same address within USE_RECORD_SECONDS writes nothing (a burst of
    requests is not a burst of writes)."""
    now = now or timezone.now()
    ip = ip or None
    recent = token.last_used_at and (now - token.last_used_at).total_seconds() < USE_RECORD_SECONDS
    if recent and token.last_used_ip == ip:
        return False
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)
    token.last_used_at, token.last_used_ip = now, ip
    return True


def find_token(key):
    """The token this key opens, active or not (the caller says why it is refused), or None."""
    if not key or not key.startswith(TOKEN_PREFIX):
        return None
    # Two raw look-ups by unique key rather than the ORM's join: every request pays this, and
    # compiling the query cost more than running it (bench/api.py). `raw` keeps the fields'
    # converters (aware datetimes, booleans).
    token = next(iter(ApiToken.objects.raw(_sql(ApiToken, "digest"), [digest(key)])), None)
    if token is not None:
        User = ApiToken.user.field.related_model
        token.user = next(iter(User.objects.raw(_sql(User, User._meta.pk.column), [token.user_id])))
    return token


@functools.cache
def _sql(model, column):
    quote = connection.ops.quote_name
    return f"SELECT * FROM {quote(model._meta.db_table)} WHERE {quote(column)} = %s"


@transaction.atomic
def create_service_account(*, username, system, actor, description="", role=Role.FUNDER_OFFICER):
    """A user that stands for a system: no password, never logs in, acts through tokens."""
    if not (actor.is_superuser or actor.role == Role.ADMINISTRATOR):
        raise ValidationError("Seul un administrateur crée un compte de service.")
    if not (system or "").strip():
        raise ValidationError({"system": "Nommez le système (par exemple « portail des aides »)."})
    user = create_user(username=username, role=role, last_name=system.strip(), actor=actor)
    account = ServiceAccount(
        user=user, system=system.strip(), description=description, created_by=actor
    )
    history.save(account, actor)
    return account

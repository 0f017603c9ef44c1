"""`ouverture api schema` and `ouverture api token …`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from ouverture.api.models import ApiToken
from tests.api.conftest import ApiClient


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("api", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_schema_writes_a_valid_openapi_document(db, tmp_path):
    target = tmp_path / "openapi.json"
    _out, err = _run("schema", "--output", str(target))
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.") and "/api/v1/structures/{id}/" in schema["paths"]
    assert "Schéma OpenAPI écrit" in err


def test_token_create_prints_the_token_once_and_it_works(staff):
    out, err = _run(
        "token", "create", "--user", staff.username, "--name", "script", "--read-only",
        "--days", "7",
    )  # fmt: skip
    key = out.strip()
    token = ApiToken.objects.get(user=staff)
    assert token.read_only and token.expires_at and key.startswith(token.prefix)
    assert "il ne sera plus affiché" in err and key not in err
    assert ApiClient(key).get("/api/v1/structures/").status_code == 200
    listed, _ = _run("token", "list", "--user", staff.username)
    assert token.prefix in listed and key not in listed
    _run("token", "revoke", "--prefix", token.prefix)
    assert ApiClient(key).get("/api/v1/structures/").status_code == 401


@pytest.mark.parametrize(
    "args, message",
    [
        (["--user", "personne", "--name", "x"], "Aucun compte « personne »"),
        (["--name", " ", "--days", "3"], "Donnez un nom"),
        (["--name", "x", "--days", "0"], "entre 1 et 730 jours"),
    ],
)
def test_token_create_refuses_bad_input_and_writes_nothing(staff, args, message):
    if "--user" not in args:
        args = ["--user", staff.username, *args]
    with pytest.raises(CommandError, match=message):
        _run("token", "create", *args)
    assert not ApiToken.objects.exists()

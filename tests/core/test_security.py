"""Safety nets: French error pages in every mode, the request size bound, the health check,
the Content Security Policy, links on the request's own address."""

import io
import re
from pathlib import Path

import pytest
from django.test import Client, override_settings

from ouverture.core.links import absolute_url, base_url

ROOT = Path(__file__).resolve().parent.parent.parent
ERRORS = "tests.core.urls_errors"


class ExplodingInput(io.BytesIO):
    """A request body that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize("debug", [False, True])
def test_an_anonymous_404_is_french_and_lists_no_url(client, db, debug):
    with override_settings(DEBUG=debug):
        response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page introuvable" in body
    assert "URLconf" not in body and "structures/" not in body and "admin/" not in body


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "status, title",
    [(400, "Requête invalide"), (403, "Accès refusé"), (500, "Une erreur est survenue")],
)
def test_error_pages_are_french_in_every_mode(db, debug, status, title):
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=debug, ROOT_URLCONF=ERRORS):
        response = client.get(f"/public/test-erreur/{status}/")
    assert response.status_code == status
    body = response.content.decode()
    assert title in body
    assert "Traceback" not in body and "boom" not in body


@pytest.mark.parametrize("debug", [False, True])
def test_a_csrf_failure_is_french(db, debug):
    client = Client(enforce_csrf_checks=True)
    with override_settings(DEBUG=debug):
        response = client.post("/connexion/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()
    assert "Forbidden" not in response.content.decode()
    assert "verification failed" not in response.content.decode()


def test_an_oversized_post_to_the_login_page_is_refused_unread(client, db, settings):
    settings.OUVERTURE_MAX_REQUEST_BYTES = 1024 * 1024
    response = client.generic(
        "POST",
        "/connexion/",
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
        **{"wsgi.input": ExplodingInput()},
    )
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()
    assert "1 Mo" in response.content.decode()


def test_a_post_within_the_bound_is_read(client, db, settings):
    settings.OUVERTURE_MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post("/connexion/", {"username": "x" * 1000, "password": "y"})
    assert response.status_code == 200  # the form again, with its error


def test_request_body_limits_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.MIDDLEWARE[0] == "ouverture.core.security.RequestSizeLimitMiddleware"


def test_health_check_is_public_and_asks_the_database(client, db):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"statut": "ok", "base_de_donnees": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_says_when_the_database_does_not_answer(client, db, monkeypatch):
    from ouverture.core import security

    class FakeConnection:
        OperationalError = RuntimeError

        def cursor(self):
            raise RuntimeError("base injoignable")

    monkeypatch.setattr(security, "connection", FakeConnection())
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["statut"] == "erreur"


def test_pages_carry_a_content_security_policy_without_unsafe_scripts(client, staff):
    client.force_login(staff)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'"


def test_templates_have_no_inline_script_or_event_handler():
    """Inline scripts and on…= attributes are blocked by the CSP: use static files and
    data-confirm / data-autosubmit (static/ouverture/behaviours.js)."""
    offenders = []
    for path in (ROOT / "ouverture").rglob("*.html"):
        if "/pdf/" in str(path):
            continue  # rendered by WeasyPrint, never served to a browser
        if path.match("reports/templates/reports/document.html"):
            # The generated document itself (WeasyPrint, or the HTML file downloaded with a
            # style-src allowance, see documents.views.generation_download): no script.
            assert "<script" not in path.read_text(encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
        for match in re.finditer(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0).strip()}")
        if "<style" in text:
            offenders.append(f"{path.relative_to(ROOT)}: <style>")
    assert offenders == []


def test_links_use_the_configured_base_url(rf, settings):
    settings.OUVERTURE_BASE_URL = "https://ouverture.example.fr/"
    request = rf.get("/", HTTP_HOST="localhost:8123")
    assert absolute_url("/p/x/", request) == "https://ouverture.example.fr/p/x/"


def test_links_use_the_request_host_when_no_base_url(rf, settings):
    settings.OUVERTURE_BASE_URL = ""
    request = rf.get("/", HTTP_HOST="localhost:8123")
    assert absolute_url("/p/x/", request) == "http://localhost:8123/p/x/"


def test_links_built_during_a_request_use_its_port(rf, settings):
    """A service deep in a request (no request argument) links to the port being served."""
    from django.http import HttpResponse

    from ouverture.core.links import CurrentRequestMiddleware

    settings.OUVERTURE_BASE_URL = ""
    seen = []

    def view(request):
        seen.append(absolute_url("/p/lien/"))
        return HttpResponse()

    CurrentRequestMiddleware(view)(rf.get("/", HTTP_HOST="127.0.0.1:8765"))
    assert seen == ["http://127.0.0.1:8765/p/lien/"]


def test_links_outside_a_request_use_the_first_allowed_host(settings):
    settings.OUVERTURE_BASE_URL = ""
    settings.ALLOWED_HOSTS = [".example.fr", "ouverture.example.fr"]
    settings.SECURE_SSL_REDIRECT = True
    assert base_url() == "https://ouverture.example.fr"

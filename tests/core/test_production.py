"""The production settings and server, run as an operator would: real processes, real
environment variables (override_settings would not catch what the settings module does)."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
OUVERTURE = str(BIN / "ouverture")
GUNICORN = str(BIN / "gunicorn")


def production_env(tmp_path, **extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "ouverture.example.fr,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "OUVERTURE_VAR_DIR": str(tmp_path / "var"),
        "OUVERTURE_STATIC_ROOT": str(tmp_path / "static"),
    }
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def run(args, env, timeout=180):
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_the_command_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path, DJANGO_SECRET_KEY=None, DJANGO_SETTINGS_MODULE=None)
    result = run([OUVERTURE, "check"], env)
    assert result.returncode == 2
    assert "DJANGO_SECRET_KEY manque" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_refuses_a_short_secret_key(tmp_path):
    result = run([OUVERTURE, "check"], production_env(tmp_path, DJANGO_SECRET_KEY="court"))
    assert result.returncode == 2
    assert "trop courte" in result.stderr


def test_check_deploy_reports_no_issue(tmp_path):
    result = run(
        [OUVERTURE, "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_development_settings_keep_a_random_key_outside_the_repository(tmp_path):
    env = production_env(
        tmp_path, DJANGO_SETTINGS_MODULE="config.settings.dev", DJANGO_SECRET_KEY=None
    )
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run([OUVERTURE, "shell", "--no-imports", "-c", code], env)
    second = run([OUVERTURE, "shell", "--no-imports", "-c", code], env)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and key == second.stdout.strip()
    assert (tmp_path / "var" / "secret_key").read_text().strip() == key
    other = run(
        [OUVERTURE, "shell", "-c", code], {**env, "OUVERTURE_VAR_DIR": str(tmp_path / "v2")}
    )
    assert other.stdout.strip() != key


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path)
    result = run([OUVERTURE, "collectstatic", "--no-input", "--verbosity", "0"], env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path, env


def test_collectstatic_works_with_the_manifest_storage(collected):
    tmp_path, _ = collected
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["vendor/chartjs/chart.umd.min.js"]
    assert hashed != "vendor/chartjs/chart.umd.min.js"
    assert (tmp_path / "static" / hashed).exists()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(collected):
    tmp_path, env = collected
    port = free_port()
    env = {
        **env,
        "OUVERTURE_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "OUVERTURE_THREADS": "2",
        "DJANGO_BEHIND_PROXY": "1",
        "OUVERTURE_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    process, log = start_gunicorn(env, tmp_path / "gunicorn.log", port)
    yield port, tmp_path
    process.terminate()
    process.wait(timeout=30)
    log.close()


def start_gunicorn(env, log_path, port):
    """gunicorn with the production config, once it accepts connections on `port`."""
    log = log_path.open("w")
    process = subprocess.Popen(
        [GUNICORN, "-c", "config/gunicorn.conf.py"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, log
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail(log_path.read_text()[-3000:])


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": "ouverture.example.fr", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


HTTPS = {"X-Forwarded-Proto": "https"}


def test_the_health_check_answers_over_plain_http(server):
    port, _ = server
    response, body = get(port, "/sante/")
    assert response.status == 200
    assert json.loads(body) == {"statut": "ok", "base_de_donnees": "ok"}


def test_plain_http_is_redirected_to_https(server):
    port, _ = server
    response, _ = get(port, "/connexion/")
    assert response.status == 301
    assert response.getheader("Location") == "https://ouverture.example.fr/connexion/"


def test_the_login_page_is_served_with_csp_hsts_and_secure_cookies(server):
    port, _ = server
    response, body = get(port, "/connexion/", HTTPS)
    assert response.status == 200
    assert "Connexion" in body.decode()
    policy = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "max-age=31536000" in response.getheader("Strict-Transport-Security")
    cookie = response.getheader("Set-Cookie")
    assert "csrftoken=" in cookie and "Secure" in cookie


def test_static_files_are_served_by_whitenoise_with_hashed_names(server):
    port, tmp_path = server
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["ouverture/behaviours.js"]
    response, body = get(port, f"/static/{hashed}", HTTPS)
    assert response.status == 200
    assert b"data-confirm" in body
    assert "max-age=31536000" in response.getheader("Cache-Control")


def test_a_huge_login_post_is_refused_before_its_body_is_sent(server):
    port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /connexion/ HTTP/1.1\r\nHost: ouverture.example.fr\r\n"
            b"X-Forwarded-Proto: https\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 104857600\r\n\r\nusername=x"
        )
        answer = sock.recv(65536).decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413")
    assert "Envoi trop volumineux" in answer or "Content-Type: text/html" in answer


@pytest.fixture(scope="module")
def api_server(collected):
    """Three gunicorn workers on a migrated database, an API token, 3 requests a minute."""
    tmp_path, env = collected
    env = {
        **env,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'api.sqlite3'}",
        "OUVERTURE_API_RATE": "3/minute",
        "WEB_CONCURRENCY": "3",
        "OUVERTURE_THREADS": "1",
        "DJANGO_BEHIND_PROXY": "1",
    }
    assert run([OUVERTURE, "migrate", "--no-input", "-v", "0"], env, timeout=600).returncode == 0
    code = (
        "from ouverture.accounts.enums import Role; "
        "from ouverture.accounts.services import create_user, system_user; "
        "create_user(username='portail', role=Role.NETWORK_STAFF, actor=system_user())"
    )
    made = run([OUVERTURE, "shell", "--no-imports", "-c", code], env)
    assert made.returncode == 0, made.stderr[-2000:]
    created = run([OUVERTURE, "api", "token", "create", "--user", "portail", "--name", "t"], env)
    assert created.returncode == 0, created.stderr[-2000:]
    key = next(w for w in created.stdout.split() if w.startswith("ouv_"))
    port = free_port()
    env["OUVERTURE_BIND"] = f"127.0.0.1:{port}"
    process, log = start_gunicorn(env, tmp_path / "gunicorn-api.log", port)
    yield port, key
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_a_token_s_rate_limit_is_counted_once_for_all_workers(api_server):
    """Each request on a new connection may reach any of the three workers: they count
    together (the cache is in the database), so the 4th request in the minute is refused."""
    port, key = api_server
    headers = {**HTTPS, "Authorization": f"Bearer {key}"}
    statuses = [get(port, "/api/v1/structures/", headers)[0].status for _ in range(8)]
    assert statuses[:3] == [200, 200, 200], statuses
    assert set(statuses[3:]) == {429}, statuses

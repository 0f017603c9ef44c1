"""Load: 50 logged-in users on the production server (gunicorn on loopback) for 60 s.

Each simulated user keeps its own connection and cycles through the dashboard, the
organisation list, the coaching recap and the twinning statistics; the same users also
ask for the login page (anonymous) and a static file, the floor of the same run.
Printed: requests, errors, p50/p95/p99 per page, and each page's p95 beside the login
page's p95 (goal: within 3×, 0 errors). The database is the bench database with the
source data (and the national twinnings when bench.twinnings ran first).
BENCH_LOAD_USERS and BENCH_LOAD_SECONDS change the load.
"""

import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
GOAL = 3
PAGES = [
    ("tableau de bord", "/"),
    ("liste des structures", "/structures/"),
    ("récapitulatif 2023", "/accompagnements/?year=2023"),
    ("statistiques des jumelages", "/jumelages/statistiques/"),
]


def _sessions(count):
    """`count` network staff accounts, each with a ready session cookie."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from ouverture.accounts.enums import Role
    from ouverture.accounts.models import User
    from ouverture.accounts.services import create_user

    cookies = []
    for n in range(count):
        username = f"bench-charge-{n}"
        user = User.objects.filter(username=username).first() or create_user(
            username=username, role=Role.NETWORK_STAFF, first_name="Bench", last_name=str(n)
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"sessionid={session.session_key}")
    return cookies


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(static_root, port):
    from django.conf import settings

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # The sessions above are signed with this process's key.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY
        if len(settings.SECRET_KEY) >= 50
        else secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BEHIND_PROXY": "1",
        "OUVERTURE_STATIC_ROOT": str(static_root),
        "OUVERTURE_BIND": f"127.0.0.1:{port}",
        "OUVERTURE_ACCESS_LOG": os.devnull,
        "OUVERTURE_LOG_LEVEL": "warning",
    }


def _start_server(env, port):
    subprocess.run(
        [str(BIN / "ouverture"), "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py"], cwd=ROOT, env=env
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn ne démarre pas (voir ci-dessus).") from None
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn ne répond pas au bout de 120 s.")


def _user_loop(port, cookie, targets, stop, results, errors):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = 0
    while not stop.is_set():
        name, path, with_cookie = targets[i % len(targets)]
        i += 1
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
        if with_cookie:
            headers["Cookie"] = cookie
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        elapsed = time.perf_counter() - start
        results[name].append(elapsed)
        if not ok:
            errors[name] += 1
    connection.close()


def _percentile(values, q):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run(report):
    from django.core.management import call_command

    call_command("load_source_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    cookies = _sessions(USERS)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="ouverture-bench-static-") as static_root:
        env = _server_env(static_root, port)
        process = _start_server(env, port)
        try:
            manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
            static = "/static/" + manifest["paths"]["ouverture/ouverture.css"]
            targets = [(name, path, True) for name, path in PAGES] + [
                ("page de connexion (plancher)", "/connexion/", False),
                ("fichier statique (plancher)", static, False),
            ]
            results = {name: [] for name, _, _ in targets}
            errors = dict.fromkeys(results, 0)
            stop = threading.Event()
            threads = []
            for n, cookie in enumerate(cookies):
                # Each user starts at a different page, so every page is always under load.
                rotated = targets[n % len(targets) :] + targets[: n % len(targets)]
                thread = threading.Thread(
                    target=_user_loop, args=(port, cookie, rotated, stop, results, errors)
                )
                thread.start()
                threads.append(thread)
            time.sleep(SECONDS)
            stop.set()
            for thread in threads:
                thread.join()
        finally:
            process.terminate()
            process.wait(timeout=60)
    floor = _percentile(sorted(results["page de connexion (plancher)"]), 95)
    workers = env.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 9)
    print(
        f"   {USERS} utilisateurs, {SECONDS:.0f} s, gunicorn {workers} processus × "
        f"{env.get('OUVERTURE_THREADS', '4')} fils ; requêtes, erreurs, p50 / p95 / p99 :",
        flush=True,
    )
    for name, values in results.items():
        values.sort()
        p50, p95, p99 = (_percentile(values, q) for q in (50, 95, 99))
        print(
            f"   {name:32} {len(values):6} req. {errors[name]:4} err.   "
            f"{p50 * 1000:8.1f} / {p95 * 1000:8.1f} / {p99 * 1000:8.1f} ms",
            flush=True,
        )
    for name, _ in PAGES:
        p95 = _percentile(results[name], 95)
        suffix = f" ({errors[name]} erreurs)" if errors[name] else ""
        report(f"charge p95 : {name}{suffix}", p95, floor=floor, goal=GOAL)
    report(
        "charge p95 : fichier statique",
        _percentile(results["fichier statique (plancher)"], 95),
        floor=floor,
    )

"""Gunicorn, the production HTTP server (`make serve`, Procfile `web`).

Every value can be changed from the environment; docs/DEPLOY.md lists them.
"""

import multiprocessing
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

wsgi_app = "config.wsgi:application"
bind = os.environ.get("OUVERTURE_BIND", "127.0.0.1:8000")
# Sync workers with a few threads: requests are short database round trips.
workers = int(os.environ.get("WEB_CONCURRENCY", str(min(2 * multiprocessing.cpu_count() + 1, 9))))
threads = int(os.environ.get("OUVERTURE_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("OUVERTURE_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then: memory held by a big export is given back.
max_requests = 2000
max_requests_jitter = 200
# Proxies whose X-Forwarded-* headers are trusted (the proxy in front, on loopback by default).
forwarded_allow_ips = os.environ.get("OUVERTURE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Request line and headers bounded (bodies are bounded by the application).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("OUVERTURE_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("OUVERTURE_LOG_LEVEL", "info")
# No runtime control socket (~/.gunicorn/gunicorn.ctl): one less way in, and several
# servers on one machine (tests, bench) do not fight over it. Signals still work.
control_socket_disable = True
# Load the application once in the master: a configuration error stops the start-up
# with its French message instead of looping over failing workers.
preload_app = True


def on_starting(server):
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - imports the settings module now
    except ImproperlyConfigured as error:
        sys.stderr.write(f"ouverture : {error}\n")
        sys.exit(2)

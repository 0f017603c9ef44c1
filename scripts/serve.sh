#!/usr/bin/env bash
# Production serving on one machine: static files collected, migrations applied, then the
# task worker in the background and gunicorn in the foreground; stopping one stops both.
# Several machines: run `gunicorn -c config/gunicorn.conf.py` on each and one or more
# `ouverture db_worker` anywhere (docs/DEPLOY.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.production}"
OUV=.venv/bin/ouverture
$OUV check --deploy --fail-level WARNING >/dev/null
$OUV collectstatic --no-input --verbosity 0
$OUV migrate --no-input --verbosity 0
$OUV db_worker --no-startup-delay &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true' EXIT
.venv/bin/gunicorn -c config/gunicorn.conf.py &
WEB=$!
trap 'kill "$WEB" "$WORKER" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM
# Whichever stops first (a crash, a signal) stops the other.
wait -n "$WEB" "$WORKER"

#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on a throwaway PostgreSQL 15 cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_ALLOW_ASYNC_UNSAFE=true
PYTEST=(.venv/bin/pytest -n "${PYTEST_WORKERS:-2}" --durations=10 "${@:2}")

# Each phase prints how long it took (and the whole run at the end).
PHASE="" PHASE_START=$SECONDS
phase() {
  [ -n "$PHASE" ] && echo "   durée : $((SECONDS - PHASE_START)) s ($PHASE)"
  PHASE="$1" PHASE_START=$SECONDS
  [ -n "$1" ] && echo "== $1"
  return 0
}
trap 'phase ""; echo "== Durée totale : ${SECONDS} s"' EXIT

phase "Qualité : ruff, contrats d'import, migrations à jour"
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { echo "Code non formaté : lancez « .venv/bin/ruff format . »." >&2; exit 1; }
.venv/bin/lint-imports --no-cache >/dev/null
DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/ouverture makemigrations --check --dry-run >/dev/null \
  || { echo "Des migrations manquent : lancez « .venv/bin/ouverture makemigrations »." >&2; exit 1; }
# The API's OpenAPI document, generated and validated (tests/api checks it against the app).
DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/ouverture api schema --output "${TMPDIR:-/tmp}/ouverture-openapi.json"

phase "Tests sur SQLite"
env -u DATABASE_URL "${PYTEST[@]}"

[ "${1:-}" = "--sqlite-only" ] && exit 0

phase "Tests sur PostgreSQL 15 (grappe jetable)"
source scripts/pg-cluster.sh
pg_cluster_start
trap 'pg_cluster_stop; phase ""; echo "== Durée totale : ${SECONDS} s"' EXIT
# Browser tests drive the screens: they run once, in the SQLite phase (deselected here,
# never skipped); every database behaviour is in the unit suite, which runs on both.
DATABASE_URL="$PG_URL" "${PYTEST[@]}" -m "not e2e"

#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on a throwaway PostgreSQL 15 cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_ALLOW_ASYNC_UNSAFE=true
PYTEST=(.venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "${@:2}")

echo "== Qualité : ruff, contrats d'import, migrations à jour"
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { echo "Code non formaté : lancez « .venv/bin/ruff format . »." >&2; exit 1; }
.venv/bin/lint-imports --no-cache >/dev/null
DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/ouverture makemigrations --check --dry-run >/dev/null \
  || { echo "Des migrations manquent : lancez « .venv/bin/ouverture makemigrations »." >&2; exit 1; }

echo "== Tests sur SQLite"
env -u DATABASE_URL "${PYTEST[@]}"

[ "${1:-}" = "--sqlite-only" ] && exit 0

echo "== Tests sur PostgreSQL 15 (grappe jetable)"
source scripts/pg-cluster.sh
pg_cluster_start
trap pg_cluster_stop EXIT
DATABASE_URL="$PG_URL" "${PYTEST[@]}"

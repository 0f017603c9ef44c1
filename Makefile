# Two commands for a newcomer: `make run` and `make test` (see README.md).
SHELL := /bin/bash
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3.11
UV := .tools/bin/uv
PY := .venv/bin/python
OUV := .venv/bin/ouverture

.PHONY: run setup serve test test-sqlite test-postgres bench bench-pg quality env system-deps-run system-deps-test

# `ouverture` reads its settings from DJANGO_SETTINGS_MODULE (production when unset):
# the development targets choose the development settings, unless you chose otherwise.
run setup: export DJANGO_SETTINGS_MODULE ?= config.settings.dev
quality: export DJANGO_SETTINGS_MODULE ?= config.settings.test

run: setup ## install, migrate, load the source data, serve on http://127.0.0.1:8000
	$(OUV) runserver 127.0.0.1:8000

setup: system-deps-run env ## the same set-up as `run`, without serving
	$(OUV) migrate --no-input
	$(OUV) load_source_data
	$(OUV) create_demo_users

serve: system-deps-run env ## production: gunicorn and the task worker (needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL; docs/DEPLOY.md)
	scripts/serve.sh

test: system-deps-test env ## the whole suite on SQLite, then on a throwaway PostgreSQL cluster
	scripts/test.sh

test-sqlite: env
	scripts/test.sh --sqlite-only

bench: system-deps-run env ## national-scale benchmarks, printed beside their floor (BENCH_SCALE=0.1 for a quick run)
	$(PY) -m bench

bench-pg: system-deps-test env ## the same benchmarks on a throwaway PostgreSQL 15 cluster
	source scripts/pg-cluster.sh && pg_cluster_start && trap pg_cluster_stop EXIT && BENCH_DATABASE_URL="$$PG_URL" $(PY) -m bench $(BENCH_ARGS)

quality: env ## lint, import contracts, migrations up to date
	.venv/bin/ruff check .
	.venv/bin/lint-imports
	$(OUV) makemigrations --check --dry-run

env: $(UV)
	$(UV) sync --frozen
	@# The project's own bytecode (uv compiles the libraries; PYTHONDONTWRITEBYTECODE may be set).
	$(PY) -m compileall -q ouverture config >/dev/null

$(UV):
	python3.11 -m venv .tools
	.tools/bin/pip install --quiet 'uv>=0.5'

# System packages: WeasyPrint needs Pango, HarfBuzz subset and a font; the test
# suite also needs PostgreSQL 15 and Debian's Chromium.
system-deps-run:
	scripts/system-deps.sh libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

system-deps-test:
	scripts/system-deps.sh libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core postgresql chromium

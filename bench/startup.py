"""Démarrage : `ouverture recap --year 2023` sur les données source, à côté de django.setup().

Both sides are fresh Python processes, alternated over the rounds: the floor imports
Django and runs `django.setup()` (settings, every app's models and ready()); the
operation runs the whole command (`python -m ouverture recap --year 2023 --output
/dev/null`) on a database holding the source data only (var/bench-source.sqlite3,
migrated and loaded once, not timed). Goal: the command within 0.5 s of the setup.
"""

import os
import subprocess
import sys

from bench.__main__ import ROOT

SOURCE_DB = ROOT / "var" / "bench-source.sqlite3"


def _env():
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{SOURCE_DB}"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    return env


def _run(*args):
    subprocess.run([sys.executable, *args], cwd=ROOT, env=_env(), check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def _prepare():
    marker = SOURCE_DB.with_suffix(".ready")
    if marker.exists() and SOURCE_DB.exists():
        return
    SOURCE_DB.unlink(missing_ok=True)
    _run("-m", "ouverture", "migrate", "--no-input", "-v", "0")
    _run("-m", "ouverture", "load_source_data")
    marker.touch()


def run(report):
    _prepare()
    report.compare(
        "ouverture recap --year 2023 (données source)",
        lambda: _run("-m", "ouverture", "recap", "--year", "2023", "--output", os.devnull),
        lambda: _run("-c", "import django; django.setup()"),
        floor_name="django.setup()",
        difference_goal=0.5,
    )

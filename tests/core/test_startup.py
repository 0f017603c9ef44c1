"""Start-up does nothing heavy: charts, spreadsheets and PDF libraries load where they are used."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HEAVY = ["matplotlib", "numpy", "openpyxl", "weasyprint", "docx", "docxtpl", "pandas"]

SCRIPT = """
import json, sys
import django
django.setup()
loaded = {"setup": [m for m in HEAVY if m in sys.modules]}
# What `ouverture recap --year 2023` (JSON) imports before it queries.
import ouverture.coaching.management.commands.recap  # noqa
import ouverture.coaching.recap  # noqa
loaded["recap"] = [m for m in HEAVY if m in sys.modules]
# The command as the shell runs it (system checks included), on an empty in-memory database.
import os
from django.conf import settings
from django.core.management import call_command, execute_from_command_line
settings.MIGRATION_MODULES = {app.label: None for app in django.apps.apps.get_app_configs()}
call_command("migrate", run_syncdb=True, verbosity=0)
execute_from_command_line(["ouverture", "recap", "--year", "2023", "--output", os.devnull])
loaded["command"] = [m for m in HEAVY if m in sys.modules]
print(json.dumps(loaded))
"""


def test_django_setup_and_the_recap_command_load_no_chart_spreadsheet_or_pdf_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env["DATABASE_URL"] = "sqlite:///:memory:"
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{SCRIPT}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"setup": [], "recap": [], "command": []}

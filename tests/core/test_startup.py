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
print(json.dumps(loaded))
"""


def test_django_setup_and_the_recap_command_load_no_chart_spreadsheet_or_pdf_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{SCRIPT}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"setup": [], "recap": []}

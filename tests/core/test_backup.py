"""`ouverture backup` / `ouverture restore`: a backup restored into an empty database gives
back the same recap, agreement, events summary and twinning statistics, byte for byte,
and the same uploaded files. Run as an operator would, in separate processes."""

import io
import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent.parent
OUVERTURE = str(Path(sys.executable).parent / "ouverture")
OUTPUTS = [
    ["recap", "--year", "2023", "--format", "json"],
    ["agreement", "show", "CD62-LIANES-2024"],
    ["agreement", "show", "CD62-LIANES-2024", "--format", "json"],
    ["events", "summary", "--year", "2023", "--format", "json"],
    ["twinnings", "stats", "--format", "json"],
]


def ouverture(args, *, database_url, home, timeout=600):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "OUVERTURE_VAR_DIR": str(home / "var"),
        "OUVERTURE_MEDIA_ROOT": str(home / "media"),
    }
    result = subprocess.run(
        [OUVERTURE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (args, result.stderr.decode()[-3000:])
    return result.stdout


# The suite's own database is the source; the restore goes into a new SQLite file, and on
# the PostgreSQL pass of `make test` also into a new PostgreSQL database.
TARGETS = ["sqlite"] + (
    ["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else []
)

PRINT_OUTPUTS = (
    "import io, json\n"
    "from django.core.management import call_command\n"
    "outputs = []\n"
    "for args in json.loads(ARGS):\n"
    "    out = io.StringIO()\n"
    "    call_command(*args, stdout=out)\n"
    "    outputs.append(out.getvalue())\n"
    "print(json.dumps(outputs))\n"
)


@pytest.fixture(params=TARGETS)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"ouv_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{url.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def outputs_here():
    outputs = []
    for args in OUTPUTS:
        out = io.StringIO()
        call_command(*args, stdout=out)
        outputs.append(out.getvalue())
    return outputs


def test_a_restored_backup_gives_the_same_figures_and_files(
    source_data, empty_database, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "source-media")
    upload = Path(settings.MEDIA_ROOT) / "pieces" / "convention signée.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 une piece deposee\n" * 100)
    before = outputs_here()
    assert all(before), "every command prints something"

    archive = tmp_path / "sauvegarde.zip"
    # The suite builds its databases from the models (--no-migrations): the backup then
    # records every migration of the code, which is what that schema is.
    settings.MIGRATION_MODULES = {}
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with zipfile.ZipFile(archive) as content:
        assert "manifest.json" in content.namelist()
        assert "media/pieces/convention signée.pdf" in content.namelist()

    home = tmp_path / "target"
    (home / "media").mkdir(parents=True)
    printed = ouverture(["restore", str(archive)], database_url=empty_database, home=home)
    assert "restaurés" in printed.decode()
    after = json.loads(
        ouverture(
            ["shell", "--no-imports", "-c", f"ARGS = {json.dumps(OUTPUTS)!r}\n" + PRINT_OUTPUTS],
            database_url=empty_database,
            home=home,
        )
    )
    for args, old, new in zip(OUTPUTS, before, after, strict=True):
        assert new == old, " ".join(args)
    restored = home / "media" / "pieces" / "convention signée.pdf"
    assert restored.read_bytes() == upload.read_bytes()


def test_restore_refuses_a_database_that_is_not_empty(db, tmp_path, staff, settings):
    archive = tmp_path / "sauvegarde.zip"
    # The suite builds its databases from the models (--no-migrations): the backup then
    # records every migration of the code, which is what that schema is.
    settings.MIGRATION_MODULES = {}
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="n'est pas vide"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("bonjour")
    with pytest.raises(CommandError, match="pas une sauvegarde lisible"):
        call_command("restore", str(not_zip), stdout=io.StringIO())
    other_zip = tmp_path / "autre.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "rien")
    with pytest.raises(CommandError, match="pas une sauvegarde d'Ouverture"):
        call_command("restore", str(other_zip), stdout=io.StringIO())


def test_restore_refuses_a_path_outside_the_media_folder(db, tmp_path, settings):
    archive = tmp_path / "piege.zip"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with zipfile.ZipFile(archive, "a") as content:
        content.writestr("media/../../evade.txt", "non")
    from ouverture.core.backup import BackupError, _restore_media

    settings.MEDIA_ROOT = str(tmp_path / "media")
    with zipfile.ZipFile(archive) as content, pytest.raises(BackupError, match="refusé"):
        _restore_media(content)
    assert not (tmp_path / "evade.txt").exists()


def test_the_restore_check_knows_the_system_account_by_its_name():
    # core.backup cannot import accounts (layers): it names the system account itself.
    from ouverture.accounts.services import SYSTEM_USERNAME
    from ouverture.core import backup

    source = Path(backup.__file__).read_text(encoding="utf-8")
    assert f'exclude(username="{SYSTEM_USERNAME}")' in source

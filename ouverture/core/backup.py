"""Backups: the whole database and the uploaded files (MEDIA_ROOT) in one zip file.

The database is written model by model as JSON lines with its primary keys, so a
restore gives back exactly the same rows (ids, history, reference tables), on SQLite
or PostgreSQL alike, and a SQLite backup restores into PostgreSQL. Layout:

    manifest.json              format, date, Django version, applied migrations, counts
    data/<app>.<model>.jsonl   one serialised row a line (django.core.serializers "jsonl")
    media/<path>               the uploaded files

A restore goes into an empty database (no account but the system one): it migrates the
schema to the backup's migrations, empties the tables, loads every row (constraints are
checked once at the end), resets the sequences, copies the files, then migrates forward
to the code's migrations (restoring an older backup is an upgrade).
"""

import io
import json
import shutil
import zipfile
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from ouverture.core.wording import plural

FORMAT = "ouverture-backup"
VERSION = 1
BATCH = 1000
# Not kept: sessions (everybody logs in again after a restore).
SKIPPED = {"sessions.session"}


class BackupError(Exception):
    """A backup that cannot be written or restored; the message is for a person, in French."""


def _models():
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in SKIPPED:
            continue
        yield model


def _applied_migrations(connection):
    recorder = MigrationRecorder(connection)
    applied = recorder.applied_migrations() if recorder.has_table() else {}
    if not applied:
        # A schema built from the models without migrations (the test suite's databases):
        # it is the schema of every migration the code has.
        applied = MigrationExecutor(connection).loader.graph.nodes
    return sorted([app, name] for app, name in applied)


def write_backup(output, *, using=DEFAULT_DB_ALIAS, log=lambda message: None):
    """Writes the backup zip to `output` (a path); returns the manifest."""
    connection = connections[using]
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    counts = {}
    media_root = Path(settings.MEDIA_ROOT)
    media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    temporary = output.with_name(output.name + ".partiel")
    # One read transaction: every table as of the same moment (REPEATABLE READ on PostgreSQL).
    top_level = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and top_level:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            for model in _models():
                queryset = model._base_manager.using(using).order_by("pk")
                name = f"data/{model._meta.label_lower}.jsonl"
                with archive.open(name, "w", force_zip64=True) as raw:
                    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
                    count = 0

                    def rows(queryset=queryset):
                        nonlocal count
                        for row in queryset.iterator(chunk_size=BATCH):
                            count += 1
                            yield row

                    serializers.serialize("jsonl", rows(), stream=stream)
                    stream.flush()
                    stream.detach()
                counts[model._meta.label_lower] = count
            for path in media:
                archive.write(path, f"media/{path.relative_to(media_root).as_posix()}")
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": timezone.now().isoformat(),
                "django": django.get_version(),
                "database": connection.vendor,
                "migrations": _applied_migrations(connection),
                "rows": counts,
                "media_files": len(media),
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    temporary.replace(output)
    log(f"{sum(counts.values())} lignes et {len(media)} fichiers enregistrés dans {output}.")
    return manifest


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(
            "Ce fichier n'est pas une sauvegarde d'Ouverture (manifest.json absent ou illisible)."
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"Format de sauvegarde inconnu ({manifest.get('format')} "
            f"version {manifest.get('version')}) : attendu {FORMAT} version {VERSION}."
        )
    return manifest


def _check_empty(connection):
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    table = user_model._meta.db_table
    if table not in connection.introspection.table_names():
        return
    # The system account (accounts.services.SYSTEM_USERNAME) is made by migrate: not a sign of use.
    others = user_model._base_manager.using(connection.alias).exclude(username="ouverture")
    if accounts := others.count():
        raise BackupError(
            f"La base de données n'est pas vide ({accounts} {plural('compte', accounts)} utilisateur) : "
            "une restauration remplace tout son contenu. Restaurez dans une base neuve "
            "(créez-la vide, ou supprimez le fichier SQLite), puis relancez."
        )


def _migrate_to(connection, migrations):
    """Brings the schema to exactly the backup's migrations (forward from an empty database)."""
    executor = MigrationExecutor(connection)
    known = set(executor.loader.graph.nodes)
    wanted = {tuple(item) for item in migrations}
    unknown = sorted(wanted - known)
    if unknown:
        raise BackupError(
            "La sauvegarde vient d'une version plus récente d'Ouverture (migrations inconnues : "
            + ", ".join(f"{app}.{name}" for app, name in unknown[:5])
            + ") : installez cette version, puis restaurez."
        )
    leaves = {}
    for app, name in wanted:
        leaves.setdefault(app, set()).add(name)
    targets = []
    for app, names in leaves.items():
        for name in names:
            # Keep only the latest applied migration of each branch.
            children = executor.loader.graph.node_map[(app, name)].children
            if not any(child[0] == app and child[1] in names for child in children):
                targets.append((app, name))
    plan = executor.migration_plan(targets)
    executor.migrate(targets, plan=plan)


def restore_backup(path, *, using=DEFAULT_DB_ALIAS, log=lambda message: None):
    """Restores `path` into the (empty) database `using` and MEDIA_ROOT; returns the manifest."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"Fichier introuvable : {path}.")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise BackupError(
            f"{path} n'est pas une sauvegarde lisible (archive zip attendue)."
        ) from error
    with archive:
        manifest = read_manifest(archive)
        connection = connections[using]
        _check_empty(connection)
        _migrate_to(connection, manifest["migrations"])
        call_command(
            "flush", database=using, interactive=False, inhibit_post_migrate=True, verbosity=0
        )
        loaded = _load_rows(archive, connection)
        _restore_media(archive)
        call_command("migrate", database=using, interactive=False, verbosity=0)
    log(f"{loaded} lignes et {manifest['media_files']} fichiers restaurés depuis {path}.")
    return manifest


def _load_rows(archive, connection):
    names = sorted(n for n in archive.namelist() if n.startswith("data/") and n.endswith(".jsonl"))
    loaded = 0
    restored_models = []
    with transaction.atomic(using=connection.alias):
        with connection.constraint_checks_disabled():
            for name in names:
                label = PurePosixPath(name).stem
                try:
                    model = apps.get_model(label)
                except LookupError as error:
                    raise BackupError(
                        f"La sauvegarde contient la table « {label} » que cette version ne connaît pas."
                    ) from error
                restored_models.append(model)
                with archive.open(name) as raw:
                    stream = io.TextIOWrapper(raw, encoding="utf-8")
                    loaded += _load_model_rows(model, stream, connection.alias)
        # Every foreign key checked once, now that all rows are in.
        connection.check_constraints(table_names=[m._meta.db_table for m in restored_models])
        statements = connection.ops.sequence_reset_sql(no_style(), restored_models)
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    return loaded


def _load_model_rows(model, stream, using):
    batch, m2m, count = [], [], 0
    for item in serializers.deserialize("jsonl", stream, using=using):
        batch.append(item.object)
        if item.m2m_data:
            m2m.append((item.object.pk, item.m2m_data))
        count += 1
        if len(batch) >= BATCH:
            model._base_manager.using(using).bulk_create(batch)
            batch = []
    if batch:
        model._base_manager.using(using).bulk_create(batch)
    for field_name, rows in _m2m_rows(model, m2m).items():
        through = model._meta.get_field(field_name).remote_field.through
        through._base_manager.using(using).bulk_create(rows, batch_size=BATCH)
    return count


def _m2m_rows(model, m2m):
    by_field = {}
    for pk, data in m2m:
        for field_name, targets in data.items():
            field = model._meta.get_field(field_name)
            through = field.remote_field.through
            source = field.m2m_field_name() + "_id"
            target = field.m2m_reverse_field_name() + "_id"
            by_field.setdefault(field_name, []).extend(
                through(**{source: pk, target: value}) for value in targets
            )
    return by_field


def _restore_media(archive):
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for name in archive.namelist():
        if not name.startswith("media/") or name.endswith("/"):
            continue
        relative = PurePosixPath(name[len("media/") :])
        target = (media_root / Path(*relative.parts)).resolve()
        if media_root not in target.parents:
            raise BackupError(f"Chemin de fichier refusé dans la sauvegarde : {name}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(name) as source, target.open("wb") as destination:
            shutil.copyfileobj(source, destination)

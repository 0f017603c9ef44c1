"""The table of a database cache (production settings: the rate limits' counts), created
by `migrate` so no operator has to remember `createcachetable`. Nothing when the settings
keep the cache in memory (development, tests); `createcachetable` skips an existing table."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_import_job")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]

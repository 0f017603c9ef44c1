"""Data check: every organisation's stored name keys (search_name, sort_name) agree with its
names. Every write path computes them (Organisation.fill_name_keys, through save() and the
bulk paths of OrganisationQuerySet) and migration 0003 filled the rows that predate
sort_name; this check finds a row written some other way (raw SQL, a restored backup
edited by hand). Run it with `ouverture check --deploy --database default`."""

from django.core import checks
from django.db import connections

from ouverture.core.wording import plural

SHOWN = 5


@checks.register(checks.Tags.database, deploy=True)
def name_keys_in_sync(app_configs=None, databases=None, **kwargs):
    from ouverture.organisations.models import Organisation

    errors = []
    table = Organisation._meta.db_table
    for alias in databases or ():
        connection = connections[alias]
        with connection.cursor() as cursor:
            if table not in connection.introspection.table_names(cursor):
                continue  # not migrated yet
        stale = [
            organisation
            for organisation in Organisation.objects.using(alias)
            .only("pk", "name", "usual_name", "search_name", "sort_name")
            .order_by("pk")
            .iterator(chunk_size=2000)
            if not organisation.name_keys_in_sync
        ]
        if stale:
            names = ", ".join(f"« {o.name} » (n° {o.pk})" for o in stale[:SHOWN])
            others = len(stale) - SHOWN
            more = f" et {others} {plural('autre', others)}" if others > 0 else ""
            one = len(stale) == 1
            errors.append(
                checks.Error(
                    f"{len(stale)} {'structure a' if one else 'structures ont'} une clé de tri "
                    f"ou de recherche qui ne correspond plus à {'son' if one else 'leur'} nom : "
                    f"{names}{more}. Le bilan des accompagnements "
                    f"{'la' if one else 'les'} classerait mal.",
                    hint='Recalculez les clés : ouverture shell -c "from '
                    "ouverture.organisations.services import refresh_name_keys; "
                    'refresh_name_keys()"',
                    obj=f"base « {alias} »",
                    id="organisations.E001",
                )
            )
    return errors

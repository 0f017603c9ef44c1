"""Bulk inserts on the database's own bulk path, history rows included.

Django's `bulk_create` (and simple_history's `bulk_create_with_history`) prepares
every value of every row through the field machinery and builds model instances
for the history: about 1.6 s of Python for the 33 000 rows a national twinning
file writes, for 0.2 s of database work. `Writer.create()` writes the same rows
with the statements the bench's floor uses:

- primary keys reserved first (PostgreSQL: the table's sequence; SQLite: after the
  table's highest id and its AUTOINCREMENT counter, read under the transaction's
  write lock, so a concurrent writer cannot take them), so that children can point
  to their parents before anything is written;
- plain tuples, converted once per column (dates, JSON), then one `executemany`
  (SQLite) or one `COPY … FROM STDIN` (PostgreSQL) per table;
- one history row per record (django-simple-history's historical table), with the
  acting user, the reason and one date, in the same way.

Rows are dicts of attribute names (`agreement_id`, not `agreement`); a column not
given takes the field's default; `auto_now` / `auto_now_add` columns take the
writer's time, as `save()` would. No signal is sent, as with `bulk_create`.
It must run inside the caller's transaction (all rows or none).
"""

import contextlib
import gc
import json
from operator import itemgetter

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

_PLAIN = (
    models.CharField, models.TextField, models.IntegerField, models.BooleanField,
    models.ForeignKey, models.AutoField, models.BigAutoField, models.SmallIntegerField,
)  # fmt: skip
_HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type",
                "history_user_id"}  # fmt: skip


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection while a file is planned and written: an import
    allocates hundreds of thousands of small objects (rows, reports, keys) that live
    until its end, and each full collection would walk all of them again (half the
    import's time on a national file). Reference counting still frees what is
    dropped; the collector runs again, as before, when the import ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _converter(field, vendor):
    """A function for the column's non-null values, or None when they go as they are."""
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: json.dumps(value, cls=encoder)
    if isinstance(field, models.DateTimeField):
        if vendor == "sqlite":
            return connection.ops.adapt_datetimefield_value
        return None
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value if vendor == "sqlite" else None
    if isinstance(field, _PLAIN):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


class Writer:
    def __init__(self, *, actor, reason="", now=None):
        self.actor_id = actor.pk if actor is not None else None
        self.reason = (reason or "")[:100]
        self.now = now or timezone.now()
        self.vendor = connection.vendor

    # Primary keys -------------------------------------------------------------

    def reserve_ids(self, model, count):
        if not count:
            return []
        table = model._meta.db_table
        column = model._meta.pk.column
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, column, count],
                )
                return sorted(row[0] for row in cursor.fetchall())
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {quoted}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            found = cursor.fetchone()
            start = max(highest, found[0] if found else 0)
        return list(range(start + 1, start + count + 1))

    # Rows ---------------------------------------------------------------------

    def _layout(self, model):
        """(attnames, defaults, converters, auto-time attnames) of the model's columns."""
        fields = model._meta.concrete_fields
        defaults, converters, times = {}, [], []
        for f in fields:
            if f.primary_key:
                continue
            convert = _converter(f, self.vendor)
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                times.append(f.attname)
                defaults[f.attname] = None
            else:
                default = f.get_default()
                defaults[f.attname] = (
                    convert(default) if convert and default is not None else default
                )
            if convert:
                converters.append((f.attname, convert))
        return [f.attname for f in fields], defaults, converters, times

    def _insert(self, table, columns, tuples):
        if not tuples:
            return
        quoted_table = connection.ops.quote_name(table)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # psycopg's copy() is not wrapped by Django: its errors are translated here
                # (a unique key taken meanwhile is an IntegrityError, as with bulk_create).
                with (
                    connection.wrap_database_errors,
                    cursor.copy(f"COPY {quoted_table} ({quoted}) FROM STDIN") as copy,
                ):
                    for values in tuples:
                        copy.write_row(values)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {quoted_table} ({quoted}) VALUES ({marks})", tuples
                )

    def create(self, model, rows, *, history=True):
        """Inserts the rows (dicts), sets each one's primary key under its attname,
        and writes their history rows. Returns the rows."""
        if not rows:
            return rows
        assert transaction.get_connection().in_atomic_block, "Writer.create hors transaction"
        attnames, defaults, converters, times = self._layout(model)
        pk = model._meta.pk.attname
        ids = self.reserve_ids(model, len(rows))
        now = self.now
        stamp = dict.fromkeys(times, now)
        for name, convert in converters:
            if name in stamp:
                stamp[name] = convert(now)
        full_rows = []
        for row, pk_value in zip(rows, ids, strict=True):
            row[pk] = pk_value
            full = {**defaults, **row, **stamp}
            for name, convert in converters:
                if name in row and name not in stamp:
                    value = full[name]
                    if value is not None:
                        full[name] = convert(value)
            full_rows.append(full)
        getter = itemgetter(*attnames)
        self._insert(model._meta.db_table, attnames, [getter(f) for f in full_rows])
        if history and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            self._history(model, full_rows)
        return rows

    def _history(self, model, full_rows):
        historical = model.history.model
        tracked = {f.attname for f in historical.tracked_fields}
        own = {f.attname for f in historical._meta.concrete_fields}
        unknown = own - tracked - _HISTORY_OWN
        assert not unknown, f"colonnes d'historique inconnues : {sorted(unknown)}"
        columns = [f.attname for f in historical._meta.concrete_fields
                   if f.attname in tracked]  # fmt: skip
        date = self.now
        if self.vendor == "sqlite":
            date = connection.ops.adapt_datetimefield_value(date)
        extra = (date, self.reason, "+", self.actor_id)
        getter = itemgetter(*columns)
        tuples = [(*getter(full), *extra) for full in full_rows]
        columns = [*columns, "history_date", "history_change_reason", "history_type",
                   "history_user_id"]  # fmt: skip
        self._insert(historical._meta.db_table, columns, tuples)

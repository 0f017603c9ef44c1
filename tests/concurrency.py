"""Two requests at once, on two real database connections (PostgreSQL).

`race(first, second)` runs `first` inside a transaction on one connection and, before
that transaction commits, starts `second` on another connection (a thread of its own),
then waits until `second` is either blocked on a lock held by `first` or finished.
Only then does `first` commit. So the interleaving is the dangerous one every time,
whatever the machine's speed: without a lock, `second` reads the rows as they were
before `first` and finishes; with the lock, it waits and then sees `first`'s work.

Returns (result or exception of first, result or exception of second).
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

# Two real connections need PostgreSQL: these tests run in the PostgreSQL phase of
# `make test` and are deselected (not skipped) in the SQLite phase (tests/conftest.py).
postgresql_only = pytest.mark.postgresql

WAIT_LIMIT = 60  # seconds: only reached when something is broken


def _blocked_backends(own_pid):
    with connection.cursor() as cursor:
        # The activity view is a snapshot kept for the transaction: take a fresh one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> %s",
            [own_pid],
        )
        return cursor.fetchone()[0]


def race(first, second):
    outcome = {}
    start_second = threading.Event()
    second_done = threading.Event()

    def run_second():
        start_second.wait(WAIT_LIMIT)
        try:
            outcome["second"] = second()
        except Exception as error:  # the refusal is the expected outcome of some races
            outcome["second"] = error
        finally:
            second_done.set()
            connections.close_all()

    thread = threading.Thread(target=run_second)
    thread.start()
    try:
        with transaction.atomic():
            try:
                outcome["first"] = first()
            except Exception as error:
                outcome["first"] = error
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                own_pid = cursor.fetchone()[0]
            start_second.set()
            deadline = time.monotonic() + WAIT_LIMIT
            while not second_done.is_set() and not _blocked_backends(own_pid):
                if time.monotonic() > deadline:
                    raise AssertionError("the second request neither finished nor waited")
                time.sleep(0.01)
    finally:
        start_second.set()
        thread.join(WAIT_LIMIT)
    return outcome["first"], outcome["second"]

"""Demo accounts: one per role, random passwords printed once, no superuser, development only."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from ouverture.accounts.models import User
from ouverture.organisations.management.commands.create_demo_users import (
    DEMO,
    LEGACY_PASSWORD,
)


def run(*args):
    out = io.StringIO()
    call_command("create_demo_users", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output):
    return dict(re.findall(r"^\s+.+?\s{2,}(\S+)\s+(\S+)$", output, flags=re.M))


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_each_role_gets_its_own_random_password(db, debug):
    first = printed_passwords(run())
    assert set(first) == {username for username, *_ in DEMO}
    assert len(set(first.values())) == len(DEMO)
    for username, password in first.items():
        user = User.objects.get(username=username)
        assert user.check_password(password)
        assert not user.check_password(LEGACY_PASSWORD)
        assert not user.is_superuser and not user.is_staff


def test_passwords_differ_between_set_ups(db, debug):
    first = printed_passwords(run())
    User.objects.filter(username__in=first).delete()
    second = printed_passwords(run())
    assert all(first[name] != second[name] for name in first)


def test_a_second_run_prints_no_password_and_keeps_them(db, debug):
    first = printed_passwords(run())
    again = printed_passwords(run())
    assert set(again.values()) == {"(inchangé)"}
    assert User.objects.get(username="charge").check_password(first["charge"])
    reset = printed_passwords(run("--reset"))
    assert User.objects.get(username="charge").check_password(reset["charge"])
    assert reset["charge"] != first["charge"]


def test_an_account_left_with_the_old_committed_password_gets_a_new_one(db, debug):
    run()
    admin = User.objects.get(username="admin")
    admin.set_password(LEGACY_PASSWORD)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    printed = printed_passwords(run())
    admin.refresh_from_db()
    assert not admin.check_password(LEGACY_PASSWORD)
    assert admin.check_password(printed["admin"])
    assert not admin.is_superuser


def test_refused_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="createsuperuser"):
        run()
    assert not User.objects.filter(username="admin").exists()

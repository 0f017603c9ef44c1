"""Each rule, one by one, for each role."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.accounts.services import system_user
from ouverture.events import services
from ouverture.events.permissions import is_own_registration, is_present
from tests.events.factories import make_workshop, register_past
from tests.organisations.factories import OrganisationFactory

ALL = set(Role)
INSTITUTIONAL = ALL - {Role.PROJECT_HOLDER}
KEEPERS = INSTITUTIONAL - {Role.FUNDER_OFFICER}


@pytest.mark.parametrize(
    "perm,allowed",
    [
        ("events.list_workshops", ALL),
        ("events.view_workshop", INSTITUTIONAL),
        ("events.manage_workshops", KEEPERS),
        ("events.manage_attendance", KEEPERS),
        ("events.export_registrations", INSTITUTIONAL),
        ("events.review_organisations", KEEPERS),
        ("events.list_trainings", INSTITUTIONAL),
        ("events.manage_trainings", KEEPERS),
        ("events.view_history", INSTITUTIONAL),
    ],
)
def test_global_rules_per_role(users_by_role, perm, allowed):
    for role, user in users_by_role.items():
        assert user.has_perm(perm) == (role in allowed), (perm, role)


@pytest.fixture
def registrations(holder_organisation):
    workshop = make_workshop(days_ahead=-1)
    own = register_past(workshop, organisation=holder_organisation)
    other = register_past(workshop, organisation=OrganisationFactory())
    present = services.set_attendance(
        register_past(workshop, organisation=holder_organisation), "present", actor=system_user()
    )
    return own, other, present


def test_predicates(holder, staff, registrations):
    own, other, present = registrations
    assert is_own_registration(holder, own)
    assert not is_own_registration(holder, other)
    assert not is_own_registration(staff, own)
    assert is_present(holder, present) and not is_present(holder, own)


@pytest.mark.parametrize(
    "perm,on_own,on_other",
    [
        ("events.view_registration", ALL, INSTITUTIONAL),
        ("events.cancel_registration", KEEPERS | {Role.PROJECT_HOLDER}, KEEPERS),
    ],
)
def test_object_rules_per_role(users_by_role, registrations, perm, on_own, on_other):
    own, other, _ = registrations
    for role, user in users_by_role.items():
        assert user.has_perm(perm, own) == (role in on_own), (perm, role, "own")
        assert user.has_perm(perm, other) == (role in on_other), (perm, role, "other")


def test_certificates_only_for_people_present(users_by_role, registrations):
    own, _, present = registrations
    for role, user in users_by_role.items():
        assert user.has_perm("events.download_certificate", present), role
        assert not user.has_perm("events.download_certificate", own), role

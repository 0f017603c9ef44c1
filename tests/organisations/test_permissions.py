"""Each rule, one by one, for each role."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.organisations.permissions import is_member_of
from tests.organisations.factories import OrganisationFactory

ALL = set(Role)
INSTITUTIONAL = {
    Role.NETWORK_STAFF,
    Role.COORDINATOR,
    Role.FINANCE_MANAGER,
    Role.FUNDER_OFFICER,
    Role.ADMINISTRATOR,
}
KEEPERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER, Role.ADMINISTRATOR}


def test_is_member_of_only_for_the_own_organisation(holder, holder_organisation, staff):
    other = OrganisationFactory()
    assert is_member_of(holder, holder_organisation)
    assert not is_member_of(holder, other)
    assert not is_member_of(staff, holder_organisation)


@pytest.mark.parametrize(
    "perm,allowed_on_other,allowed_on_own",
    [
        ("organisations.view_organisation", INSTITUTIONAL, ALL),
        ("organisations.change_organisation", KEEPERS, ALL - {Role.FUNDER_OFFICER}),
        ("organisations.manage_contacts", KEEPERS, ALL - {Role.FUNDER_OFFICER}),
        ("organisations.view_history", INSTITUTIONAL, INSTITUTIONAL),
    ],
)
def test_object_rules_per_role(
    users_by_role, holder_organisation, perm, allowed_on_other, allowed_on_own
):
    other = OrganisationFactory()
    for role, user in users_by_role.items():
        assert user.has_perm(perm, other) == (role in allowed_on_other), (perm, role, "other")
        assert user.has_perm(perm, holder_organisation) == (role in allowed_on_own), (
            perm,
            role,
            "own",
        )


@pytest.mark.parametrize(
    "perm,allowed",
    [
        ("organisations.list_organisations", ALL),
        ("organisations.add_organisation", KEEPERS),
    ],
)
def test_global_rules_per_role(users_by_role, perm, allowed):
    for role, user in users_by_role.items():
        assert user.has_perm(perm) == (role in allowed), (perm, role)

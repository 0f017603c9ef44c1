"""Each coaching rule, one by one, for each role."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.coaching.permissions import is_member_of_follow_up_organisation
from tests.coaching.factories import follow_up_for
from tests.organisations.factories import OrganisationFactory

ALL = set(Role)
INSTITUTIONAL = ALL - {Role.PROJECT_HOLDER}
KEEPERS = INSTITUTIONAL - {Role.FUNDER_OFFICER}


def test_member_of_follow_up_organisation(holder, holder_organisation, staff):
    own = follow_up_for(holder_organisation)
    other = follow_up_for(OrganisationFactory())
    assert is_member_of_follow_up_organisation(holder, own)
    assert not is_member_of_follow_up_organisation(holder, other)
    assert not is_member_of_follow_up_organisation(staff, own)
    assert not is_member_of_follow_up_organisation(holder, None)


@pytest.mark.parametrize(
    "perm,allowed_on_other,allowed_on_own",
    [
        ("coaching.view_follow_up", INSTITUTIONAL, ALL),
        ("coaching.change_follow_up", KEEPERS, KEEPERS),
        ("coaching.log_interaction", KEEPERS, KEEPERS),
        ("coaching.record_review", KEEPERS, KEEPERS),
        ("coaching.change_interaction", KEEPERS, KEEPERS),
        ("coaching.delete_interaction", KEEPERS, KEEPERS),
        ("coaching.change_review", KEEPERS, KEEPERS),
        ("coaching.delete_review", KEEPERS, KEEPERS),
        ("coaching.view_history", INSTITUTIONAL, INSTITUTIONAL),
    ],
)
def test_object_rules_per_role(
    users_by_role, holder_organisation, perm, allowed_on_other, allowed_on_own
):
    own = follow_up_for(holder_organisation)
    other = follow_up_for(OrganisationFactory())
    for role, user in users_by_role.items():
        assert user.has_perm(perm, other) == (role in allowed_on_other), (perm, role, "other")
        assert user.has_perm(perm, own) == (role in allowed_on_own), (perm, role, "own")


@pytest.mark.parametrize(
    "perm,allowed",
    [
        ("coaching.add_follow_up", KEEPERS),
        ("coaching.log_interaction", KEEPERS),
        ("coaching.view_recap", INSTITUTIONAL),
        ("coaching.import_table", KEEPERS),
    ],
)
def test_global_rules_per_role(users_by_role, perm, allowed):
    for role, user in users_by_role.items():
        assert user.has_perm(perm) == (role in allowed), (perm, role)

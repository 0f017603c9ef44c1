"""Each PAM rule, for each role."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.pathways.permissions import is_own_candidacy
from ouverture.pathways.services import side_for
from tests.organisations.factories import OrganisationFactory
from tests.pathways.factories import apply, make_cohort

ALL = set(Role)
INSTITUTIONAL = ALL - {Role.PROJECT_HOLDER}
KEEPERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}
SELECTORS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.FUNDER_OFFICER}


@pytest.fixture
def candidacies(holder_organisation):
    cohort = make_cohort()
    own = apply(cohort, holder_organisation.name)
    other = apply(cohort, OrganisationFactory(name="Autre").name)
    return cohort, own, other


@pytest.mark.parametrize(
    "perm,allowed",
    [
        ("pathways.list_cohorts", ALL),
        ("pathways.view_cohort", INSTITUTIONAL),
        ("pathways.manage_cohort", KEEPERS),
        ("pathways.view_candidates", INSTITUTIONAL),
        ("pathways.review_organisation", KEEPERS),
        ("pathways.score_candidate", SELECTORS),
        ("pathways.decide_admission", SELECTORS | {Role.ADMINISTRATOR}),
        ("pathways.export", INSTITUTIONAL),
        ("pathways.view_history", INSTITUTIONAL),
    ],
)
def test_global_rules_per_role(users_by_role, perm, allowed):
    for role, user in users_by_role.items():
        assert user.has_perm(perm) == (role in allowed), (perm, role)


@pytest.mark.parametrize(
    "perm,on_other,on_own",
    [
        ("pathways.view_candidacy", INSTITUTIONAL, ALL),
        ("pathways.withdraw_candidacy", KEEPERS, KEEPERS | {Role.PROJECT_HOLDER}),
    ],
)
def test_candidacy_rules_per_role(users_by_role, candidacies, perm, on_other, on_own):
    _, own, other = candidacies
    for role, user in users_by_role.items():
        assert user.has_perm(perm, other) == (role in on_other), (perm, role, "other")
        assert user.has_perm(perm, own) == (role in on_own), (perm, role, "own")


def test_is_own_candidacy(holder, staff, candidacies):
    _, own, other = candidacies
    assert is_own_candidacy(holder, own)
    assert not is_own_candidacy(holder, other)
    assert not is_own_candidacy(staff, own)


def test_the_side_each_role_scores_for(users_by_role):
    sides = {role: side_for(user) for role, user in users_by_role.items()}
    assert sides == {
        Role.NETWORK_STAFF: "network",
        Role.COORDINATOR: "network",
        Role.FINANCE_MANAGER: None,
        Role.FUNDER_OFFICER: "funder",
        Role.ADMINISTRATOR: None,
        Role.PROJECT_HOLDER: None,
    }


def test_scope_a_holder_reaches_its_own_candidacy_only(users_by_role, candidacies):
    from ouverture.pathways.models import Candidate

    _, own, other = candidacies
    for role, user in users_by_role.items():
        visible = set(Candidate.objects.visible_to(user))
        expected = {own} if role == Role.PROJECT_HOLDER else {own, other}
        assert visible == expected, role

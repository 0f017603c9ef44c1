"""Each rule, one by one, for each role."""

import pytest

from ouverture.accounts.enums import Role
from tests.agreements.factories import make_agreement

ALL = set(Role)
INSTITUTIONAL = ALL - {Role.PROJECT_HOLDER}
MONEY = {Role.FINANCE_MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR}
FUNDER_SIDE = {Role.FUNDER_OFFICER, Role.ADMINISTRATOR}


@pytest.mark.parametrize(
    "perm,allowed",
    [
        ("agreements.list_agreements", INSTITUTIONAL),
        ("agreements.view_agreement", INSTITUTIONAL),
        ("agreements.view_history", INSTITUTIONAL),
        ("agreements.export_agreement", INSTITUTIONAL),
        ("agreements.add_agreement", MONEY),
        ("agreements.change_agreement", MONEY),
        ("agreements.change_status", MONEY | {Role.FUNDER_OFFICER}),
        ("agreements.manage_commitments", MONEY),
        ("agreements.change_budget", MONEY),
        ("agreements.record_expense", MONEY),
        ("agreements.record_payment", MONEY | {Role.FUNDER_OFFICER}),
        ("agreements.view_funder_budget", INSTITUTIONAL),
        ("agreements.manage_funder_budget", FUNDER_SIDE),
    ],
)
def test_rules_per_role(users_by_role, perm, allowed):
    agreement = make_agreement(lines=False)
    for role, user in users_by_role.items():
        assert user.has_perm(perm, agreement) == (role in allowed), (perm, role)
        assert user.has_perm(perm) == (role in allowed), (perm, role, "without object")


def test_scope_hides_every_agreement_from_a_holder(users_by_role):
    from ouverture.agreements.models import Agreement

    agreement = make_agreement(lines=False)
    for role, user in users_by_role.items():
        visible = Agreement.objects.visible_to(user).filter(pk=agreement.pk).exists()
        assert visible == (role in INSTITUTIONAL), role

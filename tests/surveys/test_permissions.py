"""Each rule, one by one, for each role."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.surveys.models import Questionnaire
from tests.surveys.factories import questionnaire

ALL = set(Role)
BUILDERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}
READERS = BUILDERS | {Role.FINANCE_MANAGER, Role.FUNDER_OFFICER}


@pytest.mark.parametrize(
    "perm,allowed",
    [
        ("surveys.list_questionnaires", READERS),
        ("surveys.view_results", READERS),
        ("surveys.export_results", READERS),
        ("surveys.add_questionnaire", BUILDERS),
        ("surveys.change_questionnaire", BUILDERS),
        ("surveys.invite", BUILDERS),
        ("surveys.view_respondents", BUILDERS),
        ("surveys.transcribe_response", BUILDERS),
        ("surveys.view_history", BUILDERS | {Role.FUNDER_OFFICER}),
    ],
)
def test_rules_per_role(users_by_role, perm, allowed):
    q = questionnaire()
    for role, user in users_by_role.items():
        assert user.has_perm(perm) == (role in allowed), (perm, role)
        assert user.has_perm(perm, q) == (role in allowed), (perm, role, "object")


def test_scope_hides_every_questionnaire_from_holders(users_by_role, django_user_model):
    questionnaire()
    for role, user in users_by_role.items():
        visible = Questionnaire.objects.visible_to(user).count()
        assert visible == (0 if role == Role.PROJECT_HOLDER else 1), role
    from django.contrib.auth.models import AnonymousUser

    assert not Questionnaire.objects.visible_to(AnonymousUser()).exists()

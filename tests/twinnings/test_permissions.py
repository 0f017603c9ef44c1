"""Each twinnings rule, for each role."""

import pytest

from ouverture.accounts.enums import Role
from tests.organisations.factories import OrganisationFactory
from tests.twinnings.factories import make_agreement

INSTITUTIONAL = {
    Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER, Role.FUNDER_OFFICER,
    Role.ADMINISTRATOR,
}  # fmt: skip
EDITORS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}

GLOBAL_RULES = {
    "twinnings.list_twinnings": set(Role),
    "twinnings.add_agreement": EDITORS,
    "twinnings.import_agreements": EDITORS,
    "twinnings.manage_campaigns": EDITORS,
    "twinnings.view_statistics": INSTITUTIONAL,
    "twinnings.export_agreements": INSTITUTIONAL,
}
OBJECT_RULES = {
    "twinnings.view_agreement": INSTITUTIONAL,
    "twinnings.change_agreement": EDITORS,
    "twinnings.review_agreement": EDITORS,
    "twinnings.view_history": INSTITUTIONAL,
}


@pytest.mark.parametrize("perm", sorted(GLOBAL_RULES))
def test_global_rules_per_role(users_by_role, perm):
    for role, user in users_by_role.items():
        assert user.has_perm(perm) == (role in GLOBAL_RULES[perm]), (perm, role)


@pytest.mark.parametrize("perm", sorted(OBJECT_RULES))
def test_object_rules_per_role_on_someone_elses_agreement(users_by_role, perm):
    agreement = make_agreement("62041", "Herten", "DE")
    for role, user in users_by_role.items():
        assert user.has_perm(perm, agreement) == (role in OBJECT_RULES[perm]), (perm, role)


def test_a_committee_account_reads_its_own_agreements_only(holder, holder_organisation):
    own = make_agreement("62041", "Herten", "DE", committee=holder_organisation)
    other = make_agreement("62041", "Ipswich", "GB", committee=OrganisationFactory())
    assert holder.has_perm("twinnings.view_agreement", own)
    assert not holder.has_perm("twinnings.view_agreement", other)
    assert not holder.has_perm("twinnings.change_agreement", own)
    assert not holder.has_perm("twinnings.view_history", own)


def test_a_town_hall_account_reads_its_communes_agreements(make_user):
    from ouverture.geo.models import Commune

    town_hall = OrganisationFactory(
        name="Mairie de Calais",
        legal_kind="commune",
        commune=Commune.objects.current().get(code="62193"),
    )
    user = make_user(Role.PROJECT_HOLDER, organisation=town_hall)
    dover = make_agreement("62193", "Dover", "GB")
    herten = make_agreement("62041", "Herten", "DE")
    assert user.has_perm("twinnings.view_agreement", dover)
    assert not user.has_perm("twinnings.view_agreement", herten)
    from ouverture.twinnings.models import Agreement

    assert list(Agreement.objects.visible_to(user)) == [dover]

"""Whose agreements each role reaches (agreements.scope): the network and administrators
every funder's, a funder officer its funder's (its structure's, else the default funder's), a
holder none; the funder's budget operations and credits follow."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.accounts.models import User
from ouverture.agreements import hooks, services
from ouverture.agreements.models import Agreement, BudgetOperation, CreditCommitment
from tests.agreements.factories import default_funder, make_agreement
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_funders(coordinator):
    """The default funder's agreement and operation, and another funder's."""
    ours = make_agreement()
    other = OrganisationFactory(name="Région financeuse", representative_name="Présidence")
    theirs = make_agreement(funder=other, beneficiary=ours.beneficiary)
    operations = {}
    for key, funder in (("ours", ours.funder), ("theirs", other)):
        operation = services.create_operation(
            actor=coordinator, funder=funder, year=2024, code=f"OP-{key.upper()}", imputation="65748",
            label="Actions internationales", credits="1000",
        )  # fmt: skip
        services.reserve_credit(operation, actor=coordinator, amount="10", label=key)
        operations[key] = operation
    return ours, theirs, other, operations


def _reached(user):
    return (
        set(Agreement.objects.visible_to(user).values_list("reference", flat=True)),
        set(BudgetOperation.objects.visible_to(user).values_list("code", flat=True)),
        set(CreditCommitment.objects.visible_to(user).values_list("label", flat=True)),
    )


def test_who_reaches_which_funder_s_agreements(two_funders, users_by_role, make_user):
    ours, theirs, other, _ = two_funders
    everything = ({ours.reference, theirs.reference}, {"OP-OURS", "OP-THEIRS"}, {"ours", "theirs"})
    for role in (Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER, Role.ADMINISTRATOR):
        assert _reached(users_by_role[role]) == everything, role
    assert _reached(users_by_role[Role.PROJECT_HOLDER]) == (set(), set(), set())
    # Without a structure: the default funder's; attached: its structure's.
    assert _reached(users_by_role[Role.FUNDER_OFFICER]) == ({ours.reference}, {"OP-OURS"}, {"ours"})
    elsewhere = make_user(Role.FUNDER_OFFICER, organisation=other)
    assert _reached(elsewhere) == ({theirs.reference}, {"OP-THEIRS"}, {"theirs"})
    nowhere = make_user(Role.FUNDER_OFFICER, organisation=OrganisationFactory())
    assert _reached(nowhere) == (set(), set(), set())


def test_without_a_default_funder_an_officer_without_structure_reaches_none(
    two_funders, funder_officer, monkeypatch
):
    monkeypatch.setattr(hooks, "_default_funders", [])
    assert _reached(funder_officer) == (set(), set(), set())


def test_another_funder_s_officer_gets_404_on_the_pages_and_its_own_lists(
    two_funders, client_for, make_user
):
    ours, theirs, other, operations = two_funders
    client = client_for(make_user(Role.FUNDER_OFFICER, organisation=other))
    for url in (
        reverse("agreements:detail", args=[ours.pk]),
        reverse("agreements:export", args=[ours.pk]),
        reverse("agreements:operation", args=[operations["ours"].pk]),
        reverse("documents:detail", args=["proposal", ours.pk]),
    ):
        assert client.get(url).status_code == 404, url
    credit = operations["ours"].commitments.get()
    response = client.post(
        reverse("agreements:credit_status", args=[credit.pk]), {"status": "cancelled"}
    )
    assert response.status_code == 404
    assert client.get(reverse("agreements:detail", args=[theirs.pk])).status_code == 200
    listing = client.get(reverse("agreements:list")).content.decode()
    assert theirs.reference in listing and ours.reference not in listing
    operations_page = client.get(reverse("agreements:operations")).content.decode()
    assert "OP-THEIRS" in operations_page and "OP-OURS" not in operations_page


def test_the_seed_s_funder_is_the_default_and_the_demo_officer_reaches_its_agreements(
    source_data, settings
):
    settings.DEBUG = True
    call_command("create_demo_users", stdout=io.StringIO())
    officer = User.objects.get(username="departement")
    assert not hasattr(officer, "membership")
    reached = set(Agreement.objects.visible_to(officer).values_list("reference", flat=True))
    assert {"CD62-LIANES-2024", "CD62-LIANES-2023"} <= reached
    assert default_funder() == Agreement.objects.get(reference="CD62-LIANES-2024").funder

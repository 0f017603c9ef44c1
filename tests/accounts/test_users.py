"""Administrators manage accounts in French screens; every change is in the history."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.accounts import users
from ouverture.accounts.enums import Role
from ouverture.accounts.models import User
from tests.organisations.factories import OrganisationFactory
from tests.utils import text


def invite(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("users:invite"), data)


def test_an_administrator_invites_a_holder_who_chooses_a_password(
    client, client_for, administrator, holder_organisation, django_capture_on_commit_callbacks
):
    response = invite(client_for(administrator), django_capture_on_commit_callbacks,
                      first_name="Inès", last_name="Moreau", email="ines@asso.example",
                      role=Role.PROJECT_HOLDER, organisation=holder_organisation.pk)  # fmt: skip
    account = User.objects.get(email="ines@asso.example")
    assert response.status_code == 302
    assert not account.has_usable_password()
    assert account.membership.organisation == holder_organisation
    (message,) = mail.outbox
    assert message.to == ["ines@asso.example"] and "Choisissez votre mot de passe" in message.body
    link = re.search(r"https?://\S+(/comptes/p/mot-de-passe/\S+/)", message.body).group(1)

    client.logout()
    form = client.get(link, follow=True)
    assert "Choisir votre mot de passe" in text(form)
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "Cerisier-Arras-2026!",
                                                    "new_password2": "Cerisier-Arras-2026!"})  # fmt: skip
    assert done.status_code == 302
    account.refresh_from_db()
    assert account.check_password("Cerisier-Arras-2026!")
    assert "n'est plus valable" in text(client.get(link, follow=True))
    assert client.login(username="ines@asso.example", password="Cerisier-Arras-2026!")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": Role.PROJECT_HOLDER}, "appartient à une structure"),
        ({"role": Role.NETWORK_STAFF, "organisation": "own"}, "Seul un porteur de projet"),
        ({"role": Role.NETWORK_STAFF, "email": "taken@example.org"}, "existe déjà"),
    ],
)
def test_an_invitation_that_does_not_hold_is_refused_in_french(
    client_for, administrator, holder_organisation, make_user, data, message,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    make_user(Role.COORDINATOR, email="taken@example.org")
    data = {"email": "nouveau@example.org", **data}
    if data.get("organisation") == "own":
        data["organisation"] = holder_organisation.pk
    before = User.objects.count()
    response = invite(client_for(administrator), django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200
    assert message in text(response)
    assert User.objects.count() == before and mail.outbox == []


def test_role_membership_and_deactivation_are_historised(client_for, administrator, make_user):
    first, second = OrganisationFactory(name="Première"), OrganisationFactory(name="Seconde")
    account = make_user(Role.PROJECT_HOLDER, organisation=first)
    client = client_for(administrator)
    client.post(reverse("users:update", args=[account.pk]), {
        "first_name": account.first_name, "last_name": account.last_name, "email": account.email,
        "role": Role.PROJECT_HOLDER, "organisation": second.pk})  # fmt: skip
    account.refresh_from_db()
    assert account.membership.organisation == second
    client.post(reverse("users:update", args=[account.pk]), {
        "first_name": account.first_name, "last_name": account.last_name, "email": account.email,
        "role": Role.COORDINATOR})  # fmt: skip
    client.post(reverse("users:deactivate", args=[account.pk]))
    account = User.objects.get(pk=account.pk)
    assert account.role == Role.COORDINATOR and not account.is_active
    assert not hasattr(account, "membership")
    page = text(client.get(reverse("users:detail", args=[account.pk])))
    assert "Compte désactivé" in page and f"par {administrator}" in page
    assert "Porteur de projet → Coordinateur·rice (réseau)" in page
    last = account.history.first()
    assert last.history_user == administrator and last.is_active is False


def test_an_administrator_cannot_lock_themself_out(administrator):
    with pytest.raises(ValidationError, match="propre compte"):
        users.set_active(administrator, actor=administrator, active=False)
    with pytest.raises(ValidationError):
        users.update_user(administrator, actor=administrator, role=Role.NETWORK_STAFF)
    administrator.refresh_from_db()
    assert administrator.is_active and administrator.role == Role.ADMINISTRATOR


def test_only_administrators_manage_users(client_for, users_by_role):
    for role, user in users_by_role.items():
        status = client_for(user).get(reverse("users:list")).status_code
        assert status == (200 if role == Role.ADMINISTRATOR else 403), role


def test_a_funder_officer_is_attached_to_its_funder_and_reaches_its_agreements_only(
    client_for, administrator, django_capture_on_commit_callbacks
):
    """The structure a funder officer works for decides whose agreements it reaches; being
    attached to it gives no right to edit that structure's record."""
    from tests.agreements.factories import make_agreement

    mine, theirs = make_agreement(), make_agreement()
    other = OrganisationFactory(name="Région financeuse")
    theirs.funder = other
    theirs.save(update_fields=["funder"])
    response = invite(client_for(administrator), django_capture_on_commit_callbacks,
                      email="agent@region.example", role=Role.FUNDER_OFFICER,
                      organisation=other.pk)  # fmt: skip
    assert response.status_code == 302
    officer = User.objects.get(email="agent@region.example")
    assert officer.membership.organisation == other
    from ouverture.agreements.models import Agreement

    assert list(Agreement.objects.visible_to(officer)) == [theirs]
    assert mine.funder != other
    assert not officer.has_perm("organisations.change_organisation", other)
    assert not officer.has_perm("organisations.manage_contacts", other)
    assert officer.has_perm("organisations.view_organisation", other)

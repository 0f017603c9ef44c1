"""The organisation pages, for each role."""

import pytest
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory, contact_for
from tests.utils import text

INSTITUTIONAL = {
    Role.NETWORK_STAFF,
    Role.COORDINATOR,
    Role.FINANCE_MANAGER,
    Role.FUNDER_OFFICER,
    Role.ADMINISTRATOR,
}
KEEPERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER, Role.ADMINISTRATOR}


def test_login_is_required_everywhere(client, db):
    organisation = OrganisationFactory()
    for url in [
        reverse("dashboard"),
        reverse("organisations:list"),
        reverse("organisations:detail", args=[organisation.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_list_per_role(users_by_role, client_for, holder_organisation):
    OrganisationFactory(name="Une autre structure")
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse("organisations:list"))
        assert response.status_code == 200, role
        names = [o.name for o in response.context["page"]]
        if role in INSTITUTIONAL:
            assert "Une autre structure" in names, role
        else:
            assert names == [holder_organisation.name]


def test_detail_per_role(users_by_role, client_for, holder_organisation):
    other = OrganisationFactory()
    for role, user in users_by_role.items():
        client = client_for(user)
        assert (
            client.get(reverse("organisations:detail", args=[holder_organisation.pk])).status_code
            == 200
        )
        expected = 200 if role in INSTITUTIONAL else 404
        assert (
            client.get(reverse("organisations:detail", args=[other.pk])).status_code == expected
        ), role


def test_history_shown_to_institutional_users_only(users_by_role, client_for, holder_organisation):
    for role, user in users_by_role.items():
        response = client_for(user).get(
            reverse("organisations:detail", args=[holder_organisation.pk])
        )
        assert ("Historique" in response.content.decode()) == (role in INSTITUTIONAL), role


def test_create_per_role(users_by_role, client_for):
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse("organisations:create"))
        assert response.status_code == (200 if role in KEEPERS else 403), role


def test_staff_creates_an_organisation_with_french_inputs(client_for, staff):
    response = client_for(staff).post(
        reverse("organisations:create"),
        {
            "name": "Les Amis de Bapaume",
            "legal_kind": "association",
            "siret": "438 535 221 00024",
            "commune": "Arras (62041)",
            "project_types": ["youth_mobility", "twinning"],
            "annual_budget": "12\u00a0500,50",
        },
    )
    organisation = Organisation.objects.get(name="Les Amis de Bapaume")
    assert response.status_code == 302
    assert organisation.siret == "43853522100024"
    assert organisation.commune.code == "62041"
    assert str(organisation.annual_budget) == "12500.50"
    assert organisation.size_class == "nano"
    assert set(organisation.project_types.values_list("code", flat=True)) == {
        "youth_mobility",
        "twinning",
    }
    assert organisation.history.first().history_user == staff


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("siret", "43853522100025", "clé de contrôle"),
        ("commune", "Paris-sur-Lys", "pas dans le référentiel INSEE"),
        ("commune", "99999", "n'est pas celui d'une commune"),
        ("commune", "Arques", "Plusieurs communes s'appellent"),
        ("annual_budget", "-100", "négatif"),
        ("annual_budget", "10,555", "2 chiffres après la virgule"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(
    client_for, staff, field, value, message
):
    data = {"name": "Structure refusée", "legal_kind": "association", field: value}
    response = client_for(staff).post(reverse("organisations:create"), data)
    assert response.status_code == 200
    assert message in text(response)
    assert not Organisation.objects.filter(name="Structure refusée").exists()


def test_holder_edits_its_own_organisation_not_another(client_for, holder, holder_organisation):
    other = OrganisationFactory()
    client = client_for(holder)
    assert (
        client.get(reverse("organisations:update", args=[holder_organisation.pk])).status_code
        == 200
    )
    assert client.get(reverse("organisations:update", args=[other.pk])).status_code == 404
    assert (
        client.post(
            reverse("organisations:contact_add", args=[other.pk]), {"name": "X"}
        ).status_code
        == 404
    )


def test_funder_cannot_edit(client_for, funder_officer):
    organisation = OrganisationFactory()
    assert (
        client_for(funder_officer)
        .get(reverse("organisations:update", args=[organisation.pk]))
        .status_code
        == 403
    )


def test_contacts_are_managed_on_the_page(client_for, staff):
    organisation = OrganisationFactory()
    client = client_for(staff)
    client.post(
        reverse("organisations:contact_add", args=[organisation.pk]),
        {"name": "Léa Dupont", "role": "Présidente", "email": "lea@example.org"},
    )
    contact = organisation.contacts.get()
    assert contact.history.first().history_user == staff
    client.post(reverse("organisations:contact_delete", args=[organisation.pk, contact.pk]))
    assert not organisation.contacts.exists()


def test_search_by_name_commune_and_type(client_for, staff):
    OrganisationFactory(name="Comité de jumelage d'Arques", twinning=True, commune=None)
    OrganisationFactory(name="École de Lille", outside=True)
    client = client_for(staff)

    def names(**params):
        return [o.name for o in client.get(reverse("organisations:list"), params).context["page"]]

    assert names(q="comite de jumelage") == ["Comité de jumelage d'Arques"]
    assert names(q="lille") == ["École de Lille"]
    assert names(project_type="twinning") == ["Comité de jumelage d'Arques"]
    assert names(commune="59350") == ["École de Lille"]


def test_detail_shows_contacts_follow_ups_and_eligibility(client_for, staff):
    organisation = OrganisationFactory(outside=True)
    contact_for(organisation, name="Camille Martin")
    body = (
        client_for(staff)
        .get(reverse("organisations:detail", args=[organisation.pk]))
        .content.decode()
    )
    assert "Camille Martin" in body
    assert "Domiciliée dans le département" in body
    assert "Suivis" in body


def _create_many(n):
    from ouverture.organisations.models import ProjectType

    start = Organisation.objects.count()
    types = list(ProjectType.objects.all())
    rows = Organisation.objects.bulk_create(
        Organisation(
            name=f"Structure {i:05d}", search_name=f"structure {i:05d}", legal_kind="association"
        )
        for i in range(start, start + n)
    )
    Organisation.project_types.through.objects.bulk_create(
        Organisation.project_types.through(organisation_id=o.pk, projecttype_id=types[i % 3].pk)
        for i, o in enumerate(rows)
    )


def test_list_costs_the_same_queries_whatever_the_size(client_for, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)
    counts = []
    for n in (10, 990):
        _create_many(n)
        client.get(reverse("organisations:list"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("organisations:list"), {"project_type": "youth_mobility"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert Organisation.objects.count() == 1000
    assert counts[0] == counts[1], counts


def test_filters_and_eligibility_read_plainly(client_for, staff):
    """A filter says what "all" it means; the eligibility detail has no nested brackets."""
    organisation = OrganisationFactory()
    client = client_for(staff)
    assert "Tous les types de projet" in text(client.get(reverse("organisations:list")))
    page = text(client.get(reverse("organisations:detail", args=[organisation.pk])))
    commune = organisation.commune
    assert f"({commune.name}, département {commune.departement_id})" in page
    assert "))" not in page


def test_the_list_sorts_as_a_french_reader_expects(client_for, staff):
    for name in [
        "Éperlecques Solidarité",
        "CMJE",
        "Campus agro",
        "Bully Jeunesse",
        "Béthune Europe",
    ]:
        OrganisationFactory(name=name)
    page = client_for(staff).get(reverse("organisations:list")).context["page"]
    assert [o.name for o in page] == [
        "Béthune Europe", "Bully Jeunesse", "Campus agro", "CMJE", "Éperlecques Solidarité",
    ]  # fmt: skip

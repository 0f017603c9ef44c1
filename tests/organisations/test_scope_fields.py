"""What decides a holder's scope (legal kind, commune, a recorded SIRET) and the network's own
notes are staff-only: a holder's form does not offer them and the service refuses them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.organisations import services
from ouverture.organisations.enums import LegalKind
from tests.organisations.factories import OrganisationFactory, contact_for
from tests.twinnings.factories import commune, make_agreement
from tests.utils import text


@pytest.fixture
def calais_twinning(db):
    """Calais' town hall and its twinning, with the committee contact's details."""
    town_hall = OrganisationFactory(
        name="Mairie de Calais", legal_kind=LegalKind.COMMUNE, commune=commune("62193")
    )
    committee = OrganisationFactory(name="Comité de jumelage de Calais", twinning=True)
    contact = contact_for(
        committee, name="Danielle Secret", email="danielle@calais.example", phone="0321000000"
    )
    return make_agreement("62193", "Dover", "GB", committee=committee, contact=contact), town_hall


def test_a_holder_cannot_turn_its_organisation_into_another_commune(
    client_for, holder, holder_organisation, calais_twinning
):
    twinning, _ = calais_twinning
    client = client_for(holder)
    url = reverse("organisations:update", args=[holder_organisation.pk])
    form_page = client.get(url).content.decode()
    assert 'name="legal_kind"' not in form_page and 'name="commune"' not in form_page
    response = client.post(url, {"name": holder_organisation.name, "legal_kind": "commune",
                                 "commune": "62193"})  # fmt: skip
    assert response.status_code == 302
    holder_organisation.refresh_from_db()
    assert holder_organisation.legal_kind == LegalKind.ASSOCIATION
    assert holder_organisation.commune.code == "62041"
    assert client.get(reverse("twinnings:detail", args=[twinning.pk])).status_code == 404
    listing = text(client.get(reverse("twinnings:list")))
    assert "Danielle Secret" not in listing and "Dover" not in listing


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("legal_kind", LegalKind.COMMUNE, "forme juridique"),
        ("commune", "62193", "commune"),
        ("siret", "43853522100024", "SIRET"),
        ("notes", "Réécrit par le porteur", "notes"),
    ],
)
def test_the_service_refuses_staff_only_fields_from_a_holder(
    holder, holder_organisation, field, value, message
):
    services.update_organisation(
        holder_organisation, actor=holder, siret="73282932000074"
    )  # a holder may record its SIRET while none is recorded
    if field == "commune":
        value = commune(value)
    with pytest.raises(ValidationError) as error:
        services.update_organisation(holder_organisation, actor=holder, **{field: value})
    assert message in " ".join(error.value.messages)
    holder_organisation.refresh_from_db()
    assert holder_organisation.legal_kind == LegalKind.ASSOCIATION
    assert holder_organisation.siret == "73282932000074"
    assert holder_organisation.notes == ""


def test_staff_still_change_them(staff, holder_organisation):
    services.update_organisation(
        holder_organisation, actor=staff, legal_kind=LegalKind.COMMUNE, commune=commune("62193"),
        siret="73282932000074", notes="Suivi par Lianes",
    )  # fmt: skip
    holder_organisation.refresh_from_db()
    assert holder_organisation.commune.code == "62193"
    assert holder_organisation.notes == "Suivi par Lianes"


def test_network_notes_are_hidden_from_holders_and_kept_on_their_edits(
    client_for, staff, holder, holder_organisation
):
    services.update_organisation(
        holder_organisation, actor=staff, notes="Trésorerie fragile, à relancer"
    )
    client = client_for(holder)
    detail = reverse("organisations:detail", args=[holder_organisation.pk])
    edit = reverse("organisations:update", args=[holder_organisation.pk])
    assert "Trésorerie fragile" not in client.get(detail).content.decode()
    assert "Trésorerie fragile" not in client.get(edit).content.decode()
    client.post(edit, {"name": "Nouveau nom", "notes": "Effacé"})
    holder_organisation.refresh_from_db()
    assert holder_organisation.name == "Nouveau nom"
    assert holder_organisation.notes == "Trésorerie fragile, à relancer"
    assert "Trésorerie fragile" in client_for(staff).get(detail).content.decode()

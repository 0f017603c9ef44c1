"""Twinnings built through the services, as a user or an import would."""

from ouverture.accounts.services import system_user
from ouverture.geo.models import Commune
from ouverture.twinnings.enums import AgreementStatus, PartyKind
from ouverture.twinnings.services import create_agreement


def commune(code):
    return Commune.objects.current().get(code=code)


def make_agreement(
    commune_code="62041",
    partner="Herten",
    country="DE",
    *,
    status=AgreementStatus.UNKNOWN,
    committee=None,
    contact=None,
    party_contact=None,
    actor=None,
    **extra,
):
    """One commune, one partner town; party_contact: dict of contact_name/email/phone."""
    party = {"kind": PartyKind.COMMUNE, "commune": commune(commune_code)}
    party.update(party_contact or {})
    return create_agreement(
        actor=actor or system_user(),
        parties=[party],
        partners=[{"name": partner, "country": country}],
        status=status,
        committee=committee,
        contact=contact,
        **extra,
    )


def committee_with_contact(name="Comité de jumelage d'Arras", email="comite@example.org"):
    from tests.organisations.factories import OrganisationFactory, contact_for

    organisation = OrganisationFactory(name=name, twinning=True)
    return organisation, contact_for(organisation, name="Claire Lemaire", email=email)

"""Write operations on agreements: validation in French, history with the actor."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ouverture.twinnings import services
from ouverture.twinnings.enums import AgreementStatus, PartyKind, ReviewFlag
from ouverture.twinnings.models import Agreement, PartnerTown
from tests.twinnings.factories import committee_with_contact, commune, make_agreement


def test_create_records_parties_partner_title_and_history(staff):
    agreement = make_agreement("62041", "Herten", "DE", actor=staff, status="active")
    assert str(agreement) == "Arras – Herten (Allemagne)"
    assert agreement.history.first().history_user == staff
    assert agreement.local_parties.get().history.first().history_user == staff
    assert not agreement.needs_review


def test_same_pair_twice_is_refused(staff):
    make_agreement("62041", "Herten", "DE")
    with pytest.raises(ValidationError, match="déjà enregistré"):
        make_agreement("62041", "herten", "DE")
    assert Agreement.objects.count() == 1


def test_one_town_for_several_communes(staff):
    make_agreement("62014", "Menden", "DE")
    make_agreement("62038", "Menden", "DE")
    assert PartnerTown.objects.filter(name="Menden").count() == 1


def test_partner_in_france_and_future_signatures_are_refused(staff):
    with pytest.raises(ValidationError, match="est en France"):
        make_agreement("62413", "Vendres", "FR")
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError, match="dans le futur"):
        services.create_agreement(
            actor=staff,
            parties=[
                {"kind": PartyKind.COMMUNE, "commune": commune("62041"), "signed_year": next_year}
            ],
            partners=[{"name": "Herten", "country": "DE"}],
        )
    with pytest.raises(ValidationError, match="dans le futur"):
        services.create_agreement(
            actor=staff,
            parties=[{"kind": PartyKind.COMMUNE, "commune": commune("62041")}],
            partners=[
                {
                    "name": "Herten",
                    "country": "DE",
                    "signed_on": timezone.localdate() + dt.timedelta(days=1),
                }
            ],  # fmt: skip
        )
    assert Agreement.objects.count() == 0


def test_a_commune_outside_the_departement_is_flagged(staff):
    agreement = make_agreement("59350", "Erfurt", "DE")
    assert agreement.needs_review
    assert agreement.review_flags[0]["code"] == ReviewFlag.OUTSIDE_DEPARTEMENT


def test_other_local_parties(staff):
    agreement = make_agreement("62041", "Herten", "DE")
    services.add_local_party(agreement, actor=staff, kind=PartyKind.INTERCOMMUNALITY,
                             epci_siren="200033579")  # fmt: skip
    services.add_local_party(agreement, actor=staff, kind=PartyKind.DEPARTEMENT, departement="62")
    services.add_local_party(agreement, actor=staff, kind=PartyKind.REGION, region_code="32")
    labels = [p.label for p in agreement.local_parties.all()]
    assert labels == ["Arras", "CU d'Arras", "Pas-de-Calais (62)", "Région Hauts-de-France"]
    with pytest.raises(ValidationError, match="9 chiffres"):
        services.add_local_party(agreement, actor=staff, kind=PartyKind.INTERCOMMUNALITY,
                                 epci_siren="123")  # fmt: skip
    with pytest.raises(ValidationError, match="déjà partie"):
        services.add_local_party(agreement, actor=staff, commune=commune("62041"))


def test_a_delegated_commune_is_not_a_party(staff):
    from ouverture.geo.models import Commune

    hesdin = Commune.objects.get(code="62447", kind="delegated")
    agreement = make_agreement("62041", "Herten", "DE")
    with pytest.raises(ValidationError, match="n'est plus une commune"):
        services.add_local_party(agreement, actor=staff, commune=hesdin)


def test_partners_added_and_removed_but_never_the_last(staff):
    agreement = make_agreement("62041", "Herten", "DE")
    link = services.add_partner(agreement, actor=staff, name="Recklinghausen", country="DE",
                                region="Rhénanie-du-Nord-Westphalie", signed_year=1960)  # fmt: skip
    agreement.refresh_from_db()
    assert "Recklinghausen" in str(agreement)
    services.remove_partner(link, actor=staff)
    with pytest.raises(ValidationError, match="au moins une ville partenaire"):
        services.remove_partner(agreement.partners.get(), actor=staff)
    with pytest.raises(ValidationError, match="au moins une partie locale"):
        services.remove_local_party(agreement.local_parties.get(), actor=staff)


def test_committee_contact_must_belong_to_the_committee(staff):
    committee, contact = committee_with_contact()
    other, other_contact = committee_with_contact(name="Autre comité", email="autre@example.org")
    agreement = make_agreement("62041", "Herten", "DE", committee=committee, contact=contact)
    with pytest.raises(ValidationError, match="n'appartient pas au comité"):
        services.update_agreement(agreement, actor=staff, contact=other_contact)


def test_verification_and_review(staff):
    agreement = make_agreement("59350", "Erfurt", "DE")
    services.record_verification(agreement, actor=staff, status=AgreementStatus.DORMANT)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.verified_on, agreement.verified_by) == (
        "dormant", timezone.localdate(), staff,
    )  # fmt: skip
    services.mark_reviewed(agreement, actor=staff, note="Lille confirmée par la mairie")
    agreement.refresh_from_db()
    assert not agreement.needs_review and agreement.review_flags == []
    assert "Lille confirmée" in agreement.history.first().history_change_reason
    with pytest.raises(ValidationError, match="pas de point à vérifier"):
        services.mark_reviewed(agreement, actor=staff)
    with pytest.raises(ValidationError, match="dans le futur"):
        services.record_verification(agreement, actor=staff, status="active",
                                     verified_on=timezone.localdate() + dt.timedelta(days=2))  # fmt: skip


def test_stale_since_clamps_the_day():
    assert services.stale_since(1, dt.date(2024, 3, 31)) == dt.date(2024, 2, 29)
    assert services.stale_since(12, dt.date(2024, 10, 14)) == dt.date(2023, 10, 14)
    assert services.stale_since(0, dt.date(2024, 10, 14)) == dt.date(2024, 10, 14)

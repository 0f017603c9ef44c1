"""Verification campaigns: personal links that expire, serve once, open one agreement."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ouverture.twinnings import campaigns, services
from ouverture.twinnings.enums import AgreementStatus, ConflictDecision, ConflictField
from ouverture.twinnings.models import Agreement, Conflict, Invitation
from tests.twinnings.factories import committee_with_contact, make_agreement
from tests.utils import text


@pytest.fixture
def register(db, staff):
    committee, contact = committee_with_contact()
    arras = make_agreement("62041", "Herten", "DE", status="active", committee=committee,
                           contact=contact)  # fmt: skip
    ipswich = make_agreement("62041", "Ipswich", "GB", status="active", committee=committee,
                             contact=contact)  # fmt: skip
    calais = make_agreement("62193", "Dover", "GB", party_contact={
        "contact_name": "Mairie de Calais", "contact_email": "jumelage@calais.example"})  # fmt: skip
    fresh = make_agreement("62160", "Folkestone", "GB")
    services.record_verification(fresh, actor=staff, status="active")
    ended = make_agreement("62119", "Hastings", "GB", status="ended")
    silent = make_agreement("62510", "Rybnik", "PL")
    return {"arras": arras, "ipswich": ipswich, "calais": calais, "fresh": fresh,
            "ended": ended, "silent": silent, "contact": contact}  # fmt: skip


def launch(staff, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return campaigns.launch_campaign(
            actor=staff, name="Mise à jour 2024", stale_months=12, **kwargs
        )


def links_in(message):
    return re.findall(r"https?://\S+/p/verification/\d+/\S+/", message.body)


def test_campaign_chooses_stale_agreements_and_mails_one_message_per_address(
    register, staff, django_capture_on_commit_callbacks
):
    campaign = launch(staff, django_capture_on_commit_callbacks)
    asked = set(campaign.invitations.values_list("agreement_id", flat=True))
    assert asked == {register["arras"].pk, register["ipswich"].pk, register["calais"].pk}
    assert campaign.unreachable == [register["silent"].pk]
    assert len(mail.outbox) == 2
    committee_mail = next(m for m in mail.outbox if m.to == ["comite@example.org"])
    assert committee_mail.subject == "Vos 2 jumelages sont-ils toujours actifs ?"
    assert len(links_in(committee_mail)) == 2
    assert "expire le" in committee_mail.body
    assert not campaign.invitations.filter(sent_at__isnull=True).exists()


def test_no_stale_agreement_no_campaign(db, staff):
    with pytest.raises(ValidationError, match="Aucun jumelage"):
        campaigns.launch_campaign(actor=staff, name="Vide", stale_months=12)


def test_the_committee_answers_through_its_link_without_an_account(
    register, staff, client, django_capture_on_commit_callbacks
):
    launch(staff, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(agreement=register["arras"])
    url = reverse(
        "twinnings:verify", args=[invitation.agreement_id, campaigns.make_token(invitation)]
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Arras – Herten (Allemagne)" in text(page)
    response = client.post(url, {
        "status": "dormant", "answered_by_name": "Claire Lemaire",
        "contact_name": "Claire Lemaire", "contact_email": "claire@arras.example",
        "contact_phone": "03 21 00 00 00", "upcoming_projects": "Visite à Herten en 2025",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Merci pour votre réponse" in text(response)
    agreement = Agreement.objects.get(pk=register["arras"].pk)
    assert agreement.status == AgreementStatus.DORMANT
    assert agreement.verified_on == timezone.localdate()
    assert agreement.verified_by is None
    assert "Claire Lemaire" in agreement.verified_by_name
    assert "Visite à Herten en 2025" in agreement.upcoming_projects
    last = agreement.history.first()
    assert "par lien personnel" in last.history_change_reason
    assert last.status == "dormant"
    # The recorded e-mail differs: a conflict to decide, not a silent change; the
    # missing phone is filled.
    register["contact"].refresh_from_db()
    assert register["contact"].email == "comite@example.org"
    assert register["contact"].phone == "03 21 00 00 00"
    conflict = Conflict.objects.get(agreement=agreement, field=ConflictField.CONTACT)
    assert "claire@arras.example" in conflict.proposed_label
    # Reused: refused, nothing changes.
    again = client.post(url, {"status": "active", "answered_by_name": "Quelqu'un"})
    assert again.status_code == 410
    assert "déjà servi" in text(again)
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.DORMANT


def test_a_link_does_not_open_another_agreement(
    register, staff, client, django_capture_on_commit_callbacks
):
    launch(staff, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(agreement=register["arras"])
    token = campaigns.make_token(invitation)
    other = reverse("twinnings:verify", args=[register["ipswich"].pk, token])
    assert client.get(other).status_code == 403
    response = client.post(other, {"status": "dormant", "answered_by_name": "X"})
    assert response.status_code == 403
    assert "concerne un autre jumelage" in text(response)
    assert Agreement.objects.get(pk=register["ipswich"].pk).status == AgreementStatus.ACTIVE
    assert not Invitation.objects.answered().exists()


def test_an_expired_link_is_refused(register, staff, client, django_capture_on_commit_callbacks):
    launch(staff, django_capture_on_commit_callbacks, valid_days=1)
    invitation = Invitation.objects.get(agreement=register["calais"])
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    url = reverse(
        "twinnings:verify", args=[invitation.agreement_id, campaigns.make_token(invitation)]
    )
    response = client.post(url, {"status": "active", "answered_by_name": "Mairie"})
    assert response.status_code == 410
    assert "a expiré" in text(response)
    assert Agreement.objects.get(pk=register["calais"].pk).verified_on is None


def test_a_tampered_token_is_refused(register, staff, client, django_capture_on_commit_callbacks):
    launch(staff, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(agreement=register["calais"])
    token = campaigns.make_token(invitation)
    url = reverse("twinnings:verify", args=[invitation.agreement_id, token[:-2] + "xx"])
    response = client.get(url)
    assert response.status_code == 404
    assert "n'est pas valide" in text(response)


def test_the_local_party_answer_corrects_its_contact(
    register, staff, client, django_capture_on_commit_callbacks
):
    launch(staff, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(agreement=register["calais"])
    url = reverse(
        "twinnings:verify", args=[invitation.agreement_id, campaigns.make_token(invitation)]
    )
    bad = client.post(url, {"status": "ended", "answered_by_name": "Paul"})
    assert bad.status_code == 200 and "Sélectionnez un choix valide" in text(bad)
    client.post(url, {"status": "active", "answered_by_name": "Paul Martin",
                      "contact_email": "relations@calais.example"})  # fmt: skip
    party = register["calais"].local_parties.get()
    assert party.contact_email == "relations@calais.example"
    assert party.contact_name == "Mairie de Calais"


def test_campaign_page_shows_who_answered(
    register, staff, client_for, django_capture_on_commit_callbacks
):
    campaign = launch(staff, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(agreement=register["arras"])
    campaigns.answer_invitation(invitation.agreement_id, campaigns.make_token(invitation),
                                status="active", answered_by_name="Claire Lemaire")  # fmt: skip
    page = client_for(staff).get(reverse("twinnings:campaign", args=[campaign.pk]))
    body = text(page)
    assert "1 sur 3 liens" in body
    assert "Actif le" in body and "par Claire Lemaire" in body
    assert "Jumelages sans adresse (1)" in body
    assert "Rybnik" in body


def test_the_campaign_mail_names_the_departement_without_nested_brackets(
    register, staff, django_capture_on_commit_callbacks
):
    launch(staff, django_capture_on_commit_callbacks)
    body = mail.outbox[0].body
    assert "du département (Pas-de-Calais, 62)" in body
    assert "))" not in body


def _answer(agreement, **fields):
    invitation = Invitation.objects.get(agreement=agreement)
    return campaigns.answer_invitation(
        invitation.agreement_id, campaigns.make_token(invitation), status="active",
        answered_by_name="Claire Lemaire", **fields,
    )  # fmt: skip


def test_an_answer_that_changes_the_committee_contact_is_a_conflict_to_decide(
    register, staff, client_for, django_capture_on_commit_callbacks
):
    launch(staff, django_capture_on_commit_callbacks)
    _answer(register["arras"], contact_name="Paul Martin", contact_email="paul@arras.example")
    contact = register["contact"]
    contact.refresh_from_db()
    assert (contact.name, contact.email) == ("Claire Lemaire", "comite@example.org")
    conflict = Conflict.objects.get(agreement=register["arras"], field=ConflictField.CONTACT)
    assert "Claire Lemaire" in conflict.current_label
    assert conflict.proposed_label == "Paul Martin <paul@arras.example>"
    created = conflict.history.get()
    assert "par lien personnel" in created.history_change_reason
    page = client_for(staff).get(reverse("twinnings:conflicts"))
    assert "Paul Martin <paul@arras.example>" in text(page)
    services.decide_conflict(conflict.pk, actor=staff, decision=ConflictDecision.REPLACE)
    agreement = Agreement.objects.select_related("contact").get(pk=register["arras"].pk)
    assert (agreement.contact.name, agreement.contact.email) == (
        "Paul Martin", "paul@arras.example",
    )  # fmt: skip
    assert "Conflit n°" in agreement.history.first().history_change_reason
    # The other agreement of the committee keeps the recorded contact.
    assert Agreement.objects.get(pk=register["ipswich"].pk).contact_id == contact.pk


def test_an_answer_that_fills_a_missing_contact_is_applied(
    register, staff, django_capture_on_commit_callbacks
):
    launch(staff, django_capture_on_commit_callbacks)
    _answer(register["arras"], contact_name="Claire Lemaire",
            contact_email="COMITE@example.org", contact_phone="03 21 11 22 33")  # fmt: skip
    contact = register["contact"]
    contact.refresh_from_db()
    assert contact.phone == "03 21 11 22 33"
    assert not Conflict.objects.exists()
    assert contact.history.count() == 2


def test_an_answer_for_a_committee_without_contact_adds_it(
    db, staff, django_capture_on_commit_callbacks
):
    from tests.organisations.factories import OrganisationFactory

    committee = OrganisationFactory(name="Comité de Béthune", twinning=True, email="b@example.org")
    agreement = make_agreement("62119", "Hastings", "GB", committee=committee)
    launch(staff, django_capture_on_commit_callbacks)
    _answer(agreement, contact_name="Luc Roy", contact_email="luc@bethune.example")
    agreement.refresh_from_db()
    assert agreement.contact.email == "luc@bethune.example"
    assert not Conflict.objects.exists()

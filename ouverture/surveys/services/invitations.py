"""Personal links: signed token, no account, expiring, one submission each."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from ouverture.core import history
from ouverture.core.formats import format_date
from ouverture.core.links import absolute_url
from ouverture.surveys.models import (
    Invitation,
)

TOKEN_SALT = "ouverture.surveys.invitation"


def link_days():
    """How long a personal link stays valid when the questionnaire has no closing date."""
    return getattr(settings, "OUVERTURE_SURVEY_LINK_DAYS", 30)


# ---------------------------------------------------------------- invitations


@dataclass(frozen=True)
class Recipient:
    """Someone to invite: the reference is the caller's ("events.registration:42")."""

    name: str
    email: str
    reference: str = ""


def _recipient(item):
    if isinstance(item, Recipient):
        return item
    if isinstance(item, Mapping):
        return Recipient(item.get("name", ""), item.get("email", ""), item.get("reference", ""))
    return Recipient(*item)


def invitation_token(invitation):
    """The signed token of a personal link (no account needed)."""
    return signing.Signer(salt=TOKEN_SALT).sign(invitation.key)


def invitation_url(invitation):
    from django.urls import reverse

    path = reverse("surveys:answer", args=[invitation_token(invitation)])
    return absolute_url(path)


def find_invitation(token):
    """The invitation of a personal link, or a ValidationError a person understands."""
    try:
        key = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        raise ValidationError("Ce lien n'est pas valide : vérifiez qu'il est complet.") from None
    invitation = (
        Invitation.objects.select_related("questionnaire", "response").filter(key=key).first()
    )
    if invitation is None:
        raise ValidationError("Ce lien n'est plus valide : l'invitation a été retirée.")
    return invitation


def _send_invitations(invitations, subject, message):
    connection = get_connection()
    messages = []
    for invitation in invitations:
        body = (
            f"Bonjour {invitation.name},\n\n"
            + (f"{message.strip()}\n\n" if message.strip() else "")
            + f"Vous êtes invité·e à répondre au questionnaire « {invitation.questionnaire} ».\n"
            f"Votre lien personnel (une seule réponse, valable jusqu'au "
            f"{format_date(timezone.localtime(invitation.expires_at).date())}) :\n"
            f"{invitation_url(invitation)}\n\n"
            "Merci de votre participation.\n"
        )
        messages.append(
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
        )
    connection.send_messages(messages)


@transaction.atomic
def invite(questionnaire, recipients, *, actor, subject=None, message="", expires_at=None):
    """Create a personal link for each recipient and e-mail it (after commit).

    Recipients are `Recipient`s, dicts or (name, email, reference) tuples. Someone
    already invited (same reference, or same e-mail without reference) is skipped.
    Returns the new invitations.
    """
    if not questionnaire.is_accepting_answers():
        raise ValidationError(
            "Ouvrez le questionnaire avant d'inviter : il n'accepte pas de réponses."
        )
    now = timezone.now()
    expires_at = expires_at or questionnaire.closes_at or now + dt.timedelta(days=link_days())
    if expires_at <= now:
        raise ValidationError({"expires_at": "La date d'expiration des liens est passée."})
    people = [_recipient(item) for item in recipients]
    if not people:
        raise ValidationError({"recipients": "Indiquez au moins une personne à inviter."})
    errors = []
    for n, person in enumerate(people, start=1):
        if not person.name.strip():
            errors.append(f"Destinataire n° {n} : le nom manque.")
        try:
            validate_email(person.email.strip())
        except ValidationError:
            errors.append(
                f"Destinataire n° {n} ({person.name}) : « {person.email} » n'est pas une adresse e-mail."
            )
    if errors:
        raise ValidationError({"recipients": errors})
    existing = questionnaire.invitations.values_list("reference", "email")
    references = {ref for ref, _ in existing if ref}
    emails = {email.lower() for ref, email in existing if not ref}
    created = []
    for person in people:
        email = person.email.strip()
        if (person.reference and person.reference in references) or (
            not person.reference and email.lower() in emails
        ):
            continue
        if person.reference:
            references.add(person.reference)
        else:
            emails.add(email.lower())
        invitation = Invitation(
            questionnaire=questionnaire,
            name=person.name.strip(),
            email=email,
            reference=person.reference,
            expires_at=expires_at,
            sent_at=now,
        )
        created.append(history.save(invitation, actor))
    if created:
        subject = subject or f"Questionnaire : {questionnaire.title}"
        transaction.on_commit(lambda: _send_invitations(created, subject, message))
    return created


@transaction.atomic
def resend_invitation(invitation, *, actor, subject=None):
    if hasattr(invitation, "response"):
        raise ValidationError("Cette personne a déjà répondu : rien à renvoyer.")
    if not invitation.questionnaire.is_accepting_answers():
        raise ValidationError("Le questionnaire n'accepte plus de réponses.")
    invitation.sent_at = timezone.now()
    if invitation.is_expired():
        invitation.expires_at = timezone.now() + dt.timedelta(days=link_days())
    history.save(invitation, actor, reason="Invitation renvoyée")
    subject = subject or f"Questionnaire : {invitation.questionnaire.title}"
    transaction.on_commit(lambda: _send_invitations([invitation], subject, ""))
    return invitation

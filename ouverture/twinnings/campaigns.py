"""Verification campaigns: agreements not verified for N months get personal links.

Each local party or committee with an e-mail address receives, for each of its
agreements, a link that needs no account: a signed token (Django's signing with
the secret key) naming the invitation and a random nonce stored with it. The link
expires, serves once, and opens only the agreement it was made for. The answer
(active or dormant, corrected contact, upcoming projects) updates the agreement
and its history; e-mails leave through Django's mail backend once the
transaction is committed.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ouverture.core import history
from ouverture.core.formats import format_date
from ouverture.core.links import absolute_url
from ouverture.twinnings.enums import ANSWER_STATUSES, AgreementStatus, RecipientKind
from ouverture.twinnings.models import Agreement, Campaign, Invitation
from ouverture.twinnings.services import stale_since

SALT = "ouverture.twinnings.verification"
MAX_VALID_DAYS = 180


class LinkRefused(Exception):
    """A personal link that cannot be used; the message says why, in French."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.message = message
        self.status = status


def make_token(invitation):
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


def link_for(invitation):
    path = reverse("twinnings:verify", args=[invitation.agreement_id, make_token(invitation)])
    return absolute_url(path)


def candidates(stale_months, today=None):
    """Agreements still running and not verified since N months (never verified included)."""
    return (
        Agreement.objects.not_verified_since(stale_since(stale_months, today))
        .select_related("committee", "contact")
        .prefetch_related("local_parties__commune")
        .order_by("search_title", "pk")
    )


@dataclass(frozen=True)
class Recipient:
    kind: str
    name: str
    email: str
    local_party: object = None
    contact: object = None


def recipients_for(agreement):
    """Who is asked: the committee (its contact, else its own address) and every
    local party with a contact address; one invitation per address."""
    found = []
    committee = agreement.committee
    if committee is not None:
        contact = agreement.contact
        if contact is not None and contact.email:
            found.append(Recipient(RecipientKind.COMMITTEE, f"{contact.name} ({committee})",
                                   contact.email, contact=contact))  # fmt: skip
        elif committee.email:
            found.append(Recipient(RecipientKind.COMMITTEE, str(committee), committee.email))
    for party in agreement.local_parties.all():
        if party.contact_email:
            name = f"{party.contact_name} ({party.label})" if party.contact_name else party.label
            found.append(
                Recipient(RecipientKind.LOCAL_PARTY, name, party.contact_email, local_party=party)
            )
    unique = {}
    for recipient in found:
        unique.setdefault(recipient.email.lower(), recipient)
    return list(unique.values())


@transaction.atomic
def launch_campaign(*, actor, name, stale_months, valid_days=30, message="", today=None):
    """Creates the campaign and one invitation per agreement and recipient; the
    e-mails leave when the transaction commits."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Donnez un nom à la campagne."})
    if stale_months is None or not 0 <= stale_months <= 240:
        raise ValidationError({"stale_months": "Indiquez un nombre de mois entre 0 et 240."})
    if valid_days is None or not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError(
            {"valid_days": f"Les liens restent valables de 1 à {MAX_VALID_DAYS} jours."}
        )
    today = today or timezone.localdate()
    agreements = list(candidates(stale_months, today))
    if not agreements:
        raise ValidationError(
            f"Aucun jumelage en cours n'attend de vérification depuis {stale_months} mois."
        )
    expires_on = today + dt.timedelta(days=valid_days)
    reached = {a.pk: recipients_for(a) for a in agreements}
    campaign = history.save(
        Campaign(name=name, stale_months=stale_months, expires_on=expires_on, message=message,
                 created_by=actor, unreachable=[pk for pk, found in reached.items() if not found]),
        actor,
    )  # fmt: skip
    expires_at = timezone.make_aware(dt.datetime.combine(expires_on, dt.time(23, 59, 59)))
    invitations = [
        Invitation(
            campaign=campaign,
            agreement=agreement,
            recipient_kind=r.kind,
            local_party=r.local_party,
            contact=r.contact,
            recipient_name=r.name[:200],
            email=r.email,
            nonce=secrets.token_hex(16),
            expires_at=expires_at,
        )  # fmt: skip
        for agreement in agreements
        for r in reached[agreement.pk]
    ]
    bulk_create_with_history(
        invitations, Invitation, default_user=actor, default_change_reason=f"Campagne {name}"
    )
    ids = [i.pk for i in Invitation.objects.filter(campaign=campaign).only("pk")]
    transaction.on_commit(lambda: send_invitations(campaign.pk, ids))
    return campaign


def _departement_name():
    from ouverture.geo.models import Departement

    code = settings.OUVERTURE_DEPARTEMENT
    departement = Departement.objects.filter(code=code).first()
    # "Pas-de-Calais, 62": the name and code without nesting brackets in the sentence.
    return f"{departement.name}, {code}" if departement else code


def _email_body(campaign, invitations):
    lines = [
        "Bonjour,",
        "",
        "Le réseau qui accompagne les jumelages met à jour la base des jumelages des communes "
        f"du département ({_departement_name()}), pour que l'appel à projets du Département "
        "pour les jumelages atteigne tous les jumelages vivants.",
        "",
    ]
    if campaign.message:
        lines += [campaign.message, ""]
    lines.append(
        "Pour chaque jumelage ci-dessous, un lien personnel (sans compte) vous permet de "
        "confirmer s'il est actif ou en sommeil, de corriger le contact et d'indiquer vos "
        "projets à venir :"
    )
    lines.append("")
    for invitation in invitations:
        lines += [f"- {invitation.agreement} : {link_for(invitation)}"]
    lines += [
        "",
        f"Chaque lien ne sert qu'une fois et expire le {format_date(campaign.expires_on)}.",
        "",
        "Merci de votre aide,",
        "L'équipe du réseau",
    ]
    return "\n".join(lines)


def send_invitations(campaign_id, invitation_ids):
    """One e-mail per address, listing that recipient's links; marks them sent."""
    campaign = Campaign.objects.get(pk=campaign_id)
    invitations = list(
        Invitation.objects.filter(pk__in=invitation_ids, sent_at__isnull=True)
        .select_related("agreement")
        .order_by("email", "pk")
    )
    by_email = {}
    for invitation in invitations:
        by_email.setdefault(invitation.email.lower(), []).append(invitation)
    for group in by_email.values():
        count = len(group)
        subject = (
            f"Votre jumelage {group[0].agreement} est-il toujours actif ?"
            if count == 1
            else f"Vos {count} jumelages sont-ils toujours actifs ?"
        )
        EmailMessage(subject[:180], _email_body(campaign, group), to=[group[0].email]).send()
        Invitation.objects.filter(pk__in=[i.pk for i in group]).update(sent_at=timezone.now())
    return len(by_email)


def open_invitation(agreement_pk, token, *, for_update=False):
    """The invitation behind a personal link, or LinkRefused with the reason."""
    try:
        data = signing.loads(token, salt=SALT)
        pk, nonce = int(data["i"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkRefused(
            "Ce lien de vérification n'est pas valide : vérifiez qu'il a été copié en entier "
            "depuis le message reçu.",
            status=404,
        ) from None
    qs = Invitation.objects.select_related("campaign", "agreement", "contact", "local_party")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.filter(pk=pk, nonce=nonce).first()
    if invitation is None:
        raise LinkRefused("Ce lien de vérification n'existe plus.", status=404)
    if invitation.agreement_id != agreement_pk:
        # The agreement may have been merged into another since the link was sent.
        from ouverture.twinnings.services import surviving_id

        agreement_pk = surviving_id(agreement_pk)
    if invitation.agreement_id != agreement_pk:
        raise LinkRefused(
            "Ce lien personnel concerne un autre jumelage : il ne donne pas accès à celui-ci. "
            "Utilisez le lien reçu pour chaque jumelage.",
            status=403,
        )
    if invitation.answered_at is not None:
        raise LinkRefused(
            f"Ce lien a déjà servi le {format_date(timezone.localtime(invitation.answered_at))} : "
            "il n'est valable qu'une fois. Merci pour votre réponse ; pour la corriger, "
            "écrivez au réseau.",
            status=410,
        )
    if invitation.expires_at < timezone.now():
        raise LinkRefused(
            f"Ce lien a expiré le {format_date(timezone.localtime(invitation.expires_at))}. "
            "Demandez un nouveau lien au réseau qui vous l'a envoyé.",
            status=410,
        )
    return invitation


@transaction.atomic
def answer_invitation(agreement_pk, token, *, status, answered_by_name, contact_name="",
                      contact_email="", contact_phone="", upcoming_projects="", actor=None):  # fmt: skip
    """The recipient's answer through its link: the agreement's status, verification
    date and contact are updated, with the history saying who answered. `actor`: the
    account the answer came through (the API's token owner), None from the public page."""
    from ouverture.organisations.services import add_contact, update_contact
    from ouverture.twinnings.services import update_local_party_contact

    invitation = open_invitation(agreement_pk, token, for_update=True)
    if status not in ANSWER_STATUSES:
        raise ValidationError({"status": "Indiquez si le jumelage est actif ou en sommeil."})
    answered_by_name = (answered_by_name or "").strip()
    if not answered_by_name:
        raise ValidationError({"answered_by_name": "Indiquez votre nom."})
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise ValidationError(
                {"contact_email": f"« {contact_email} » n'est pas une adresse e-mail."}
            ) from None
    now = timezone.now()
    reason = (
        f"Réponse de {answered_by_name} ({invitation.recipient_name}) par lien personnel, "
        f"campagne « {invitation.campaign} »"
    )[:100]
    invitation.answered_at = now
    invitation.answer_status = status
    invitation.answered_by_name = answered_by_name[:200]
    invitation.contact_name, invitation.contact_email, invitation.contact_phone = (
        contact_name, contact_email, contact_phone,
    )  # fmt: skip
    invitation.upcoming_projects = upcoming_projects
    history.save(invitation, actor, reason=reason)

    agreement = invitation.agreement
    _answer_status(invitation, agreement, status, reason, actor=actor)
    agreement.verified_on = timezone.localdate()
    agreement.verified_by = None
    agreement.verified_by_name = f"{answered_by_name} ({invitation.recipient_name})"[:200]
    if upcoming_projects.strip():
        dated = f"{format_date(timezone.localdate())} — {answered_by_name} : {upcoming_projects.strip()}"
        agreement.upcoming_projects = "\n".join(
            x for x in (agreement.upcoming_projects, dated) if x
        )
    if contact_name or contact_email or contact_phone:
        if invitation.recipient_kind == RecipientKind.COMMITTEE and agreement.committee_id:
            contact = invitation.contact or agreement.contact
            if contact is not None:
                _answer_contact(contact, agreement, reason, update_contact, actor=actor,
                                name=contact_name, email=contact_email, phone=contact_phone)  # fmt: skip
            else:
                agreement.contact = add_contact(
                    agreement.committee, actor=actor, name=contact_name or answered_by_name,
                    email=contact_email, phone=contact_phone,
                )  # fmt: skip
        elif invitation.local_party is not None:
            party = invitation.local_party
            update_local_party_contact(
                party, actor=actor, contact_name=contact_name or party.contact_name,
                contact_email=contact_email or party.contact_email,
                contact_phone=contact_phone or party.contact_phone,
            )  # fmt: skip
    history.save(agreement, actor, reason=reason)
    return invitation


def _answer_contact(contact, agreement, reason, update_contact, *, actor=None, **given):
    """As for a file's row: what the answer gives where the recorded contact is blank
    is filled; a value that differs from a recorded one becomes a conflict a person
    decides on the review screen (the recorded value stands meanwhile)."""
    from ouverture.twinnings.enums import ConflictField
    from ouverture.twinnings.models import Conflict

    recorded = {"name": contact.name, "email": contact.email, "phone": contact.phone}
    given = {k: (v or "").strip() for k, v in given.items()}
    differs = [
        k for k, v in given.items()
        if v and recorded[k] and (v.lower() != recorded[k].lower() if k == "email"
                                  else v != recorded[k])
    ]  # fmt: skip
    if any(v and not recorded[k] for k, v in given.items()):
        update_contact(contact, actor=actor, name=contact.name or given["name"],
                       email=contact.email or given["email"], phone=contact.phone or given["phone"])  # fmt: skip
    if differs:
        merged = {k: given[k] or recorded[k] for k in recorded}
        label = " ".join(x for x in (merged["name"], f"<{merged['email']}>" if merged["email"]
                                     else "", merged["phone"]) if x)[:300]  # fmt: skip
        current = " ".join(x for x in (recorded["name"], f"<{recorded['email']}>"
                                       if recorded["email"] else "", recorded["phone"]) if x)  # fmt: skip
        if not Conflict.objects.filter(agreement=agreement, field=ConflictField.CONTACT,
                                       proposed_label=label, decided_at__isnull=True).exists():  # fmt: skip
            history.save(Conflict(
                agreement=agreement, field=ConflictField.CONTACT, current_label=current[:300],
                proposed_label=label, origin=reason[:300],
                proposed={"committee": True, "contact_name": merged["name"],
                          "contact_email": merged["email"], "contact_phone": merged["phone"]},
            ), actor, reason=reason)  # fmt: skip


def _answer_status(invitation, agreement, status, reason, *, actor=None):
    """The same rules as a file's row: the answer's status is applied and kept with its
    date and source; when another answer of the same campaign said otherwise, it is a
    conflict a person decides (the first answer stands meanwhile)."""
    from ouverture.twinnings.enums import ConflictField
    from ouverture.twinnings.models import Conflict, StatusChange

    labels = dict(AgreementStatus.choices)
    other = (
        Invitation.objects.filter(campaign=invitation.campaign, agreement=agreement)
        .exclude(pk=invitation.pk)
        .answered()
        .exclude(answer_status=status)
        .first()
    )
    previous = agreement.status
    if other is not None:
        proposed = labels[status]
        if not Conflict.objects.filter(agreement=agreement, field=ConflictField.STATUS,
                                       proposed_label=proposed, decided_at__isnull=True).exists():  # fmt: skip
            history.save(Conflict(
                agreement=agreement, field=ConflictField.STATUS,
                current_label=labels[agreement.status], proposed_label=proposed,
                proposed={"status": status, "note": ""}, origin=reason[:300]), actor)  # fmt: skip
        StatusChange.objects.create(agreement=agreement, status=status, previous=previous,
                                    applied=False, origin=reason[:300],
                                    recorded_on=timezone.localdate())  # fmt: skip
        return
    if previous != status:
        agreement.status = status
        agreement.status_note = ""
        StatusChange.objects.create(agreement=agreement, status=status, previous=previous,
                                    origin=reason[:300], recorded_on=timezone.localdate())  # fmt: skip


def progress(campaign):
    """Counts for the campaign page."""
    invitations = campaign.invitations.all()
    answered = invitations.answered()
    return {
        "invitations": invitations.count(),
        "agreements": invitations.values("agreement_id").distinct().count(),
        "answered": answered.count(),
        "active": answered.filter(answer_status=AgreementStatus.ACTIVE).count(),
        "dormant": answered.filter(answer_status=AgreementStatus.DORMANT).count(),
    }

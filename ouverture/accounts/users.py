"""Administrators manage accounts: invite (a link to choose one's password), set the role and
the organisation, deactivate. Every change goes through core.history.save with the actor."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ouverture.accounts.enums import Role
from ouverture.accounts.models import User
from ouverture.core import history
from ouverture.core.links import absolute_url

PROFILE_FIELDS = ("first_name", "last_name", "email", "phone", "role")


def invitation_link(user):
    """The absolute link where the person chooses a password (Django's reset token: it
    serves once, and no longer once the password is set or after PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "users:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def send_invitation(user):
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    send_mail(
        "Votre compte sur la plateforme Ouverture",
        f"Bonjour {user.get_full_name() or user.email},\n\n"
        f"Un compte a été ouvert pour vous ({user.get_role_display()}).\n"
        f"Choisissez votre mot de passe en suivant ce lien, valable {days} jours :\n"
        f"{invitation_link(user)}\n\n"
        f"Votre identifiant : {user.username}\n",
        None,
        [user.email],
    )


# Who may belong to a structure: a holder (its own), a funder officer (the funder it works
# for: it then reaches that funder's agreements only; without one, the default funder's).
ATTACHED_ROLES = (Role.PROJECT_HOLDER, Role.FUNDER_OFFICER)


def _check(user, organisation):
    errors = {}
    if not user.email:
        errors["email"] = "Indiquez l'adresse e-mail de la personne : l'invitation y est envoyée."
    elif User.objects.filter(email__iexact=user.email).exclude(pk=user.pk).exists():
        errors["email"] = f"Un compte existe déjà avec l'adresse {user.email}."
    if user.role not in Role.values:
        errors["role"] = "Choisissez un rôle de la liste."
    elif user.role == Role.PROJECT_HOLDER and organisation is None:
        errors["organisation"] = "Un porteur de projet appartient à une structure : choisissez-la."
    elif user.role not in ATTACHED_ROLES and organisation is not None:
        errors["organisation"] = (
            "Seul un porteur de projet ou un agent du financeur est rattaché à une structure."
        )
    if errors:
        raise ValidationError(errors)


def _set_membership(user, organisation, actor):
    from ouverture.organisations.models import Membership

    membership = Membership.objects.select_for_update().filter(user=user).first()
    if organisation is None:
        if membership is not None:
            history.delete(membership, actor, reason="Rattachement retiré")
        return
    if membership is None:
        history.save(Membership(user=user, organisation=organisation), actor)
    elif membership.organisation_id != organisation.pk:
        membership.organisation = organisation
        history.save(membership, actor, reason="Changement de structure")


@transaction.atomic
def invite_user(*, actor, email, role, first_name="", last_name="", phone="", organisation=None):
    """A new account without a password; the person receives a link to choose it."""
    email = (email or "").strip()
    user = User(username=email.lower(), email=email, role=role, first_name=first_name,
                last_name=last_name, phone=phone)  # fmt: skip
    _check(user, organisation)
    if User.objects.filter(username=user.username).exists():
        raise ValidationError({"email": f"L'identifiant {user.username} est déjà pris."})
    user.set_unusable_password()
    history.save(user, actor, reason="Invitation", validate=False)
    _set_membership(user, organisation, actor)
    transaction.on_commit(lambda: send_invitation(user))
    return user


def _refuse_self_lockout(user, actor, *, role=None, active=True):
    if actor is not None and user.pk == actor.pk:
        if not active:
            raise ValidationError("Vous ne pouvez pas désactiver votre propre compte.")
        if role is not None and role != Role.ADMINISTRATOR and not user.is_superuser:
            raise ValidationError(
                {"role": "Vous ne pouvez pas retirer votre propre rôle d'administrateur·rice."}
            )


@transaction.atomic
def update_user(user, *, actor, organisation=None, **changes):
    """Profile, role and organisation; saves only the fields that change."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    _refuse_self_lockout(user, actor, role=changes.get("role"))
    changed = [name for name, value in changes.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, changes[name])
    _check(user, organisation)
    if changed:
        history.save(user, actor, validate=False, update_fields=changed)
    _set_membership(user, organisation, actor)
    return user


@transaction.atomic
def set_active(user, *, actor, active):
    user = User.objects.select_for_update().get(pk=user.pk)
    _refuse_self_lockout(user, actor, active=active)
    if user.is_active != active:
        user.is_active = active
        reason = "Compte réactivé" if active else "Compte désactivé"
        history.save(user, actor, reason=reason, validate=False, update_fields=["is_active"])
    return user


@transaction.atomic
def resend_invitation(user, *, actor):
    if user.has_usable_password() and user.last_login:
        raise ValidationError(
            "Cette personne s'est déjà connectée : elle n'a plus besoin d'invitation."
        )
    if not user.is_active:
        raise ValidationError("Le compte est désactivé : réactivez-le d'abord.")
    transaction.on_commit(lambda: send_invitation(user))

"""Personal links e-mailed to people who registered (no account needed).

Opaque and expiring (`core.links`): the token carries the registration's and the
workshop's ids hidden and signed, and stops working `LINK_DAYS_AFTER` days after the
workshop (OUVERTURE_REGISTRATION_LINK_DAYS).
"""

import datetime as dt

from django.conf import settings

from ouverture.core.links import LinkExpired, LinkInvalid, make_token, read_token

PURPOSE = "events.registration"
LINK_DAYS_AFTER = 30


def registration_token(registration) -> str:
    days = getattr(settings, "OUVERTURE_REGISTRATION_LINK_DAYS", LINK_DAYS_AFTER)
    expires = registration.workshop.date + dt.timedelta(days=days)
    return make_token(PURPOSE, [registration.pk, registration.workshop_id], expires)


def read_registration_token(token, *, today=None) -> int:
    """The registration's id; raises LinkInvalid or LinkExpired (French messages)."""
    registration_pk, _workshop_pk = read_token(PURPOSE, token, today=today)
    return registration_pk


def registration_id_from_token(token) -> int | None:
    """The registration's id, or None when the token was altered, forged or expired."""
    try:
        return read_registration_token(token)
    except LinkInvalid:
        return None


__all__ = ["LinkExpired", "LinkInvalid", "read_registration_token", "registration_token"]

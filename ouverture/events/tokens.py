"""Signed tokens in the links e-mailed to people who registered (no account needed)."""

from django.core import signing

SALT = "ouverture.events.registration"


def registration_token(registration) -> str:
    return signing.dumps({"r": registration.pk, "w": registration.workshop_id}, salt=SALT)


def registration_id_from_token(token) -> int | None:
    """The registration's id, or None when the token was altered or forged."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    return data["r"]

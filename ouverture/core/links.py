"""Links: where they point, and the personal ones that carry no readable id.

Absolute links for e-mails, calendars and pages: one place decides the public address.

`OUVERTURE_BASE_URL` when it is set; otherwise the address of the request being
served (its scheme, host and port, so a server on port 8001 links to port 8001);
outside a request (a command, the task worker), the first concrete host of
`ALLOWED_HOSTS`.

Personal links sent to people without an account: opaque, signed, and expiring.

`make_token(purpose, numbers, expires_on)` packs a few integers (record ids) and an
expiry date, hides them with a keyed stream derived from SECRET_KEY and a random
nonce (so a link carries no readable id, and two links of the same record differ),
then signs the whole. `read_token(purpose, token)` gives the integers back, or
raises `LinkInvalid` (altered, forged, another purpose) or `LinkExpired`, each with a
French message for the page. A purpose is a fixed string per kind of link.
"""

import base64
import datetime as dt
import hashlib
import secrets
import struct
from contextvars import ContextVar

from django.conf import settings
from django.core import signing
from django.utils import timezone

_current_request = ContextVar("ouverture_current_request", default=None)


class CurrentRequestMiddleware:
    """Remembers the request being served so links built deep in a service use its host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def base_url(request=None):
    """The public address, without a trailing slash: "https://ouverture.example.fr"."""
    configured = getattr(settings, "OUVERTURE_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    request = request or _current_request.get()
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))), "localhost"
    )
    if host in {"localhost", "127.0.0.1"}:
        # The address `make run` serves on.
        return f"http://{host}:8000"
    return f"{'https' if settings.SECURE_SSL_REDIRECT else 'http'}://{host}"


def absolute_url(path, request=None):
    """`path` (from reverse()) as an absolute link on the public address."""
    return base_url(request) + path


def public_host(request=None):
    """The host part of the public address (calendar UIDs)."""
    return base_url(request).split("//", 1)[-1].split("/", 1)[0] or "ouverture"


NONCE_BYTES = 8


class LinkInvalid(Exception):
    message = "Ce lien n'est pas valide : vérifiez qu'il a été copié en entier."

    def __init__(self):
        super().__init__(self.message)


class LinkExpired(LinkInvalid):
    message = "Ce lien a expiré : demandez-en un nouveau à l'équipe qui vous l'a envoyé."


def _stream(purpose, nonce, length):
    key = hashlib.blake2b(
        f"{settings.SECRET_KEY}|links|{purpose}".encode(), digest_size=32
    ).digest()
    out, counter = b"", 0
    while len(out) < length:
        out += hashlib.blake2b(nonce + struct.pack(">I", counter), key=key).digest()
        counter += 1
    return out[:length]


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(purpose: str, numbers, expires_on: dt.date) -> str:
    numbers = [int(n) for n in numbers]
    plain = struct.pack(f">I{len(numbers)}q", expires_on.toordinal(), *numbers)
    nonce = secrets.token_bytes(NONCE_BYTES)
    hidden = bytes(a ^ b for a, b in zip(plain, _stream(purpose, nonce, len(plain)), strict=True))
    return signing.Signer(salt=f"ouverture.links.{purpose}").sign(_b64(nonce + hidden))


def read_token(purpose: str, token, *, today=None) -> tuple[int, ...]:
    try:
        value = signing.Signer(salt=f"ouverture.links.{purpose}").unsign(str(token or ""))
        raw = _unb64(value)
    except (signing.BadSignature, ValueError):
        raise LinkInvalid() from None
    nonce, hidden = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    if len(nonce) < NONCE_BYTES or len(hidden) < 4 or (len(hidden) - 4) % 8:
        raise LinkInvalid()
    plain = bytes(a ^ b for a, b in zip(hidden, _stream(purpose, nonce, len(hidden)), strict=True))
    expires, *numbers = struct.unpack(f">I{(len(plain) - 4) // 8}q", plain)
    if (today or timezone.localdate()).toordinal() > expires:
        raise LinkExpired()
    return tuple(numbers)

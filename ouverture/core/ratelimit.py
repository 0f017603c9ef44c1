"""Rate limits for what anyone can do without an account, counted in Django's cache.

`public_form(scope, link="key")` decorates a public view: each POST counts once per
address (the client's IP) and once per link (the URL parameter named `link`); past
the limit the view answers 429 with a French page and writes nothing.
`allow_email(address)` caps the confirmation e-mails one address receives, so a
public form cannot be used to send mail in bulk to someone else.

Limits are (count, seconds) settings: OUVERTURE_RATE_PER_ADDRESS,
OUVERTURE_RATE_PER_LINK, OUVERTURE_RATE_PER_EMAIL. The production settings keep the cache
in the database, so gunicorn's workers and several machines count together.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

DEFAULTS = {
    "OUVERTURE_RATE_PER_ADDRESS": (30, 3600),
    "OUVERTURE_RATE_PER_LINK": (300, 3600),
    "OUVERTURE_RATE_PER_EMAIL": (5, 86400),
}


def _limit(name):
    return getattr(settings, name, DEFAULTS[name])


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one more event for (scope, key); False once `limit` is passed in `window` s."""
    digest = hashlib.sha256(f"{scope}|{key}".encode()).hexdigest()[:32]
    name = f"ouverture:rate:{digest}"
    if cache.add(name, 1, timeout=window):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window)
        count = 1
    return count <= limit


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


def allow_email(address: str) -> bool:
    limit, window = _limit("OUVERTURE_RATE_PER_EMAIL")
    return hit("email", (address or "").strip().lower(), limit=limit, window=window)


def public_form(scope: str, link: str | None = None):
    """Decorator for a public view: POSTs limited per address and per link."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                limit, window = _limit("OUVERTURE_RATE_PER_ADDRESS")
                allowed = hit(f"{scope}:ip", client_address(request), limit=limit, window=window)
                if allowed and link and kwargs.get(link):
                    limit, window = _limit("OUVERTURE_RATE_PER_LINK")
                    allowed = hit(f"{scope}:link", str(kwargs[link]), limit=limit, window=window)
                if not allowed:
                    response = render(
                        request, "core/rate_limited.html", {"minutes": max(window // 60, 1)},
                        status=429,
                    )  # fmt: skip
                    response["Retry-After"] = str(window)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

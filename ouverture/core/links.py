"""Absolute links for e-mails, calendars and pages: one place decides the public address.

`OUVERTURE_BASE_URL` when it is set; otherwise the address of the request being
served (its scheme, host and port, so a server on port 8001 links to port 8001);
outside a request (a command, the task worker), the first concrete host of
`ALLOWED_HOSTS`.
"""

from contextvars import ContextVar

from django.conf import settings

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

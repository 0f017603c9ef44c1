"""Platform safety nets: a bound on request bodies, French error pages in every mode,
the health check. Wired in config/settings and config/urls."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

# Above this, a request is refused from its Content-Length header, before its body is read.
DEFAULT_MAX_REQUEST_BYTES = 25 * 1024 * 1024


def _render(request, template, status, context=None):
    try:
        body = loader.render_to_string(template, context or {}, request)
    except Exception:
        # The error page itself must never fail: a bare French page then.
        body = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Erreur</title>'
            "</head><body><h1>Une erreur est survenue</h1></body></html>"
        )
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


class RequestSizeLimitMiddleware:
    """Refuses (413, in French) a request whose declared body exceeds
    OUVERTURE_MAX_REQUEST_BYTES, without reading it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "OUVERTURE_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return _render(
                request,
                "413.html",
                413,
                {"limit_mb": max(1, limit // (1024 * 1024))},
            )
        return self.get_response(request)


class FrenchDebugPagesMiddleware:
    """With DEBUG on, Django answers a 404 with its English technical page listing every
    URL pattern (and a 400 or 500 with a traceback); this replaces them with the French
    pages, whatever the mode. The traceback still goes to the console log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code in TECHNICAL_PAGES
            and not getattr(response, "streaming", False)
            and b'<meta name="robots" content="NONE,NOARCHIVE">' in response.content[:1000]
        ):
            return TECHNICAL_PAGES[response.status_code](request)
        return response


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind our proxy (DJANGO_BEHIND_PROXY) the
    address the proxy appended last to X-Forwarded-For (earlier entries are the client's word)."""
    if getattr(settings, "OUVERTURE_BEHIND_PROXY", False):
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


@requires_csrf_token
def bad_request(request, exception=None):
    return _render(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    message = str(exception) if exception else ""
    return _render(request, "403.html", 403, {"exception": message})


@requires_csrf_token
def page_not_found(request, exception=None):
    return _render(request, "404.html", 404)


@requires_csrf_token
def server_error(request):
    return _render(request, "500.html", 500)


def csrf_failure(request, reason=""):
    return _render(request, "403_csrf.html", 403)


TECHNICAL_PAGES = {
    400: bad_request,
    404: page_not_found,
    500: server_error,
}


@never_cache
@require_safe
def health(request):
    """Public: 200 "ok" when the database answers, 503 otherwise (for a load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"statut": "erreur", "base_de_donnees": "injoignable"}, status=503)
    return JsonResponse({"statut": "ok", "base_de_donnees": "ok"})

"""The platform's URLs plus views that fail on purpose (error page tests)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


@login_not_required
def boom(request):
    raise RuntimeError("boom")


@login_not_required
def suspicious(request):
    raise SuspiciousOperation("bad")


@login_not_required
def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    *urlpatterns,
    path("public/test-erreur/500/", boom),
    path("public/test-erreur/400/", suspicious),
    path("public/test-erreur/403/", forbidden),
]

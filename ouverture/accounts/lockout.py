"""The page django-axes shows when a login is refused after too many failures (French)."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, response=None, credentials=None):
    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )

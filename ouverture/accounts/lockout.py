"""The page django-axes shows when a login is refused after too many failures (French)."""

from axes.backends import AxesStandaloneBackend
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


def attempted_username(request, credentials=None):
    """The username a login attempt names, cut to the model's length: django-axes stores it
    (255 characters), and a longer one typed on the form must not become a 500."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    return str(source.get("username") or "")[:150]


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for logins that come with a request (every web login). A
    check without a request (a command, the test client's `login()`) has no address to
    throttle and nobody on the other side: it goes on to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

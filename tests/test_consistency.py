"""Project-wide checks: every URL needs a login unless it opts out, the product never reads ../shared."""

from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent


def _patterns(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _api_endpoint(path, view):
    """/api/ skips the login redirect: a token authenticates it, and TokenScope refuses a
    request without one (401). Only the API's own description pages are public."""
    from ouverture.api.permissions import TokenScope
    from ouverture.api.views import PublicMixin

    cls = getattr(view, "cls", None)
    if not path.startswith("api/") or cls is None:
        return False
    if issubclass(cls, PublicMixin):
        return True
    return TokenScope in cls.permission_classes


def test_public_pages_are_an_explicit_list():
    public = sorted(
        path
        for path, view in _patterns(get_resolver())
        if not getattr(view, "login_required", True)
        and not path.startswith("admin/")
        and not _api_endpoint(path, view)
    )
    allowed_prefixes = ("connexion/", "public/", "p/", "sante/")
    assert all(any(part in path for part in allowed_prefixes) for path in public), public


def test_product_code_never_reads_the_shared_folder():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "ouverture").rglob("*.py")
        if "../shared" in path.read_text(encoding="utf-8")
        or "shared/data" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_hypothesis_runs_with_the_ci_profile_whatever_the_machine_speed():
    """The suite cannot fail because a draw was slow: no deadline, no speed health check, fixed examples."""
    import os

    from hypothesis import HealthCheck, settings

    ci = settings.get_profile("ci")
    assert ci.deadline is None
    assert HealthCheck.too_slow in ci.suppress_health_check
    assert ci.derandomize is True
    if "HYPOTHESIS_PROFILE" not in os.environ:
        assert settings.get_current_profile_name() == "ci"

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from ouverture.agreements.models import Agreement
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require


def visible_agreement(request, pk, perm=None):
    """The agreement through the user's scope (a holder gets a 404), then the named rule (403)."""
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user).with_parties(), pk=pk)
    require(request.user, "agreements.view_agreement", agreement)
    if perm:
        require(request.user, perm, agreement)
    return agreement


def call_service(form, function, *args, **kwargs):
    """Run a service; when it refuses, put its errors on the form and return None."""
    try:
        return function(*args, **kwargs)
    except ValidationError as error:
        apply_service_errors(form, error)
        return None


def serve_file(field):
    """A stored file, served only after the page's permission checks (never from MEDIA_URL)."""
    if not field:
        raise Http404("Aucun fichier.")
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("Fichier introuvable.") from None
    return FileResponse(handle, as_attachment=True, filename=field.name.rsplit("/", 1)[-1])


def permissions_for(user, agreement):
    return {
        "can_change": user.has_perm("agreements.change_agreement", agreement),
        "can_status": user.has_perm("agreements.change_status", agreement),
        "can_budget": user.has_perm("agreements.change_budget", agreement),
        "can_commit": user.has_perm("agreements.manage_commitments", agreement),
        "can_expense": user.has_perm("agreements.record_expense", agreement),
        "can_pay": user.has_perm("agreements.record_payment", agreement),
        "can_export": user.has_perm("agreements.export_agreement", agreement),
        "can_history": user.has_perm("agreements.view_history", agreement),
        # The acts' pages (a rule of assemblies, looked up by name: no import).
        "can_view_deliberations": user.has_perm("assemblies.view_deliberation"),
    }

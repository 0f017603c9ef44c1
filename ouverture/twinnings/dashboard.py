"""The twinnings panel of the dashboard."""

from ouverture.twinnings.models import Agreement
from ouverture.twinnings.services import stale_since


def panels(request):
    user = request.user
    if not user.has_perm("twinnings.list_twinnings"):
        return []
    qs = Agreement.objects.visible_to(user)
    context = {
        "total": qs.count(),
        "active": qs.active().count(),
        "to_review": qs.needing_review().count(),
        "stale": qs.not_verified_since(stale_since(12)).count(),
        "can_edit": user.has_perm("twinnings.change_agreement"),
    }
    if not context["total"] and not context["can_edit"]:
        return []
    return [{"template": "twinnings/_panel.html", "context": context}]

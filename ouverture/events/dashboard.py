"""The dashboard panel: upcoming workshops (and organisations to review, for staff)."""

from django.utils import timezone

from ouverture.events.models import Registration, Workshop


def panels(request):
    user = request.user
    if not user.has_perm("events.list_workshops"):
        return []
    staff = user.has_perm("events.view_workshop")
    upcoming = Workshop.objects.visible_to(user).collective().upcoming(timezone.localdate())
    upcoming = upcoming.with_counts() if staff else upcoming.open_to_all()
    context = {
        "staff": staff,
        "upcoming": list(upcoming.order_by("date", "start_time", "pk")[:5]),
        "pending": Registration.objects.pending_review().count()
        if user.has_perm("events.review_organisations")
        else 0,
    }
    return [{"template": "events/_panel.html", "context": context}]

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ouverture.coaching.models import FollowUp
from ouverture.core import history
from ouverture.core.permissions import require


def visible_follow_up(request, pk):
    # Fetched through the user's scope: another holder's follow-up is a 404.
    follow_up = get_object_or_404(
        FollowUp.objects.visible_to(request.user).select_related("organisation", "staff"), pk=pk
    )
    require(request.user, "coaching.view_follow_up", follow_up)
    return follow_up


@require_GET
def follow_up_detail(request, pk):
    follow_up = visible_follow_up(request, pk)
    context = {
        "follow_up": follow_up,
        "interactions": follow_up.interactions.select_related("staff"),
    }
    if request.user.has_perm("coaching.view_history", follow_up):
        context["history_entries"] = history.entries(follow_up)
    return render(request, "coaching/follow_up_detail.html", context)

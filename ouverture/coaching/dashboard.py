"""The coaching panel of the dashboard: the year's figures and the quick contact form."""

from django.utils import timezone

from ouverture.coaching.models import FollowUp, Interaction


def panels(request):
    user = request.user
    context = {}
    if user.has_perm("coaching.view_recap"):
        year = timezone.localdate().year
        context["year"] = year
        context["figures"] = Interaction.objects.between(f"{year}-01-01", f"{year}-12-31").figures()
    if user.has_perm("coaching.log_interaction"):
        from ouverture.coaching.views import quick_form_context

        context.update(quick_form_context(request))
    elif not user.has_perm("coaching.view_recap"):
        context["holder_follow_ups"] = list(
            FollowUp.objects.visible_to(user).order_by("-opened_on")
        )
    return [{"template": "coaching/_panel.html", "context": context}]

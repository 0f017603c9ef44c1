from django.shortcuts import render
from django.views.decorators.http import require_GET

from ouverture.core.permissions import require
from ouverture.privacy.registry import ACCOUNT_STORE, PROCESSINGS


@require_GET
def register(request):
    """The register of processing activities: what, why, how long, who sees it."""
    require(request.user, "privacy.view_register")
    return render(
        request,
        "privacy/register.html",
        {
            "processings": PROCESSINGS,
            "accounts": ACCOUNT_STORE,
            "can_act_on_person": request.user.has_perm("privacy.act_on_person"),
        },
    )

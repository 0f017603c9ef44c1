"""The review screen of conflicts: what a file or an answer contradicted, decided once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ouverture.core.permissions import require
from ouverture.twinnings import services
from ouverture.twinnings.enums import ConflictDecision
from ouverture.twinnings.models import Agreement, Conflict

LIMIT = 200


@require_GET
def conflict_list(request):
    require(request.user, "twinnings.review_agreement")
    visible = Agreement.objects.visible_to(request.user)
    pending = (
        Conflict.objects.filter(decided_at__isnull=True, agreement__in=visible)
        .select_related("agreement", "import_batch")
        .order_by("agreement__search_title", "pk")
    )
    decided = (
        Conflict.objects.filter(decided_at__isnull=False, agreement__in=visible)
        .select_related("agreement", "decided_by")
        .order_by("-decided_at")[:30]
    )
    return render(
        request,
        "twinnings/conflicts.html",
        {
            "pending": pending[:LIMIT],
            "pending_count": pending.count(),
            "decided": decided,
            "decisions": ConflictDecision,
        },
    )


@require_POST
def conflict_decide(request, pk):
    require(request.user, "twinnings.review_agreement")
    conflict = Conflict.objects.filter(
        pk=pk, agreement__in=Agreement.objects.visible_to(request.user)
    ).first()
    if conflict is None:
        from django.http import Http404

        raise Http404
    try:
        services.decide_conflict(conflict.pk, actor=request.user,
                                 decision=request.POST.get("decision", ""))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Conflit sur « {conflict.agreement} » décidé.")
    return redirect("twinnings:conflicts")

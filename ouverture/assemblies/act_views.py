"""The secretariat's screens for the act itself: draft the deliberation of a voted agenda item
(`drafting.draft`) and adopt it (`deliberations.adopt`: the credit is committed on the
funder's operation through agreements' services, the agreement created or updated and linked).
Rule `assemblies.record_sitting`, as the sitting's screens. A refused write comes back on the
form, next to its field, and nothing is written (the services run in one transaction)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from ouverture.assemblies import deliberations, drafting
from ouverture.assemblies.content import deliberation_content
from ouverture.assemblies.enums import Result
from ouverture.assemblies.forms import DeliberationDraftForm
from ouverture.assemblies.models import AgendaItem, Deliberation
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require

PERM = "assemblies.record_sitting"


def deliberation_draft(request, pk, item_pk):
    require(request.user, PERM)
    item = get_object_or_404(
        AgendaItem.objects.select_related("sitting__body", "credit_line__operation", "beneficiary"),
        pk=item_pk,
        sitting_id=pk,
    )
    sitting = item.sitting
    existing = Deliberation.objects.filter(item=item).first()
    if existing is not None:
        return redirect("assemblies:deliberation", number=existing.number)
    try:
        grants, grants_error = drafting.grants_of(item), None
    except ValidationError as error:
        grants, grants_error = [], error.messages
    form = DeliberationDraftForm(
        request.POST or None,
        initial={"number": f"{sitting.date.year}-", "title": item.title},
    )
    if request.method == "POST" and form.is_valid():
        try:
            act = drafting.draft(item, actor=request.user, **form.service_arguments())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Délibération n°{act.number} rédigée : adoptez-la.")
            return redirect("assemblies:deliberation_adopt", number=act.number)
    records = Deliberation.objects.select_related("body").order_by("-date", "number")[:300]
    return render(
        request,
        "assemblies/deliberation_draft.html",
        {"sitting": sitting, "item": item, "form": form, "grants": grants,
         "grants_error": grants_error, "voted": item.result == Result.ADOPTED,
         "records": records},
    )  # fmt: skip


def deliberation_adopt(request, number):
    """GET: the act as drafted, with the credit it commits; POST: adopt it."""
    require(request.user, PERM)
    act = get_object_or_404(
        Deliberation.objects.select_related("item__sitting", "body"), number=number
    )
    errors = []
    if request.method == "POST":
        try:
            deliberations.adopt(act, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                f"Délibération n°{act.number} adoptée : crédits engagés, convention liée.",
            )
            return redirect("assemblies:deliberation", number=act.number)
    lines = [i.credit_line for i in act.imputations.select_related("credit_line__operation")]
    return render(
        request,
        "assemblies/deliberation_adopt.html",
        {"act": act, "d": deliberation_content(act), "errors": errors, "lines": lines,
         "sitting": act.item.sitting if act.item_id else None,
         "adopted": act.result == Result.ADOPTED},
    )  # fmt: skip

"""Deliverables of a commitment: add, correct, remove (those who manage commitments)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ouverture.agreements import services
from ouverture.agreements.deliverable_forms import DeliverableForm
from ouverture.agreements.models import Commitment, Deliverable
from ouverture.agreements.views._common import call_service, visible_agreement


def _objects(request, pk, commitment_pk, deliverable_pk=None):
    agreement = visible_agreement(request, pk, "agreements.manage_commitments")
    commitment = get_object_or_404(Commitment, pk=commitment_pk, agreement=agreement)
    deliverable = (
        get_object_or_404(Deliverable, pk=deliverable_pk, commitment=commitment)
        if deliverable_pk
        else None
    )
    return agreement, commitment, deliverable


@require_http_methods(["GET", "POST"])
def deliverable_form(request, pk, commitment_pk, deliverable_pk=None):
    agreement, commitment, deliverable = _objects(request, pk, commitment_pk, deliverable_pk)
    form = DeliverableForm(request.POST or None, instance=deliverable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if deliverable:
            done = call_service(
                form, services.update_deliverable, deliverable, actor=request.user, **data
            )
        else:
            done = call_service(
                form, services.add_deliverable, commitment, actor=request.user, **data
            )
        if done:
            messages.success(request, f"Livrable « {done.title} » enregistré.")
            return redirect("agreements:commitment", pk=agreement.pk, commitment_pk=commitment.pk)
    context = {
        "form": form,
        "agreement": agreement,
        "commitment": commitment,
        "deliverable": deliverable,
    }
    return render(request, "agreements/deliverable_form.html", context)


@require_POST
def deliverable_delete(request, pk, commitment_pk, deliverable_pk):
    agreement, commitment, deliverable = _objects(request, pk, commitment_pk, deliverable_pk)
    services.remove_deliverable(deliverable, actor=request.user)
    messages.success(request, f"Livrable « {deliverable.title} » supprimé.")
    return redirect("agreements:commitment", pk=agreement.pk, commitment_pk=commitment.pk)

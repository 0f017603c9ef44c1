"""Screens of the commitments: progress and the rows behind each figure, form, evidence."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.agreements import services
from ouverture.agreements.forms import CommitmentForm
from ouverture.agreements.models import Commitment
from ouverture.agreements.progress import progress
from ouverture.agreements.views._common import (
    call_service,
    permissions_for,
    serve_file,
    visible_agreement,
)
from ouverture.core import history


def _commitment(agreement, commitment_pk):
    return get_object_or_404(
        Commitment.objects.select_related("budget_line"), pk=commitment_pk, agreement=agreement
    )


@require_GET
def commitment_detail(request, pk, commitment_pk):
    agreement = visible_agreement(request, pk)
    commitment = _commitment(agreement, commitment_pk)
    context = {
        "agreement": agreement,
        "commitment": commitment,
        "progress": progress(commitment),
        "deliverables": list(commitment.deliverables.all()),
        **permissions_for(request.user, agreement),
    }
    if context["can_history"]:
        context["history_entries"] = history.entries(commitment)
    return render(request, "agreements/commitment_detail.html", context)


@require_http_methods(["GET", "POST"])
def commitment_form(request, pk, commitment_pk=None):
    agreement = visible_agreement(request, pk, "agreements.manage_commitments")
    commitment = _commitment(agreement, commitment_pk) if commitment_pk else None
    initial = {} if commitment else {"measure_kind": "indicator"}
    if request.htmx and request.method == "GET" and "indicator_code" in request.GET:
        # The indicator changed: send back its parameters' fields, nothing is saved.
        initial["indicator_code"] = request.GET["indicator_code"]
        form = CommitmentForm(instance=commitment, agreement=agreement, initial=initial)
        return render(request, "agreements/commitment_form.html#params", {"form": form})
    form = CommitmentForm(
        request.POST or None,
        request.FILES or None,
        instance=commitment,
        agreement=agreement,
        initial=initial,
    )
    # Choosing another indicator swaps its parameters' fields in (htmx), nothing saved.
    form.fields["indicator_code"].widget.attrs.update(
        {"hx-get": request.path, "hx-target": "#indicator-params", "hx-swap": "outerHTML"}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("evidence_file"):
            data.pop("evidence_file", None)
        if commitment:
            done = call_service(
                form, services.update_commitment, commitment, actor=request.user, **data
            )
        else:
            done = call_service(
                form, services.add_commitment, agreement, actor=request.user, **data
            )
        if done:
            messages.success(request, f"Engagement « {done.label} » enregistré.")
            return redirect("agreements:commitment", pk=agreement.pk, commitment_pk=done.pk)
        if commitment:
            commitment.refresh_from_db()
    context = {"form": form, "agreement": agreement, "commitment": commitment}
    return render(request, "agreements/commitment_form.html", context)


@require_POST
def commitment_delete(request, pk, commitment_pk):
    agreement = visible_agreement(request, pk, "agreements.manage_commitments")
    commitment = _commitment(agreement, commitment_pk)
    services.remove_commitment(commitment, actor=request.user)
    messages.success(request, f"Engagement « {commitment.label} » supprimé.")
    return redirect("agreements:detail", pk=agreement.pk)


@require_GET
def commitment_evidence(request, pk, commitment_pk):
    agreement = visible_agreement(request, pk)
    return serve_file(_commitment(agreement, commitment_pk).evidence_file)

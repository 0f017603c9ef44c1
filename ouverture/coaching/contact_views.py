"""Corrections from the follow-up page: edit or delete a logged contact or a review entry.

Deletion asks first: GET shows what will be removed, the POST form removes it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ouverture.coaching import services
from ouverture.coaching.forms import InteractionForm, ReviewEditForm
from ouverture.coaching.views import visible_follow_up
from ouverture.core import history
from ouverture.core.formats import format_date, format_hours
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require


def _record(request, pk, related, record_pk, perm):
    # The follow-up through the user's scope (404 outside it), then the rule, then the record.
    follow_up = visible_follow_up(request, pk)
    require(request.user, perm, follow_up)
    record = get_object_or_404(getattr(follow_up, related).select_related("staff"), pk=record_pk)
    record.follow_up = follow_up
    return follow_up, record


def _describe(record):
    duration = record.duration_minutes
    what = (
        f"{record.get_channel_display()} du {format_date(record.date)}"
        if hasattr(record, "channel")
        else f"relecture du {format_date(record.date)}"
    )
    return what + (f", {format_hours(duration)}" if duration else "")


def _edit(request, follow_up, record, form, service, template_context):
    if request.method == "POST" and form.is_valid():
        try:
            service(record, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Correction enregistrée : {_describe(record)}.")
            return redirect("coaching:follow_up", pk=follow_up.pk)
    context = {"follow_up": follow_up, "record": record, "form": form, **template_context}
    if request.user.has_perm("coaching.view_history", follow_up):
        context["history_entries"] = history.entries(record)
    return render(request, "coaching/record_form.html", context)


def _delete(request, follow_up, record, service, template_context):
    error = None
    if request.method == "POST":
        description = _describe(record)
        try:
            service(record, actor=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"Supprimé : {description}.")
            return redirect("coaching:follow_up", pk=follow_up.pk)
    context = {
        "follow_up": follow_up,
        "record": record,
        "description": _describe(record),
        "error": error,
        **template_context,
    }
    return render(request, "coaching/record_delete.html", context, status=400 if error else 200)


CONTACT = {"noun": "le contact", "delete_url": "coaching:interaction_delete"}
REVIEW = {"noun": "la relecture", "delete_url": "coaching:review_delete"}


@require_http_methods(["GET", "POST"])
def interaction_update(request, pk, interaction_pk):
    follow_up, interaction = _record(
        request, pk, "interactions", interaction_pk, "coaching.change_interaction"
    )
    form = InteractionForm(request.POST or None, interaction=interaction)
    return _edit(request, follow_up, interaction, form, services.update_interaction, CONTACT)


@require_http_methods(["GET", "POST"])
def interaction_delete(request, pk, interaction_pk):
    follow_up, interaction = _record(
        request, pk, "interactions", interaction_pk, "coaching.delete_interaction"
    )
    return _delete(request, follow_up, interaction, services.delete_interaction, CONTACT)


@require_http_methods(["GET", "POST"])
def review_update(request, pk, review_pk):
    follow_up, review = _record(request, pk, "reviews", review_pk, "coaching.change_review")
    form = ReviewEditForm(request.POST or None, review=review)
    return _edit(request, follow_up, review, form, services.update_document_review, REVIEW)


@require_http_methods(["GET", "POST"])
def review_delete(request, pk, review_pk):
    follow_up, review = _record(request, pk, "reviews", review_pk, "coaching.delete_review")
    return _delete(request, follow_up, review, services.delete_document_review, REVIEW)

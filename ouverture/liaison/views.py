"""Screens of the liaison records: network staff keep them, the funder's officers read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history
from ouverture.core.formats import format_date
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.liaison import services
from ouverture.liaison.forms import EventForm, MeetingForm, OrganisationMetForm
from ouverture.liaison.models import (
    FunderMeeting,
    OrganisationMet,
    PromotionEvent,
    with_scheme_labels,
)

VIEW, MANAGE = "liaison.view_liaison", "liaison.manage_liaison"


def _call(form, function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except ValidationError as error:
        apply_service_errors(form, error)
        return None


def _year(request, queryset):
    years = sorted({d.year for d in queryset.dates("date", "year")}, reverse=True)
    year = request.GET.get("year", "")
    if year.isdigit():
        queryset = queryset.filter(date__year=int(year))
    return queryset, years, year


def _can(request):
    return {"can_manage": request.user.has_perm(MANAGE)}


# Meetings with the funder


@require_GET
def meeting_list(request):
    require(request.user, VIEW)
    meetings, years, year = _year(request, FunderMeeting.objects.prefetch_related("parties"))
    context = {"meetings": meetings, "years": years, "year": year, **_can(request)}
    return render(request, "liaison/meeting_list.html", context)


@require_GET
def meeting_detail(request, pk):
    require(request.user, VIEW)
    meeting = get_object_or_404(FunderMeeting.objects.prefetch_related("parties"), pk=pk)
    context = {"meeting": meeting, "history_entries": history.entries(meeting), **_can(request)}
    return render(request, "liaison/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
def meeting_form(request, pk=None):
    require(request.user, MANAGE)
    meeting = get_object_or_404(FunderMeeting, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if meeting:
            done = _call(form, services.update_meeting, meeting, actor=request.user, **data)
        else:
            done = _call(form, services.record_meeting, actor=request.user, **data)
        if done:
            messages.success(request, f"Rendez-vous du {format_date(done.date)} enregistré.")
            return redirect("liaison:meeting", pk=done.pk)
    return render(request, "liaison/meeting_form.html", {"form": form, "meeting": meeting})


@require_POST
def meeting_delete(request, pk):
    require(request.user, MANAGE)
    meeting = get_object_or_404(FunderMeeting, pk=pk)
    services.delete_meeting(meeting, actor=request.user)
    messages.success(request, "Rendez-vous supprimé.")
    return redirect("liaison:meetings")


# Promotion events and organisations met


@require_GET
def event_list(request):
    require(request.user, VIEW)
    events, years, year = _year(
        request,
        PromotionEvent.objects.select_related("organiser").prefetch_related(
            "organisations_met__organisation"
        ),
    )
    met = OrganisationMet.objects.filter(event__isnull=True).select_related("organisation")
    if year.isdigit():
        met = met.filter(year=int(year))
    events, met = with_scheme_labels(events), with_scheme_labels(met)
    context = {"events": events, "met": met, "years": years, "year": year, **_can(request)}
    return render(request, "liaison/event_list.html", context)


@require_GET
def event_detail(request, pk):
    require(request.user, VIEW)
    event = get_object_or_404(PromotionEvent.objects.select_related("organiser"), pk=pk)
    context = {
        "event": event,
        "met": with_scheme_labels(event.organisations_met.select_related("organisation")),
        "history_entries": history.entries(event),
        **_can(request),
    }
    return render(request, "liaison/event_detail.html", context)


@require_http_methods(["GET", "POST"])
def event_form(request, pk=None):
    require(request.user, MANAGE)
    event = get_object_or_404(PromotionEvent, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if event:
            done = _call(form, services.update_event, event, actor=request.user, **data)
        else:
            done = _call(form, services.record_event, actor=request.user, **data)
        if done:
            messages.success(request, f"Événement « {done.name} » enregistré.")
            return redirect("liaison:event", pk=done.pk)
    return render(request, "liaison/event_form.html", {"form": form, "event": event})


@require_POST
def event_delete(request, pk):
    require(request.user, MANAGE)
    event = get_object_or_404(PromotionEvent, pk=pk)
    services.delete_event(event, actor=request.user)
    messages.success(request, f"Événement « {event.name} » supprimé.")
    return redirect("liaison:events")


@require_http_methods(["GET", "POST"])
def met_form(request, pk=None):
    require(request.user, MANAGE)
    met = get_object_or_404(OrganisationMet, pk=pk) if pk else None
    initial = {}
    if not met and request.GET.get("event", "").isdigit():
        initial["event"] = int(request.GET["event"])
    form = OrganisationMetForm(request.POST or None, instance=met, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if met:
            done = _call(form, services.update_organisation_met, met, actor=request.user, **data)
        else:
            done = _call(form, services.record_organisation_met, actor=request.user, **data)
        if done:
            messages.success(request, f"Structure rencontrée « {done.label} » enregistrée.")
            if done.event_id:
                return redirect("liaison:event", pk=done.event_id)
            return redirect("liaison:events")
    return render(request, "liaison/met_form.html", {"form": form, "met": met})


@require_POST
def met_delete(request, pk):
    require(request.user, MANAGE)
    met = get_object_or_404(OrganisationMet, pk=pk)
    event_pk = met.event_id
    services.delete_organisation_met(met, actor=request.user)
    messages.success(request, f"« {met.label} » retirée.")
    if event_pk:
        return redirect("liaison:event", pk=event_pk)
    return redirect("liaison:events")

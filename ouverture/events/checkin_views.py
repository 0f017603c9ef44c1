"""The check-in screen for a tablet at the door: big buttons, htmx."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.events import services
from ouverture.events.enums import RegistrationStatus
from ouverture.events.forms import WalkInForm
from ouverture.events.models import Registration
from ouverture.events.queries import summarise
from ouverture.events.views import detail_context, visible_registration, visible_workshop

TEMPLATE = "events/checkin.html"


def _rows(workshop, q=""):
    qs = (
        workshop.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("organisation")
        .in_sheet_order()
    )
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(full_name__icontains=q)
            | Q(email__icontains=q.lower())
            | Q(organisation_name__icontains=q)
            | Q(organisation__name__icontains=q)
        )
    return list(qs)


def _elsewhere(workshop, q):
    """People matching the search who are registered to another workshop of the same day."""
    q = (q or "").strip()
    if len(q) < 3:
        return []
    return list(
        Registration.objects.active()
        .filter(workshop__date=workshop.date)
        .exclude(workshop=workshop)
        .filter(Q(full_name__icontains=q) | Q(email__icontains=q.lower()))
        .select_related("workshop")[:5]
    )


def _counts(workshop):
    return summarise(workshop.registrations.with_related())


@require_GET
def checkin(request, pk):
    workshop = visible_workshop(request, pk, "events.manage_attendance")
    q = request.GET.get("q", "")
    context = {
        "workshop": workshop,
        "rows": _rows(workshop, q),
        "elsewhere": _elsewhere(workshop, q),
        "q": q,
        "summary": _counts(workshop),
        "walk_in_form": WalkInForm(),
    }
    if request.htmx:
        return render(request, f"{TEMPLATE}#results", context)
    return render(request, TEMPLATE, context)


@require_POST
def checkin_mark(request, pk, registration_pk):
    """Mark someone arrived (or undo). A registration to another workshop is refused."""
    workshop = visible_workshop(request, pk, "events.manage_attendance")
    registration = visible_registration(request, registration_pk)
    undo = request.POST.get("undo") == "1"
    error = None
    try:
        if undo:
            services.set_attendance(
                registration, RegistrationStatus.REGISTERED, actor=request.user, workshop=workshop
            )
        else:
            services.check_in(workshop, registration, actor=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    registration.refresh_from_db()
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("events:checkin", pk=workshop.pk)
    context = {
        "workshop": workshop,
        "r": registration,
        "error": error,
        "summary": _counts(workshop),
        "oob": True,
    }
    counts = render_to_string(f"{TEMPLATE}#counts", context, request=request)
    if registration.workshop_id != workshop.pk:
        # Not a row of this list: show the message in the alert area.
        html = render_to_string(f"{TEMPLATE}#alert", context, request=request)
        return reswap(retarget(HttpResponse(html + counts), "#checkin-alert"), "innerHTML")
    html = render_to_string(f"{TEMPLATE}#row", context, request=request)
    return HttpResponse(html + counts)


@require_POST
def walk_in_add(request, pk):
    workshop = visible_workshop(request, pk, "events.manage_attendance")
    from_detail = request.POST.get("next") == "detail"
    form = WalkInForm(request.POST, auto_id="walk_in_%s" if from_detail else "id_%s")
    if form.is_valid():
        try:
            registration = services.add_walk_in(workshop, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, f"{registration.display_name} ajouté·e (venu·e sans inscription)."
            )
            return redirect("events:detail" if from_detail else "events:checkin", pk=workshop.pk)
    # The page again, the form open with what was typed and why it was refused.
    if from_detail:
        return render(
            request, "events/detail.html", detail_context(request, workshop, walk_in_form=form)
        )
    context = {
        "workshop": workshop,
        "rows": _rows(workshop),
        "elsewhere": [],
        "q": "",
        "summary": _counts(workshop),
        "walk_in_form": form,
    }
    return render(request, TEMPLATE, context)


@require_POST
def walk_in_remove(request, pk, registration_pk):
    workshop = visible_workshop(request, pk, "events.manage_attendance")
    registration = visible_registration(request, registration_pk, workshop)
    require(request.user, "events.manage_attendance", workshop)
    try:
        services.remove_walk_in(registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{registration.display_name} retiré·e.")
    return redirect("events:detail", pk=workshop.pk)

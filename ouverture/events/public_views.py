"""Public pages (no account): upcoming workshops, the registration form, the calendar
file, and the person's own registration page reached by the signed link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import conditional_page, require_GET, require_http_methods

from ouverture.core.forms import apply_service_errors
from ouverture.core.ratelimit import public_form
from ouverture.events import queries, services
from ouverture.events.emails import registration_url, workshop_url
from ouverture.events.enums import Audience
from ouverture.events.forms import RegistrationForm
from ouverture.events.ics import agenda_calendar, workshop_calendar
from ouverture.events.models import Registration, Workshop
from ouverture.events.tokens import (
    LinkExpired,
    LinkInvalid,
    read_registration_token,
    registration_token,
)


def _public_workshop(key):
    return get_object_or_404(
        Workshop.objects.collective().prefetch_related("facilitators"), public_key=key
    )


def _known(user):
    """A logged-in holder's name, e-mail and organisation, to save typing."""
    if not user.is_authenticated:
        return {}
    membership = getattr(user, "membership", None)
    initial = {"full_name": user.get_full_name(), "email": user.email}
    if membership is not None:
        initial["organisation_name"] = membership.organisation.name
    return initial


@login_not_required
@require_GET
def public_list(request):
    today = timezone.localdate()
    workshops = (
        Workshop.objects.collective().upcoming(today).open_to_all().order_by("date", "start_time")
    )
    context = {"workshops": workshops, "agenda_kinds": queries.public_agenda_kinds()}
    return render(request, "events/public_list.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
@public_form("events.registration", link="key")
def public_workshop(request, key):
    workshop = _public_workshop(key)
    form = RegistrationForm(request.POST or None, workshop=workshop, initial=_known(request.user))
    offer_waiting_list = False
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                workshop,
                actor=None,
                personal_link=request.GET.get("lien", "")[:500],
                **form.cleaned_data,
            )
        except services.SeatUnavailable as error:
            offer_waiting_list = True
            apply_service_errors(form, error)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("events:public_registration", token=registration_token(registration))
    seats = workshop.registrations.holding_seat().count()
    context = {
        "workshop": workshop,
        "agenda": list(workshop.agenda_items.prefetch_related("ateliers")),
        "loose_ateliers": list(workshop.ateliers.filter(agenda_item__isnull=True)),
        "form": form,
        "offer_waiting_list": offer_waiting_list,
        "seats_left": None if workshop.capacity is None else max(workshop.capacity - seats, 0),
        "is_open": not workshop.cancelled and workshop.date > timezone.localdate(),
        "cohort_only": workshop.audience == Audience.COHORT_ONLY,
    }
    return render(request, "events/public_workshop.html", context)


@login_not_required
@require_GET
def public_calendar(request, key):
    workshop = _public_workshop(key)
    response = HttpResponse(
        workshop_calendar(workshop, page_url=workshop_url(workshop), public=True),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="temps-collectif.ics"'
    return response


AGENDA_NAME = "Temps collectifs – Lianes Coopération"


@csrf_exempt  # read-only: a POST gets 405, not the "formulaire expiré" page
@login_not_required
@require_GET
@conditional_page
def public_agenda(request, kind=""):
    """The public agenda as an iCalendar feed to subscribe to (no account): every
    collective workshop open to all, or one kind's (`agenda/<kind>.ics`)."""
    kinds = dict(queries.public_agenda_kinds())
    if kind and kind not in kinds:
        raise Http404("Aucun agenda public de ce type.")
    name = f"{AGENDA_NAME} : {kinds[kind]}" if kind else AGENDA_NAME
    response = HttpResponse(
        agenda_calendar(
            queries.public_agenda(kind),
            name=name,
            description="Temps collectifs ouverts à tous et toutes, gratuits, pour les "
            "porteurs de projets de mobilité, de coopération et de jumelage.",
            page_url_of=workshop_url,
        ),
        content_type="text/calendar; charset=utf-8",
    )
    filename = f"temps-collectifs-{kind}.ics" if kind else "temps-collectifs.ics"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
@public_form("events.cancel", link="token")
def public_registration(request, token):
    """The person's registration, reached by the signed link: see it, cancel it."""
    try:
        pk = read_registration_token(token)
    except LinkExpired as error:
        return render(request, "core/link_refused.html", {"message": error.message}, status=410)
    except LinkInvalid:
        raise Http404("Lien invalide") from None
    registration = get_object_or_404(
        Registration.objects.select_related("workshop").prefetch_related("ateliers"), pk=pk
    )
    if request.method == "POST":
        try:
            services.cancel_registration(
                registration, actor=None, reason="Désinscription par le lien reçu"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Votre inscription est annulée. Merci de nous avoir prévenus."
            )
        return redirect("events:public_registration", token=token)
    context = {
        "registration": registration,
        "workshop": registration.workshop,
        "can_cancel": registration.can_be_cancelled,
        "self_url": registration_url(registration),
    }
    return render(request, "events/public_registration.html", context)

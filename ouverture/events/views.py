"""Staff screens: workshops, programme, registrations, attendance, documents, exports.
The tablet check-in screen is in checkin_views.py, public pages in public_views.py,
trainings and organisation review in training_views.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history, tables
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.events import documents, exports, satisfaction, services
from ouverture.events.emails import workshop_url
from ouverture.events.forms import (
    AgendaItemForm,
    AtelierForm,
    AttendanceForm,
    WalkInForm,
    WorkshopFilterForm,
    WorkshopForm,
)
from ouverture.events.models import Atelier, Registration, Training, Workshop
from ouverture.events.queries import summarise
from ouverture.events.review_models import WorkshopReview


def visible_workshop(request, pk, perm="events.view_workshop"):
    # Fetched through the user's scope, then the named rule (403).
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk)
    require(request.user, perm, workshop)
    return workshop


def visible_registration(request, pk, workshop=None):
    qs = Registration.objects.visible_to(request.user).select_related(
        "workshop", "organisation__commune"
    )
    if workshop is not None:
        qs = qs.filter(workshop=workshop)
    registration = get_object_or_404(qs, pk=pk)
    require(request.user, "events.view_registration", registration)
    return registration


def _collective_registrations(workshop):
    return list(workshop.registrations.with_related().in_sheet_order())


@require_GET
def workshop_list(request):
    require(request.user, "events.list_workshops")
    user = request.user
    if not user.has_perm("events.view_workshop"):
        return _holder_list(request)
    filters = WorkshopFilterForm(request.GET)
    qs = (
        Workshop.objects.visible_to(user)
        .collective()
        .with_counts()
        .prefetch_related("facilitators")
    )
    trainings = Training.objects.select_related("workshop", "holder", "destination_country")
    year = kind = None
    if filters.is_valid():
        year, kind = filters.cleaned_data["year"], filters.cleaned_data["kind"]
    if year:
        qs = qs.in_year(year)
        trainings = trainings.filter(workshop__date__year=year)
    if kind:
        qs = qs.of_kind(kind)
    context = {
        "filters": filters,
        "workshops": qs.order_by("-date", "-pk"),
        "trainings": trainings.order_by("-workshop__date", "-pk")
        if user.has_perm("events.list_trainings") and kind in (None, "", "pre_departure_training")
        else [],
        "pending_count": Registration.objects.pending_review().count()
        if user.has_perm("events.review_organisations")
        else 0,
        "can_manage": user.has_perm("events.manage_workshops"),
        "can_manage_trainings": user.has_perm("events.manage_trainings"),
    }
    return render(request, "events/list.html", context)


def _holder_list(request):
    """A holder: the workshops open to registration, and its own registrations."""
    today = timezone.localdate()
    upcoming = (
        Workshop.objects.visible_to(request.user)
        .upcoming(today)
        .open_to_all()
        .order_by("date", "start_time", "pk")
    )
    registrations = (
        Registration.objects.visible_to(request.user)
        .active()
        .select_related("workshop")
        .order_by("-workshop__date", "full_name")
    )
    return render(
        request,
        "events/holder_list.html",
        {"upcoming": upcoming, "registrations": registrations, "today": today},
    )


@require_http_methods(["GET", "POST"])
def workshop_create(request):
    require(request.user, "events.manage_workshops")
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.create_workshop(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Le temps collectif « {workshop.title} » a été créé.")
            return redirect("events:agenda", pk=workshop.pk)
    return render(request, "events/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def workshop_update(request, pk):
    workshop = visible_workshop(request, pk, "events.manage_workshops")
    if workshop.is_training:
        return redirect("events:training_update", pk=workshop.training.pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_workshop(workshop, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect("events:detail", pk=workshop.pk)
    return render(request, "events/form.html", {"form": form, "workshop": workshop})


@require_GET
def workshop_detail(request, pk):
    workshop = visible_workshop(request, pk)
    if workshop.is_training:
        return redirect("events:training", pk=workshop.training.pk)
    return render(request, "events/detail.html", detail_context(request, workshop))


def detail_context(request, workshop, *, registration_form=None, walk_in_form=None):
    """The workshop page. A form given bound (after an error) is shown open with what was typed."""
    user = request.user
    registrations = _collective_registrations(workshop)
    summary = summarise(registrations)
    by_status = {}
    for r in registrations:
        by_status.setdefault(r.status, []).append(r)
    context = {
        "workshop": workshop,
        "facilitators": list(workshop.facilitators.all()),
        "agenda": list(
            workshop.agenda_items.prefetch_related(
                Prefetch("ateliers", queryset=Atelier.objects.with_choice_counts())
            )
        ),
        "loose_ateliers": list(
            workshop.ateliers.filter(agenda_item__isnull=True).with_choice_counts()
        ),
        "show_choices": True,
        "registrations": [
            r for r in registrations if r.status not in ("cancelled", "waiting_list")
        ],
        "waiting": sorted(by_status.get("waiting_list", []), key=lambda r: (r.registered_at, r.pk)),
        "cancelled": by_status.get("cancelled", []),
        "summary": summary,
        "public_url": workshop_url(workshop),
        "attendance_form": AttendanceForm(),
        # Two forms of the same fields on one page: distinct ids keep each label on its field.
        "registration_form": registration_form or WalkInForm(auto_id="registration_%s"),
        "walk_in_form": walk_in_form or WalkInForm(auto_id="walk_in_%s"),
        "can_manage": user.has_perm("events.manage_workshops"),
        "can_mark": user.has_perm("events.manage_attendance"),
        "can_export": user.has_perm("events.export_registrations"),
        "is_past": workshop.date <= timezone.localdate(),
        "satisfaction": satisfaction.status(
            workshop,
            summary.participants,
            sum(1 for r in registrations if r.status == "present" and r.email),
        ),
        "can_send_satisfaction": user.has_perm("events.manage_satisfaction"),
        "can_read_results": user.has_perm("surveys.view_results"),
        "review": WorkshopReview.objects.filter(workshop=workshop).first(),
    }
    if user.has_perm("events.view_history"):
        context["history_entries"] = history.entries(workshop)
    return context


@require_http_methods(["GET", "POST"])
def workshop_agenda(request, pk):
    """The programme: rows, and the ateliers of a slot."""
    workshop = visible_workshop(request, pk, "events.manage_workshops")
    form = AgendaItemForm(request.POST or None)
    atelier_form = AtelierForm(workshop=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agenda_item(workshop, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Ligne ajoutée au programme.")
            return redirect("events:agenda", pk=workshop.pk)
    return _agenda_page(request, workshop, form, atelier_form)


def _agenda_page(request, workshop, form, atelier_form):
    context = {
        "workshop": workshop,
        "agenda": list(workshop.agenda_items.prefetch_related("ateliers")),
        "loose_ateliers": list(workshop.ateliers.filter(agenda_item__isnull=True)),
        "form": form,
        "atelier_form": atelier_form,
    }
    return render(request, "events/agenda.html", context)


@require_POST
def agenda_item_delete(request, pk, item_pk):
    workshop = visible_workshop(request, pk, "events.manage_workshops")
    item = get_object_or_404(workshop.agenda_items, pk=item_pk)
    services.remove_agenda_item(item, actor=request.user)
    messages.success(request, "Ligne retirée du programme.")
    return redirect("events:agenda", pk=workshop.pk)


@require_POST
def atelier_add(request, pk):
    workshop = visible_workshop(request, pk, "events.manage_workshops")
    atelier_form = AtelierForm(request.POST, workshop=workshop)
    if atelier_form.is_valid():
        try:
            services.add_atelier(workshop, actor=request.user, **atelier_form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(atelier_form, error)
        else:
            messages.success(request, "Atelier ajouté.")
            return redirect("events:agenda", pk=workshop.pk)
    return _agenda_page(request, workshop, AgendaItemForm(), atelier_form)


@require_POST
def atelier_delete(request, pk, atelier_pk):
    workshop = visible_workshop(request, pk, "events.manage_workshops")
    atelier = get_object_or_404(workshop.ateliers, pk=atelier_pk)
    try:
        services.remove_atelier(atelier, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Atelier supprimé.")
    return redirect("events:agenda", pk=workshop.pk)


@require_POST
def registration_status(request, pk, registration_pk):
    workshop = visible_workshop(request, pk, "events.manage_attendance")
    # Not filtered by workshop: the service refuses another workshop's registration, with a message.
    registration = visible_registration(request, registration_pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Statut de présence inconnu.")
    else:
        try:
            services.set_attendance(
                registration, form.cleaned_data["status"], actor=request.user, workshop=workshop
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{registration.display_name} : présence enregistrée.")
    return redirect("events:detail", pk=workshop.pk)


@require_POST
def registration_cancel(request, pk, registration_pk):
    registration = visible_registration(request, registration_pk)
    if registration.workshop_id != pk:
        raise Http404
    require(request.user, "events.cancel_registration", registration)
    try:
        services.cancel_registration(registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Inscription de {registration.display_name} annulée.")
    if request.user.has_perm("events.view_workshop"):
        return redirect("events:detail", pk=pk)
    return redirect("events:list")


@require_POST
def registration_promote(request, pk, registration_pk):
    workshop = visible_workshop(request, pk, "events.manage_attendance")
    registration = visible_registration(request, registration_pk, workshop)
    try:
        services.promote_from_waiting_list(registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{registration.display_name} passe de la liste d'attente aux inscrits."
        )
    return redirect("events:detail", pk=workshop.pk)


@require_POST
def registration_add(request, pk):
    """Staff record a registration (a paper form, a phone call): no deadline nor capacity."""
    workshop = visible_workshop(request, pk, "events.manage_attendance")
    form = WalkInForm(request.POST, auto_id="registration_%s")
    if form.is_valid():
        try:
            registration = services.register(
                workshop, actor=request.user, staff_entry=True, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{registration.display_name} est inscrit·e.")
            return redirect("events:detail", pk=workshop.pk)
    # The page again, the form open with what was typed and why it was refused.
    return render(
        request, "events/detail.html", detail_context(request, workshop, registration_form=form)
    )


@require_POST
def satisfaction_create(request, pk):
    workshop = visible_workshop(request, pk, "events.manage_satisfaction")
    try:
        satisfaction.create_questionnaire(workshop, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Questionnaire d'évaluation créé (brouillon) : relisez-le, puis envoyez-le aux "
            "personnes présentes.",
        )
    return redirect("events:detail", pk=workshop.pk)


@require_POST
def satisfaction_send(request, pk):
    workshop = visible_workshop(request, pk, "events.manage_satisfaction")
    try:
        sending = satisfaction.send_to_participants(workshop, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        n = len(sending.invited)
        text = (
            f"Questionnaire envoyé à {n} personne{'s' if n > 1 else ''} présente{'s' if n > 1 else ''}."
            if n
            else "Toutes les personnes présentes joignables ont déjà reçu le questionnaire."
        )
        if sending.without_email:
            m = len(sending.without_email)
            text += f" {m} personne{'s' if m > 1 else ''} présente{'s' if m > 1 else ''} sans adresse e-mail."
        messages.success(request, text)
    return redirect("events:detail", pk=workshop.pk)


@require_GET
def sign_in_sheet(request, pk):
    workshop = visible_workshop(request, pk)
    registrations = list(
        workshop.registrations.holding_seat().select_related("organisation").in_sheet_order()
    )
    pdf = documents.sign_in_sheet(workshop, registrations)
    return _pdf(pdf, f"emargement-{workshop.date:%Y-%m-%d}.pdf")


@require_GET
def certificates(request, pk):
    workshop = visible_workshop(request, pk)
    present = list(workshop.registrations.present().select_related("organisation").in_sheet_order())
    if not present:
        messages.error(request, "Personne n'est noté·e présent·e : aucune attestation à produire.")
        return redirect("events:detail", pk=workshop.pk)
    return _pdf(
        documents.certificates(workshop, present), f"attestations-{workshop.date:%Y-%m-%d}.pdf"
    )


@require_GET
def certificate(request, registration_pk):
    """One person's certificate: staff, or the holder of its own organisation; present only."""
    registration = visible_registration(request, registration_pk)
    require(
        request.user,
        "events.download_certificate",
        registration,
        message="une attestation ne se délivre qu'aux personnes présentes",
    )
    return _pdf(
        documents.certificates(registration.workshop, [registration]),
        f"attestation-{registration.workshop.date:%Y-%m-%d}-{registration.pk}.pdf",
    )


def _pdf(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def workshop_export(request, pk, fmt):
    workshop = visible_workshop(request, pk, "events.export_registrations")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    registrations = _collective_registrations(workshop)
    summary = summarise(registrations)
    tables_ = [
        exports.registrations_table(workshop, registrations),
        exports.structures_table(summary),
        exports.types_table(summary),
    ]
    if fmt == "csv":
        tables_ = tables_[:1]
    return tables.download(tables_, fmt, f"temps-collectif-{workshop.date:%Y-%m-%d}")

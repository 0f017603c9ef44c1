"""Pre-departure trainings, and the staff review of organisations proposed on the public form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history, tables
from ouverture.core.forms import apply_service_errors
from ouverture.core.params import year_param
from ouverture.core.permissions import require
from ouverture.events import exports, services
from ouverture.events.forms import CreateOrganisationForm, LinkOrganisationForm, TrainingForm
from ouverture.events.models import Registration, Training


def _training(request, pk, perm="events.list_trainings"):
    require(request.user, perm)
    return get_object_or_404(
        Training.objects.select_related("workshop", "holder", "destination_country"), pk=pk
    )


@require_GET
def training_detail(request, pk):
    training = _training(request, pk)
    context = {
        "training": training,
        "can_manage": request.user.has_perm("events.manage_trainings"),
        "history_entries": history.entries(training),
    }
    return render(request, "events/training_detail.html", context)


@require_http_methods(["GET", "POST"])
def training_create(request):
    require(request.user, "events.manage_trainings")
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.create_training(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Préparation au départ enregistrée.")
            return redirect("events:training", pk=training.pk)
    return render(request, "events/training_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def training_update(request, pk):
    training = _training(request, pk, "events.manage_trainings")
    initial = {
        "date": training.workshop.date,
        "place": training.workshop.place,
        "holder": training.holder,
        "young_people": training.young_people,
        "destination_country": training.destination_country,
        "destination_place": training.destination_place,
        "preparation_days": training.preparation_days,
        "staff_count": training.staff_count,
        "notes": training.notes,
    }
    form = TrainingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_training(training, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect("events:training", pk=training.pk)
    return render(request, "events/training_form.html", {"form": form, "training": training})


@require_GET
def trainings_export(request, fmt):
    require(request.user, "events.list_trainings")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    trainings = Training.objects.select_related(
        "workshop", "holder", "destination_country"
    ).order_by("workshop__date", "pk")
    year = year_param(request.GET)
    if year is not None:
        trainings = trainings.filter(workshop__date__year=year)
    return tables.download(exports.trainings_table(trainings), fmt, "preparations-au-depart")


@require_GET
def review_list(request):
    """Organisations typed on the public form that matched nothing in the registry."""
    require(request.user, "events.review_organisations")
    pending = (
        Registration.objects.pending_review()
        .select_related("workshop")
        .order_by("organisation_name", "pk")
    )
    return render(
        request,
        "events/review.html",
        {
            "pending": pending,
            "link_form": LinkOrganisationForm(),
            "create_form": CreateOrganisationForm(),
        },
    )


def _pending(request, registration_pk):
    require(request.user, "events.review_organisations")
    return get_object_or_404(Registration.objects.pending_review(), pk=registration_pk)


@require_POST
def review_link(request, registration_pk):
    registration = _pending(request, registration_pk)
    form = LinkOrganisationForm(request.POST)
    if form.is_valid():
        services.link_organisation(
            registration, form.cleaned_data["organisation"], actor=request.user
        )
        messages.success(
            request,
            f"{registration.display_name} rattaché·e à {form.cleaned_data['organisation']}.",
        )
    else:
        messages.error(
            request, "Rien n'a été enregistré : " + " ".join(form.errors["organisation"])
        )
    return redirect("events:review")


@require_POST
def review_create(request, registration_pk):
    registration = _pending(request, registration_pk)
    form = CreateOrganisationForm(request.POST)
    if form.is_valid():
        try:
            organisation = services.create_proposed_organisation(
                registration, actor=request.user, legal_kind=form.cleaned_data["legal_kind"]
            )
        except ValidationError as error:
            messages.error(request, "Rien n'a été enregistré : " + " ".join(error.messages))
        else:
            messages.success(
                request, f"Structure « {organisation.name} » créée dans le répertoire."
            )
    else:
        messages.error(request, "Forme juridique inconnue.")
    return redirect("events:review")

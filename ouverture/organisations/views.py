from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.geo.models import Commune
from ouverture.geo.text import normalize_name
from ouverture.organisations import services
from ouverture.organisations.forms import ContactForm, OrganisationFilterForm, OrganisationForm
from ouverture.organisations.models import Contact, Organisation

PAGE_SIZE = 50


def _visible(request, pk):
    # Fetched through the user's scope: another holder's organisation is a 404.
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    require(request.user, "organisations.view_organisation", organisation)
    return organisation


@require_GET
def organisation_list(request):
    require(request.user, "organisations.list_organisations")
    filters = OrganisationFilterForm(request.GET)
    qs = Organisation.objects.visible_to(request.user).with_list_data()
    if filters.is_valid():
        data = filters.cleaned_data
        qs = qs.search(data["q"])
        if data["project_type"]:
            qs = qs.filter(project_types__code=data["project_type"])
        if data["commune"]:
            qs = qs.filter(commune__code=data["commune"].strip())
    page = Paginator(qs.distinct().order_by("search_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "filters": filters, "query": request.GET.copy()}
    context["query"].pop("page", None)
    template = "organisations/list.html#results" if request.htmx else "organisations/list.html"
    return render(request, template, context)


@require_GET
def organisation_detail(request, pk):
    organisation = _visible(request, pk)
    user = request.user
    context = {
        "organisation": organisation,
        "contacts": organisation.contacts.all(),
        "follow_ups": organisation.follow_ups.select_related("staff").prefetch_related(
            "project_types"
        ),
        "contact_form": ContactForm(),
        "can_change": user.has_perm("organisations.change_organisation", organisation),
        "can_manage_contacts": user.has_perm("organisations.manage_contacts", organisation),
        "can_view_notes": user.has_perm("organisations.view_notes", organisation),
    }
    if user.has_perm("organisations.view_history", organisation):
        context["history_entries"] = history.entries(organisation)
    return render(request, "organisations/detail.html", context)


@require_http_methods(["GET", "POST"])
def organisation_create(request):
    require(request.user, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"La structure « {organisation} » a été créée.")
            _warn_namesakes(request, organisation)
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form})


def _warn_namesakes(request, organisation):
    others = services.namesakes(organisation)
    if others:
        names = ", ".join(f"« {o} »" for o in others[:5])
        messages.warning(
            request,
            f"Attention : {names} porte déjà ce nom. Un import qui nomme cette structure "
            "serait ambigu : donnez-lui un nom d'usage distinct, ou supprimez le doublon.",
        )


@require_http_methods(["GET", "POST"])
def organisation_update(request, pk):
    organisation = _visible(request, pk)
    require(request.user, "organisations.change_organisation", organisation)
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@require_POST
def contact_add(request, pk):
    organisation = _visible(request, pk)
    require(request.user, "organisations.manage_contacts", organisation)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.add_contact(organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Contact ajouté.")
            return redirect("organisations:detail", pk=organisation.pk)
    return render(
        request, "organisations/contact_form.html", {"form": form, "organisation": organisation}
    )


@require_http_methods(["GET", "POST"])
def contact_update(request, pk, contact_pk):
    organisation = _visible(request, pk)
    require(request.user, "organisations.manage_contacts", organisation)
    contact = get_object_or_404(Contact, pk=contact_pk, organisation=organisation)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.update_contact(contact, actor=request.user, **form.cleaned_data)
        messages.success(request, "Contact modifié.")
        return redirect("organisations:detail", pk=organisation.pk)
    return render(
        request,
        "organisations/contact_form.html",
        {"form": form, "organisation": organisation, "contact": contact},
    )


@require_POST
def contact_delete(request, pk, contact_pk):
    organisation = _visible(request, pk)
    require(request.user, "organisations.manage_contacts", organisation)
    contact = get_object_or_404(Contact, pk=contact_pk, organisation=organisation)
    services.remove_contact(contact, actor=request.user)
    messages.success(request, f"Contact « {contact.name} » supprimé.")
    return redirect("organisations:detail", pk=organisation.pk)


@require_GET
def commune_options(request):
    """Options of the commune datalist (htmx), current communes matching the typed text."""
    text = request.GET.get("commune", "") or request.GET.get("q", "")
    communes = []
    if len(text.strip()) >= 2:
        key = normalize_name(text)
        communes = (
            Commune.objects.current()
            .filter(search_name__startswith=key)
            .order_by("search_name", "code")[:20]
        )
        if text.strip().isdigit():
            communes = (
                Commune.objects.current()
                .filter(code__startswith=text.strip())
                .order_by("code")[:20]
            )
    return render(request, "organisations/_commune_options.html", {"communes": communes})

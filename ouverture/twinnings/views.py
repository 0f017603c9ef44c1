"""The register of agreements: list, record, edits. Statistics, imports and
campaigns have their own view modules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.geo.models import Country
from ouverture.twinnings import services
from ouverture.twinnings.enums import PartyKind
from ouverture.twinnings.forms import (
    AgreementCreateForm,
    AgreementFilterForm,
    AgreementUpdateForm,
    LocalPartyForm,
    PartnerForm,
    SourceForm,
    VerificationForm,
)
from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty, PartnerTown

PAGE_SIZE = 50


def visible_agreement(request, pk, perm="twinnings.view_agreement"):
    """Fetched through the user's scope (another holder's agreement is a 404), then the rule."""
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    require(request.user, "twinnings.view_agreement", agreement)
    if perm != "twinnings.view_agreement":
        require(request.user, perm, agreement)
    return agreement


def _country_choices():
    return list(
        Country.objects.filter(partner_towns__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("code", "name")
    )


@require_GET
def agreement_list(request):
    require(request.user, "twinnings.list_twinnings")
    filters = AgreementFilterForm(request.GET, countries=_country_choices())
    qs = Agreement.objects.visible_to(request.user)
    if filters.is_valid():
        data = filters.cleaned_data
        qs = qs.search(data["q"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["country"]:
            qs = qs.in_country(data["country"])
        if data["review"] == "flagged":
            qs = qs.needing_review()
        elif data["review"] == "clear":
            qs = qs.filter(needs_review=False)
    page = Paginator(qs.with_list_data().order_by("search_title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "filters": filters, "query": query}
    template = "twinnings/list.html#results" if request.htmx else "twinnings/list.html"
    return render(request, template, context)


@require_GET
def agreement_detail(request, pk):
    agreement = visible_agreement(request, pk)
    user = request.user
    can_change = user.has_perm("twinnings.change_agreement", agreement)
    context = {
        "agreement": agreement,
        "parties": agreement.local_parties.select_related("commune", "departement"),
        "partners": agreement.partners.select_related("town__country"),
        "sources": agreement.sources.select_related("import_batch"),
        "invitations": agreement.invitations.select_related("campaign").order_by("-pk")[:10],
        "conflicts": agreement.conflicts.select_related("decided_by"),
        "status_changes": agreement.status_changes.all(),
        "can_change": can_change,
        "can_review": user.has_perm("twinnings.review_agreement", agreement),
    }
    if can_change:
        context.update(
            verification_form=VerificationForm(initial={"status": agreement.status}),
            party_form=LocalPartyForm(initial={"kind": PartyKind.COMMUNE}),
            partner_form=PartnerForm(),
            source_form=SourceForm(),
        )
    if user.has_perm("twinnings.view_history", agreement):
        context["history_entries"] = history.entries(agreement)
    return render(request, "twinnings/detail.html", context)


@require_http_methods(["GET", "POST"])
def agreement_create(request):
    require(request.user, "twinnings.add_agreement")
    form = AgreementCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partner_on, partner_year = data["partner_signed"]
        try:
            agreement = services.create_agreement(
                actor=request.user,
                kind=data["kind"],
                status=data["status"],
                committee=data["committee"],
                notes=data["notes"],
                parties=[form.party()],
                partners=[
                    {
                        "name": data["partner_name"],
                        "country": data["partner_country"],
                        "region": data["partner_region"],
                        "signed_on": partner_on,
                        "signed_year": partner_year,
                    }
                ],
            )
        except ValidationError as error:
            _field_errors(form, error, {"name": "partner_name", "country": "partner_country",
                                        "signed_on": "local_signed",
                                        "partner_signed_on": "partner_signed"})  # fmt: skip
        else:
            messages.success(request, f"Le jumelage « {agreement} » a été enregistré.")
            return redirect("twinnings:detail", pk=agreement.pk)
    return render(request, "twinnings/form.html", {"form": form, "title": "Nouveau jumelage"})


def _field_errors(form, error, renames):
    """A service error on the form field it concerns (service names differ from the form's)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = renames.get(field, field)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
def agreement_update(request, pk):
    agreement = visible_agreement(request, pk, "twinnings.change_agreement")
    initial = {
        "kind": agreement.kind,
        "status": agreement.status,
        "committee": agreement.committee,
        "contact": agreement.contact,
        "notes": agreement.notes,
        "upcoming_projects": agreement.upcoming_projects,
    }
    form = AgreementUpdateForm(request.POST or None, initial=initial, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agreement(agreement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect("twinnings:detail", pk=agreement.pk)
    return render(
        request,
        "twinnings/form.html",
        {"form": form, "agreement": agreement, "title": f"Modifier « {agreement} »"},
    )


def _post_form(request, agreement, form, action, success, title):
    """Shared shape of the small POST forms of the record page."""
    if form.is_valid():
        try:
            action(form)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("twinnings:detail", pk=agreement.pk)
    return render(
        request, "twinnings/form.html", {"form": form, "agreement": agreement, "title": title}
    )


@require_POST
def party_add(request, pk):
    agreement = visible_agreement(request, pk, "twinnings.change_agreement")
    form = LocalPartyForm(request.POST)
    return _post_form(
        request, agreement, form,
        lambda f: services.add_local_party(agreement, actor=request.user, **f.service_fields()),
        "Partie locale ajoutée.", f"Ajouter une partie locale — {agreement}",
    )  # fmt: skip


@require_POST
def party_remove(request, pk, party_pk):
    agreement = visible_agreement(request, pk, "twinnings.change_agreement")
    party = get_object_or_404(LocalParty, pk=party_pk, agreement=agreement)
    try:
        services.remove_local_party(party, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {party.label} » retiré·e du jumelage.")
    return redirect("twinnings:detail", pk=agreement.pk)


@require_POST
def partner_add(request, pk):
    agreement = visible_agreement(request, pk, "twinnings.change_agreement")
    form = PartnerForm(request.POST)
    return _post_form(
        request, agreement, form,
        lambda f: services.add_partner(agreement, actor=request.user, **f.service_fields()),
        "Ville partenaire ajoutée.", f"Ajouter une ville partenaire — {agreement}",
    )  # fmt: skip


@require_POST
def partner_remove(request, pk, link_pk):
    agreement = visible_agreement(request, pk, "twinnings.change_agreement")
    link = get_object_or_404(AgreementPartner, pk=link_pk, agreement=agreement)
    try:
        services.remove_partner(link, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {link.town} » retirée du jumelage.")
    return redirect("twinnings:detail", pk=agreement.pk)


@require_POST
def verification_record(request, pk):
    agreement = visible_agreement(request, pk, "twinnings.change_agreement")
    form = VerificationForm(request.POST)
    return _post_form(
        request, agreement, form,
        lambda f: services.record_verification(agreement, actor=request.user, **f.cleaned_data),
        "Vérification enregistrée.", f"Vérification — {agreement}",
    )  # fmt: skip


@require_POST
def review_done(request, pk):
    agreement = visible_agreement(request, pk, "twinnings.review_agreement")
    try:
        services.mark_reviewed(agreement, actor=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Points vérifiés : le jumelage n'est plus signalé.")
    return redirect("twinnings:detail", pk=agreement.pk)


@require_POST
def source_add(request, pk):
    agreement = visible_agreement(request, pk, "twinnings.change_agreement")
    form = SourceForm(request.POST)
    return _post_form(
        request, agreement, form,
        lambda f: services.add_source(agreement, actor=request.user, **f.cleaned_data),
        "Source ajoutée.", f"Ajouter une source — {agreement}",
    )  # fmt: skip


@require_GET
def town_detail(request, pk):
    require(request.user, "twinnings.list_twinnings")
    town = get_object_or_404(PartnerTown.objects.select_related("country"), pk=pk)
    agreements = (
        Agreement.objects.visible_to(request.user)
        .filter(partners__town=town)
        .with_list_data()
        .order_by("search_title", "pk")
    )
    return render(request, "twinnings/town.html", {"town": town, "agreements": agreements})

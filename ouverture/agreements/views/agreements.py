"""The agreements' list, the page of one agreement (where it stands), its form and status,
and its XLSX export."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.agreements import exports, services
from ouverture.agreements.checks import failures
from ouverture.agreements.enums import AgreementStatus
from ouverture.agreements.forms import AgreementForm, SimulationForm, StatusForm
from ouverture.agreements.models import Agreement, Expense
from ouverture.agreements.overview import AgreementOverview
from ouverture.agreements.views._common import call_service, permissions_for, visible_agreement
from ouverture.core import history, tables
from ouverture.core.formats import percent
from ouverture.core.params import year_param
from ouverture.core.permissions import require


@require_GET
def agreement_list(request):
    require(request.user, "agreements.list_agreements")
    agreements = Agreement.objects.visible_to(request.user).with_parties()
    year = request.GET.get("year", "")
    if year_param(request.GET) is not None:
        agreements = agreements.for_year(year_param(request.GET))
    years = (
        Agreement.objects.visible_to(request.user)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    context = {
        "agreements": agreements.order_by("-year", "reference"),
        "years": list(years),
        "year": year,
        "can_add": request.user.has_perm("agreements.add_agreement"),
        "can_funder": request.user.has_perm("agreements.view_funder_budget"),
    }
    return render(request, "agreements/list.html", context)


def _simulation(request, overview):
    form = SimulationForm(request.GET if "realised" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        realised = form.cleaned_data["realised"]
        due = overview.subsidy_due_for(realised)
        if due is None:  # the subsidy or the cost is not known yet
            form.add_error(
                "realised", "Montant non connu : la subvention ou le coût prévisionnel est vide."
            )
            return {"form": form, "result": None}
        result = {
            "realised": realised,
            "rate": percent(realised, overview.agreement.forecast_cost),
            "subsidy_due": due,
            "cut": overview.agreement.subsidy - due,
            "left_to_pay": due - overview.paid,
        }
    return {"form": form, "result": result}


@require_GET
def agreement_detail(request, pk):
    agreement = visible_agreement(request, pk)
    overview = AgreementOverview(agreement)
    simulation = _simulation(request, overview)
    context = {"agreement": agreement, "overview": overview, "simulation": simulation}
    if request.htmx and "realised" in request.GET:
        return render(request, "agreements/detail.html#simulation", context)
    context.update(permissions_for(request.user, agreement))
    context["failures"] = failures(overview.checks)
    context["latest_expenses"] = overview.latest_expenses()
    next_status = agreement.next_status
    context["next_status"] = AgreementStatus(next_status) if next_status else None
    context["status_form"] = StatusForm(initial={"status": next_status})
    if context["can_history"]:
        context["history_entries"] = history.entries(agreement)
    return render(request, "agreements/detail.html", context)


@require_http_methods(["GET", "POST"])
def agreement_create(request):
    require(request.user, "agreements.add_agreement")
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agreement = call_service(
            form, services.create_agreement, actor=request.user, **form.cleaned_data
        )
        if agreement:
            messages.success(request, f"La convention {agreement.reference} a été créée.")
            return redirect("agreements:detail", pk=agreement.pk)
    return render(request, "agreements/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def agreement_update(request, pk):
    agreement = visible_agreement(request, pk, "agreements.change_agreement")
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, services.update_agreement, agreement, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, "Modifications enregistrées.")
            return redirect("agreements:detail", pk=agreement.pk)
        agreement.refresh_from_db()
    return render(request, "agreements/form.html", {"form": form, "agreement": agreement})


@require_POST
def agreement_status(request, pk):
    agreement = visible_agreement(request, pk, "agreements.change_status")
    form = StatusForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            services.advance_status,
            agreement,
            actor=request.user,
            status=form.cleaned_data["status"],
            signed_on=form.cleaned_data["signed_on"],
        )
        if done:
            messages.success(
                request, f"La convention est maintenant « {done.get_status_display()} »."
            )
            return redirect("agreements:detail", pk=agreement.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("agreements:detail", pk=agreement.pk)


@require_GET
def agreement_export(request, pk):
    agreement = visible_agreement(request, pk, "agreements.export_agreement")
    overview = AgreementOverview(agreement)
    expenses = (
        Expense.objects.for_agreement(agreement)
        .select_related("budget_line")
        .order_by("date", "pk")
    )
    return tables.download(
        exports.workbook_tables(overview, expenses), "xlsx", f"convention-{agreement.reference}"
    )

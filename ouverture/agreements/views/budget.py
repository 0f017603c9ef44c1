"""Screens of the forecast budget: lines and their split, co-fundings, the beneficiary's budget."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.agreements import services
from ouverture.agreements.forms import (
    BeneficiaryBudgetForm,
    BudgetLineForm,
    RevenueForm,
    ScheduleForm,
)
from ouverture.agreements.models import BeneficiaryBudget, BudgetLine, Revenue
from ouverture.agreements.overview import AgreementOverview
from ouverture.agreements.views._common import call_service, permissions_for, visible_agreement
from ouverture.core import history
from ouverture.core.wording import plural


def _line(agreement, line_pk):
    return get_object_or_404(BudgetLine.objects.with_splits(), pk=line_pk, agreement=agreement)


@require_GET
def line_detail(request, pk, line_pk):
    agreement = visible_agreement(request, pk)
    line = _line(agreement, line_pk)
    overview = AgreementOverview(agreement)
    execution = next(row for row in overview.line_execution if row.line.pk == line.pk)
    context = {
        "agreement": agreement,
        "line": line,
        "execution": execution,
        "expenses": line.expenses.order_by("-date", "-pk")[:50],
        "commitments": line.commitments.all(),
        **permissions_for(request.user, agreement),
    }
    if context["can_history"]:
        context["history_entries"] = history.entries(line)
        context["split_history"] = [
            {"split": split, "entries": history.entries(split)} for split in line.splits.all()
        ]
    return render(request, "agreements/line_detail.html", context)


@require_http_methods(["GET", "POST"])
def line_create(request, pk):
    agreement = visible_agreement(request, pk, "agreements.change_budget")
    form = BudgetLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        line = call_service(
            form,
            services.add_budget_line,
            agreement,
            actor=request.user,
            **form.service_arguments(),
        )
        if line:
            messages.success(request, f"Ligne « {line.label} » ajoutée.")
            return redirect("agreements:detail", pk=agreement.pk)
    return render(request, "agreements/line_form.html", {"form": form, "agreement": agreement})


@require_http_methods(["GET", "POST"])
def line_update(request, pk, line_pk):
    agreement = visible_agreement(request, pk, "agreements.change_budget")
    line = _line(agreement, line_pk)
    form = BudgetLineForm(request.POST or None, line=line)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.update_budget_line, line, actor=request.user, **form.service_arguments()
        )
    ):
        messages.success(request, "Ligne budgétaire modifiée.")
        return redirect("agreements:line", pk=agreement.pk, line_pk=line.pk)
    return render(
        request, "agreements/line_form.html", {"form": form, "agreement": agreement, "line": line}
    )


@require_POST
def line_delete(request, pk, line_pk):
    agreement = visible_agreement(request, pk, "agreements.change_budget")
    line = _line(agreement, line_pk)
    try:
        services.remove_budget_line(line, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agreements:line", pk=agreement.pk, line_pk=line.pk)
    messages.success(request, f"Ligne « {line.label} » supprimée.")
    return redirect("agreements:detail", pk=agreement.pk)


@require_http_methods(["GET", "POST"])
def revenue_form(request, pk, revenue_pk=None):
    agreement = visible_agreement(request, pk, "agreements.change_budget")
    revenue = get_object_or_404(Revenue, pk=revenue_pk, agreement=agreement) if revenue_pk else None
    initial = (
        {"funder_label": revenue.funder_label, "organisation": revenue.organisation,
         "amount": revenue.amount, "note": revenue.note} if revenue else None
    )  # fmt: skip
    form = RevenueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if revenue:
            done = call_service(
                form, services.update_revenue, revenue, actor=request.user, **form.cleaned_data
            )
        else:
            done = call_service(
                form, services.add_revenue, agreement, actor=request.user, **form.cleaned_data
            )
        if done:
            messages.success(request, f"Recette « {done.funder_label} » enregistrée.")
            return redirect("agreements:detail", pk=agreement.pk)
    context = {"form": form, "agreement": agreement, "revenue": revenue}
    if revenue and request.user.has_perm("agreements.view_history", agreement):
        context["history_entries"] = history.entries(revenue)
    return render(request, "agreements/revenue_form.html", context)


@require_POST
def revenue_delete(request, pk, revenue_pk):
    agreement = visible_agreement(request, pk, "agreements.change_budget")
    revenue = get_object_or_404(Revenue, pk=revenue_pk, agreement=agreement)
    try:
        services.remove_revenue(revenue, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Recette « {revenue.funder_label} » supprimée.")
    return redirect("agreements:detail", pk=agreement.pk)


@require_http_methods(["GET", "POST"])
def beneficiary_budget(request, pk):
    agreement = visible_agreement(request, pk, "agreements.change_budget")
    budget = BeneficiaryBudget.objects.for_agreement(agreement).first()
    initial = (
        {"total_revenues": budget.total_revenues, "total_expenses": budget.total_expenses,
         "source": budget.source} if budget else None
    )  # fmt: skip
    form = BeneficiaryBudgetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            services.set_beneficiary_budget,
            agreement.beneficiary,
            agreement.year,
            actor=request.user,
            **form.cleaned_data,
        )
        if done:
            messages.success(request, f"Budget global {agreement.year} enregistré.")
            return redirect("agreements:detail", pk=agreement.pk)
    context = {"form": form, "agreement": agreement, "budget": budget}
    if budget and request.user.has_perm("agreements.view_history", agreement):
        context["history_entries"] = history.entries(budget)
    return render(request, "agreements/beneficiary_budget_form.html", context)


@require_http_methods(["GET", "POST"])
def schedule_form(request, pk):
    """The payment schedule the convention states (replaced as a whole: `set_schedule`)."""
    agreement = visible_agreement(request, pk, "agreements.change_budget")
    form = ScheduleForm(request.POST or None, instalments=agreement.instalments.in_order())
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, services.set_schedule, agreement, actor=request.user,
            instalments=form.instalments(),
        )  # fmt: skip
        if done:
            messages.success(
                request, f"Échéancier enregistré : {len(done)} {plural('échéance', len(done))}."
            )
            return redirect("agreements:detail", pk=agreement.pk)
    return render(request, "agreements/schedule_form.html", {"form": form, "agreement": agreement})

"""Screens of execution: the expenses (list, form, receipt) and the payments of the subsidy."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.agreements import services
from ouverture.agreements.forms import ExpenseForm, PaymentForm
from ouverture.agreements.models import Expense, Payment
from ouverture.agreements.views._common import (
    call_service,
    permissions_for,
    serve_file,
    visible_agreement,
)
from ouverture.core import history
from ouverture.core.params import int_param

PAGE_SIZE = 50


def _expense(agreement, expense_pk):
    return get_object_or_404(
        Expense.objects.select_related("budget_line"), pk=expense_pk, agreement=agreement
    )


@require_GET
def expense_list(request, pk):
    agreement = visible_agreement(request, pk)
    expenses = Expense.objects.for_agreement(agreement).latest_first()
    line = int_param(request.GET, "ligne", minimum=1)
    if line is not None:
        expenses = expenses.filter(budget_line=line)
    page = Paginator(expenses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agreement": agreement,
        "page": page,
        "total": expenses.total(),
        "lines": agreement.budget_lines.in_order(),
        "line": line,
        **permissions_for(request.user, agreement),
    }
    return render(request, "agreements/expense_list.html", context)


@require_GET
def expense_detail(request, pk, expense_pk):
    agreement = visible_agreement(request, pk)
    expense = _expense(agreement, expense_pk)
    context = {
        "agreement": agreement,
        "expense": expense,
        **permissions_for(request.user, agreement),
    }
    if context["can_history"]:
        context["history_entries"] = history.entries(expense)
    return render(request, "agreements/expense_detail.html", context)


@require_http_methods(["GET", "POST"])
def expense_form(request, pk, expense_pk=None):
    agreement = visible_agreement(request, pk, "agreements.record_expense")
    expense = _expense(agreement, expense_pk) if expense_pk else None
    initial = {}
    if expense is None and int_param(request.GET, "ligne", minimum=1) is not None:
        initial["budget_line"] = int_param(request.GET, "ligne", minimum=1)
    form = ExpenseForm(
        request.POST or None,
        request.FILES or None,
        instance=expense,
        agreement=agreement,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        if expense:
            done = call_service(
                form, services.update_expense, expense, actor=request.user, **form.cleaned_data
            )
        else:
            done = call_service(
                form, services.record_expense, agreement, actor=request.user, **form.cleaned_data
            )
        if done:
            messages.success(request, f"Dépense de {done.supplier} enregistrée.")
            return redirect("agreements:detail", pk=agreement.pk)
        if expense:
            expense.refresh_from_db()
    return render(
        request,
        "agreements/expense_form.html",
        {"form": form, "agreement": agreement, "expense": expense},
    )


@require_POST
def expense_delete(request, pk, expense_pk):
    agreement = visible_agreement(request, pk, "agreements.record_expense")
    expense = _expense(agreement, expense_pk)
    try:
        services.remove_expense(expense, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agreements:expense", pk=agreement.pk, expense_pk=expense.pk)
    messages.success(request, f"Dépense de {expense.supplier} supprimée.")
    return redirect("agreements:expenses", pk=agreement.pk)


@require_GET
def expense_receipt(request, pk, expense_pk):
    agreement = visible_agreement(request, pk)
    return serve_file(_expense(agreement, expense_pk).receipt)


@require_http_methods(["GET", "POST"])
def payment_create(request, pk):
    agreement = visible_agreement(request, pk, "agreements.record_payment")
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, services.record_payment, agreement, actor=request.user, **form.cleaned_data
        )
        if done:
            messages.success(request, f"{done.get_kind_display()} enregistré(e).")
            return redirect("agreements:detail", pk=agreement.pk)
    payments = agreement.payments.order_by("date", "pk")
    context = {"form": form, "agreement": agreement, "payments": payments}
    if request.user.has_perm("agreements.view_history", agreement):
        context["payment_history"] = [
            {"payment": p, "entries": history.entries(p)} for p in payments
        ]
    return render(request, "agreements/payment_form.html", context)


@require_POST
def payment_delete(request, pk, payment_pk):
    agreement = visible_agreement(request, pk, "agreements.record_payment")
    payment = get_object_or_404(Payment, pk=payment_pk, agreement=agreement)
    try:
        services.remove_payment(payment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{payment} supprimé.")
    return redirect("agreements:detail", pk=agreement.pk)

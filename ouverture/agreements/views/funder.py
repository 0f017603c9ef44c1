"""The funder's officer's screens: budget operations, their credits, and the credit reserved
for files, with the balance a proposal would leave before it is saved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.agreements import services
from ouverture.agreements.enums import CreditStatus
from ouverture.agreements.forms import CreditForm, OperationForm, parse_amount_or_none
from ouverture.agreements.models import BudgetOperation, CreditCommitment
from ouverture.agreements.views._common import call_service
from ouverture.core import history
from ouverture.core.params import year_param
from ouverture.core.permissions import require


def _operation(request, op_pk, perm="agreements.view_funder_budget"):
    require(request.user, perm)
    return get_object_or_404(
        BudgetOperation.objects.visible_to(request.user).with_credit().select_related("funder"),
        pk=op_pk,
    )


@require_GET
def operation_list(request):
    require(request.user, "agreements.view_funder_budget")
    operations = (
        BudgetOperation.objects.visible_to(request.user).with_credit().select_related("funder")
    )
    year = request.GET.get("year", "")
    if year_param(request.GET) is not None:
        operations = operations.for_year(year_param(request.GET))
    context = {
        "operations": operations.order_by("-year", "code"),
        "year": year,
        "can_manage": request.user.has_perm("agreements.manage_funder_budget"),
    }
    return render(request, "agreements/operation_list.html", context)


def _credit_form(operation, data=None):
    form = CreditForm(data, operation=operation)
    # Typing an amount shows the balance it would leave (htmx), before anything is saved.
    form.fields["amount"].widget.attrs.update(
        {
            "hx-get": reverse("agreements:credit_create", args=[operation.pk]),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#preview",
            "hx-swap": "outerHTML",
        }
    )
    return form


def _credit_rows(operation):
    """Each reservation with the credit available before it and the balance after it."""
    rows, reserved = [], 0
    for commitment in operation.commitments.select_related("agreement").in_order():
        counts = commitment.status != CreditStatus.CANCELLED
        available = operation.credits - reserved
        rows.append(
            {
                "commitment": commitment,
                "available": available if counts else None,
                "balance": available - commitment.amount if counts else None,
            }
        )
        if counts:
            reserved += commitment.amount
    return rows


@require_GET
def operation_detail(request, op_pk):
    operation = _operation(request, op_pk)
    can_manage = request.user.has_perm("agreements.manage_funder_budget")
    context = {
        "operation": operation,
        "rows": _credit_rows(operation),
        "can_manage": can_manage,
        "form": _credit_form(operation) if can_manage else None,
        "preview": None,
    }
    if request.user.has_perm("agreements.view_history"):
        context["history_entries"] = history.entries(operation)
        context["credit_history"] = [
            {"commitment": row["commitment"], "entries": history.entries(row["commitment"])}
            for row in context["rows"]
        ]
    return render(request, "agreements/operation_detail.html", context)


@require_http_methods(["GET", "POST"])
def operation_form(request, op_pk=None):
    require(request.user, "agreements.manage_funder_budget")
    operation = _operation(request, op_pk, "agreements.manage_funder_budget") if op_pk else None
    initial = None
    if operation:
        initial = {
            name: getattr(operation, name)
            for name in ("funder", "year", "code", "imputation", "label", "credits")
        }
    form = OperationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if operation:
            done = call_service(
                form, services.update_operation, operation, actor=request.user, **form.cleaned_data
            )
        else:
            done = call_service(
                form, services.create_operation, actor=request.user, **form.cleaned_data
            )
        if done:
            messages.success(request, f"Opération {done.code} enregistrée.")
            return redirect("agreements:operation", op_pk=done.pk)
    return render(request, "agreements/operation_form.html", {"form": form, "operation": operation})


def _preview(operation, text):
    value = parse_amount_or_none(text)
    if value is None:
        return None
    balance = operation.available - value
    return {
        "amount": value,
        "available": operation.available,
        "balance": balance,
        "refused": balance < 0,
    }


@require_http_methods(["GET", "POST"])
def credit_create(request, op_pk):
    operation = _operation(request, op_pk, "agreements.manage_funder_budget")
    if request.method == "GET":
        # htmx: the balance the typed proposal would leave, before anything is saved.
        preview = _preview(operation, request.GET.get("amount"))
        return render(request, "agreements/operation_detail.html#preview", {"preview": preview})
    form = _credit_form(operation, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services.reserve_credit,
            operation,
            actor=request.user,
            amount=data["amount"],
            label=data["label"],
            agreement=data["agreement"],
            status=data["status"],
            decided_on=data["decided_on"],
            note=data["note"],
        )
        if done:
            messages.success(request, f"{done.get_status_display()} de {done.label} enregistrée.")
            return redirect("agreements:operation", op_pk=operation.pk)
    context = {
        "operation": operation,
        "rows": _credit_rows(operation),
        "can_manage": True,
        "form": form,
        "preview": _preview(operation, request.POST.get("amount")),
    }
    return render(request, "agreements/operation_detail.html", context, status=200)


@require_POST
def credit_status(request, credit_pk):
    require(request.user, "agreements.manage_funder_budget")
    commitment = get_object_or_404(CreditCommitment.objects.visible_to(request.user), pk=credit_pk)
    status = request.POST.get("status", "")
    try:
        done = services.set_credit_status(commitment, actor=request.user, status=status)
    except ValidationError as error:
        # No form on this button: the refusal is shown as a message on the operation's page.
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {done.label} » : {done.get_status_display()}.")
    return redirect("agreements:operation", op_pk=commitment.operation_id)

from django.urls import path

from ouverture.agreements.views import (
    agreements,
    budget,
    commitments,
    deliverables,
    execution,
    funder,
)

app_name = "agreements"
A = "<int:pk>/"
urlpatterns = [
    path("", agreements.agreement_list, name="list"),
    path("nouvelle/", agreements.agreement_create, name="create"),
    path(A, agreements.agreement_detail, name="detail"),
    path(A + "modifier/", agreements.agreement_update, name="update"),
    path(A + "statut/", agreements.agreement_status, name="status"),
    path(A + "export.xlsx", agreements.agreement_export, name="export"),
    # Budget
    path(A + "budget/ajouter/", budget.line_create, name="line_create"),
    path(A + "budget/<int:line_pk>/", budget.line_detail, name="line"),
    path(A + "budget/<int:line_pk>/modifier/", budget.line_update, name="line_update"),
    path(A + "budget/<int:line_pk>/supprimer/", budget.line_delete, name="line_delete"),
    path(A + "recettes/ajouter/", budget.revenue_form, name="revenue_create"),
    path(A + "echeancier/", budget.schedule_form, name="schedule"),
    path(A + "recettes/<int:revenue_pk>/", budget.revenue_form, name="revenue_update"),
    path(A + "recettes/<int:revenue_pk>/supprimer/", budget.revenue_delete, name="revenue_delete"),
    path(A + "budget-global/", budget.beneficiary_budget, name="beneficiary_budget"),
    # Commitments
    path(A + "engagements/ajouter/", commitments.commitment_form, name="commitment_create"),
    path(
        A + "engagements/<int:commitment_pk>/livrables/ajouter/",
        deliverables.deliverable_form,
        name="deliverable_create",
    ),
    path(
        A + "engagements/<int:commitment_pk>/livrables/<int:deliverable_pk>/",
        deliverables.deliverable_form,
        name="deliverable_update",
    ),
    path(
        A + "engagements/<int:commitment_pk>/livrables/<int:deliverable_pk>/supprimer/",
        deliverables.deliverable_delete,
        name="deliverable_delete",
    ),
    path(A + "engagements/<int:commitment_pk>/", commitments.commitment_detail, name="commitment"),
    path(
        A + "engagements/<int:commitment_pk>/modifier/",
        commitments.commitment_form,
        name="commitment_update",
    ),
    path(
        A + "engagements/<int:commitment_pk>/supprimer/",
        commitments.commitment_delete,
        name="commitment_delete",
    ),
    path(
        A + "engagements/<int:commitment_pk>/justificatif/",
        commitments.commitment_evidence,
        name="commitment_evidence",
    ),
    # Execution
    path(A + "depenses/", execution.expense_list, name="expenses"),
    path(A + "depenses/ajouter/", execution.expense_form, name="expense_create"),
    path(A + "depenses/<int:expense_pk>/", execution.expense_detail, name="expense"),
    path(A + "depenses/<int:expense_pk>/modifier/", execution.expense_form, name="expense_update"),
    path(
        A + "depenses/<int:expense_pk>/supprimer/", execution.expense_delete, name="expense_delete"
    ),
    path(A + "depenses/<int:expense_pk>/piece/", execution.expense_receipt, name="expense_receipt"),
    path(A + "versements/", execution.payment_create, name="payment_create"),
    path(
        A + "versements/<int:payment_pk>/supprimer/",
        execution.payment_delete,
        name="payment_delete",
    ),
    # The funder's budget
    path("budget-financeur/", funder.operation_list, name="operations"),
    path("budget-financeur/nouvelle/", funder.operation_form, name="operation_create"),
    path("budget-financeur/<int:op_pk>/", funder.operation_detail, name="operation"),
    path("budget-financeur/<int:op_pk>/modifier/", funder.operation_form, name="operation_update"),
    path("budget-financeur/<int:op_pk>/reserver/", funder.credit_create, name="credit_create"),
    path(
        "budget-financeur/credits/<int:credit_pk>/statut/",
        funder.credit_status,
        name="credit_status",
    ),
]

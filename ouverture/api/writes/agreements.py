"""POST /api/v1/conventions/<id>/depenses/: record an expense on an agreement.

The expense screen's form (agreements.forms.ExpenseForm: the agreement's budget lines, the
amount in euros) then its service (agreements.services.record_expense: the agreement locked,
its budget open, the date inside the eligibility period, the line's category). A receipt
file is attached on the screen; the JSON body carries none.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ouverture.agreements import services
from ouverture.agreements.enums import ExpenseCategory
from ouverture.agreements.forms import ExpenseForm
from ouverture.agreements.models import Agreement, Expense
from ouverture.api.conventions import ReadModelSerializer, StrictSerializer
from ouverture.api.writes.base import WriteView, form_data, run_form


class ExpenseBody(StrictSerializer):
    # Required fields and choices are the screen's form's to check (its messages).
    budget_line = serializers.IntegerField(
        required=False, help_text="Identifiant d'une ligne budgétaire de la convention."
    )
    date = serializers.DateField(required=False, help_text="Date de paiement (obligatoire).")
    supplier = serializers.CharField(
        required=False, help_text="Fournisseur ou bénéficiaire du paiement (obligatoire)."
    )
    label = serializers.CharField(required=False, allow_blank=True, help_text="Objet.")
    amount = serializers.CharField(
        required=False,
        help_text="Montant en euros (obligatoire), chaîne décimale : « 1250.50 » ou « 1 250,50 ».",
    )
    category = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=f"Catégorie ({', '.join(ExpenseCategory.values)}) ; "
        "facultative quand la ligne relève d'une seule catégorie.",
    )


class ExpenseSerializer(ReadModelSerializer):
    agreement = serializers.IntegerField(source="agreement_id", read_only=True)
    budget_line = serializers.IntegerField(source="budget_line_id", read_only=True)

    class Meta:
        model = Expense
        fields = [
            "id",
            "agreement",
            "budget_line",
            "date",
            "supplier",
            "label",
            "amount",
            "category",
            "created_at",
        ]
        read_only_fields = fields


class RecordExpenseView(WriteView):
    api_app = "agreements"

    @extend_schema(
        summary="Enregistrer une dépense sur une convention",
        description=(
            "Comme l'écran « Nouvelle dépense » : mêmes contrôles, mêmes messages (ligne de la "
            "convention, montant, date dans la période d'éligibilité, catégorie de la ligne, "
            "budget figé). Un refus n'écrit rien ; la dépense est enregistrée au nom du "
            "titulaire du jeton (historique)."
        ),
        request=ExpenseBody,
        responses={201: ExpenseSerializer},
    )
    def post(self, request, pk):
        agreement = self.visible(Agreement.objects, pk, "agreements.view_agreement")
        self.require("agreements.record_expense", agreement)
        body = self.body(ExpenseBody)
        data = run_form(ExpenseForm(form_data(body), agreement=agreement))
        data.pop("receipt", None)
        expense = services.record_expense(agreement, actor=request.user, **data)
        return Response(ExpenseSerializer(expense).data, status=status.HTTP_201_CREATED)

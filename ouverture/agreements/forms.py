"""Forms of the agreement screens. They read French input (MoneyField, dates); the services
validate and write, and their errors come back on the form (apply_service_errors)."""

from django import forms

from ouverture.agreements.enums import CreditStatus, ExpenseCategory, InstalmentKind, MeasureKind
from ouverture.agreements.models import Agreement, BudgetLine, Commitment, Expense, Payment
from ouverture.core import indicators
from ouverture.core.formats import format_decimal, parse_decimal_fr
from ouverture.core.forms import DateInput, MoneyField
from ouverture.core.pickers import SearchChoiceField
from ouverture.organisations.models import Organisation


class QuantityField(MoneyField):
    """A quantity or a target: '8', '1,5' (two decimals at most, never negative)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value in (None, "") or isinstance(value, str):
            return value or ""
        places = 0 if value == int(value) else 2
        return format_decimal(value, places)


def _organisations():
    return Organisation.objects.order_by("search_name", "pk")


def _organisation_field(label, **kwargs):
    # A search and a few choices: the directory may hold tens of thousands of organisations.
    return SearchChoiceField(
        label=label, picker="organisation", queryset=_organisations(), **kwargs
    )


class AgreementForm(forms.ModelForm):
    funder = _organisation_field("Financeur")
    beneficiary = _organisation_field("Bénéficiaire")
    subsidy = MoneyField(
        label="Subvention (€)",
        required=False,
        help_text="Vide tant que le montant n'est pas connu.",
    )
    forecast_cost = MoneyField(
        label="Coût total prévisionnel (€)",
        required=False,
        help_text="Vide tant que le montant n'est pas connu.",
    )
    year = forms.IntegerField(
        label="Exercice", required=False, help_text="Par défaut, l'année du début de l'action."
    )

    class Meta:
        model = Agreement
        fields = [
            "reference", "title", "funder", "funder_representative", "funder_representative_title",
            "beneficiary", "beneficiary_representative", "beneficiary_representative_title",
            "year", "action_start", "action_end", "eligibility_start",
            "eligibility_end", "report_due", "subsidy", "forecast_cost", "articles", "notes",
        ]  # fmt: skip
        widgets = {
            "action_start": DateInput(),
            "action_end": DateInput(),
            "eligibility_start": DateInput(),
            "eligibility_end": DateInput(),
            "report_due": DateInput(),
            "articles": forms.Textarea(attrs={"rows": 8}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "funder_representative": "Par défaut, le représentant légal de la structure.",
            "beneficiary_representative": "Par défaut, le représentant légal de la structure.",
            "eligibility_start": "Par défaut, le début de l'action.",
            "eligibility_end": "Par défaut, la fin de l'action.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "funder_representative",
            "beneficiary_representative",
            "eligibility_start",
            "eligibility_end",
        ):
            self.fields[name].required = False

    def _post_clean(self):
        pass  # the service validates (history.save runs full_clean)


class StatusForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput)
    signed_on = forms.DateField(label="Date de signature", required=False, widget=DateInput())


class BudgetLineForm(forms.Form):
    label = forms.CharField(label="Type de dépense", max_length=255)
    quantity = QuantityField(label="Quantité")
    unit = forms.CharField(label="Unité", max_length=50, help_text="porteur, module, forfait…")
    total = MoneyField(
        label="Total (€)", help_text="Le total fait foi ; le coût unitaire en est déduit."
    )
    category = forms.ChoiceField(
        label="Catégorie",
        choices=ExpenseCategory.choices,
        help_text="Toute la ligne dans cette catégorie, sauf si vous la répartissez ci-dessous.",
    )
    description = forms.CharField(
        label="Descriptif", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, line=None, **kwargs):
        if line is not None and "initial" not in kwargs:
            splits = line.split_amounts()
            kwargs["initial"] = {
                "label": line.label,
                "quantity": line.quantity,
                "unit": line.unit,
                "total": line.total,
                "description": line.description,
                "category": next(iter(splits), ExpenseCategory.STAFF),
                **({f"split_{c}": v for c, v in splits.items()} if len(splits) > 1 else {}),
            }
        super().__init__(*args, **kwargs)
        for category in ExpenseCategory:
            self.fields[f"split_{category.value}"] = MoneyField(
                label=f"dont {category.label}", required=False, help_text=""
            )

    def split_fields(self):
        return [self[f"split_{c.value}"] for c in ExpenseCategory]

    def main_fields(self):
        return [
            self[name] for name in ("label", "quantity", "unit", "total", "category", "description")
        ]

    def service_arguments(self):
        data = dict(self.cleaned_data)
        splits = {c.value: data.pop(f"split_{c.value}") for c in ExpenseCategory}
        category = data.pop("category")
        filled = {c: v for c, v in splits.items() if v is not None}
        data["categories"] = filled if filled else category
        return data


class RevenueForm(forms.Form):
    funder_label = forms.CharField(label="Financeur", max_length=150)
    organisation = _organisation_field("Structure enregistrée (facultatif)", required=False)
    amount = MoneyField(label="Montant (€)")
    note = forms.CharField(label="Note", max_length=255, required=False)


class BeneficiaryBudgetForm(forms.Form):
    total_revenues = MoneyField(label="Total des produits (€)")
    total_expenses = MoneyField(label="Total des charges (€)")
    source = forms.CharField(label="Source", max_length=255, required=False)


class CommitmentForm(forms.ModelForm):
    target = QuantityField(
        label="Objectif",
        required=False,
        help_text="Supérieur à zéro ; vide pour un engagement sans cible chiffrée.",
    )
    manual_value = QuantityField(label="Réalisé (saisi)", required=False)
    indicator_code = forms.ChoiceField(label="Indicateur", required=False)
    evidence_url = forms.URLField(
        label="Justificatif (lien)",
        required=False,
        assume_scheme="https",
        help_text="Ou joignez un fichier ci-dessus.",
    )

    class Meta:
        model = Commitment
        fields = [
            "label", "target", "unit", "period_start", "period_end", "measure_kind",
            "indicator_code", "manual_value", "evidence_file", "evidence_url", "budget_line", "notes",
        ]  # fmt: skip
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "measure_kind": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "period_start": "Par défaut, la période de l'action.",
        }

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["period_start"].required = False
        self.fields["period_end"].required = False
        self.fields["budget_line"].queryset = BudgetLine.objects.for_agreement(agreement).in_order()
        choices = [("", "—"), *indicators.choices()]
        current = self.instance.indicator_code if self.instance.pk else ""
        if current and current not in dict(choices):
            choices.append((current, f"{current} (indicateur indisponible)"))
        self.fields["indicator_code"].choices = choices
        self.indicator = self._selected_indicator()
        if self.indicator is not None:
            params = self.instance.indicator_params if self.instance.pk else {}
            for name, options in self.indicator.params.items():
                self.fields[f"param_{name}"] = forms.ChoiceField(
                    label=indicators.param_label(name),
                    choices=[(v, label) for v, label in options],
                    required=False,
                    initial=params.get(name, ""),
                )

    def _selected_indicator(self):
        code = (self.data.get("indicator_code") if self.is_bound else None) or (
            self.initial.get("indicator_code") or self.instance.indicator_code
        )
        try:
            return indicators.get(code) if code else None
        except LookupError:
            return None

    def param_fields(self):
        return [self[name] for name in self.fields if name.startswith("param_")]

    def base_fields_list(self):
        return [self[name] for name in self.fields if not name.startswith("param_")]

    def clean(self):
        data = super().clean()
        if data.get("measure_kind") == MeasureKind.INDICATOR and self.indicator is not None:
            data["indicator_params"] = {
                name: data.pop(f"param_{name}", "") or "" for name in self.indicator.params
            }
        elif data.get("measure_kind") == MeasureKind.INDICATOR and self.instance.pk:
            data["indicator_params"] = self.instance.indicator_params  # unregistered: kept
        else:
            data["indicator_params"] = {}
        for name in list(data):
            if name.startswith("param_"):
                data.pop(name)
        return data

    def _post_clean(self):
        pass  # the service validates


class ExpenseForm(forms.ModelForm):
    amount = MoneyField(label="Montant (€)")
    category = forms.ChoiceField(
        label="Catégorie",
        required=False,
        help_text="Facultative quand la ligne relève d'une seule catégorie.",
    )

    class Meta:
        model = Expense
        fields = ["budget_line", "date", "supplier", "label", "amount", "category", "receipt"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = BudgetLine.objects.for_agreement(agreement).in_order()
        self.fields["category"].choices = [("", "Celle de la ligne"), *ExpenseCategory.choices]

    def _post_clean(self):
        pass  # the service validates


class PaymentForm(forms.ModelForm):
    amount = MoneyField(label="Montant (€)")

    class Meta:
        model = Payment
        fields = ["kind", "date", "amount", "reference", "note"]
        widgets = {"date": DateInput()}

    def _post_clean(self):
        pass


class SimulationForm(forms.Form):
    realised = MoneyField(label="Si nous réalisons (€)", help_text="")


class OperationForm(forms.Form):
    funder = _organisation_field("Financeur")
    year = forms.IntegerField(label="Exercice", min_value=2000, max_value=2100)
    code = forms.CharField(label="Code opération", max_length=30)
    imputation = forms.CharField(label="Imputation budgétaire", max_length=50)
    label = forms.CharField(label="Libellé", max_length=200)
    credits = MoneyField(label="Crédits de paiement (€)")


class CreditForm(forms.Form):
    label = forms.CharField(label="Objet", max_length=255)
    amount = MoneyField(label="Montant proposé (€)")
    agreement = forms.ModelChoiceField(
        label="Convention (facultatif)", queryset=Agreement.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label="Statut",
        choices=[(CreditStatus.PROPOSED, "Proposition"), (CreditStatus.COMMITTED, "Engagé (voté)")],
    )
    decided_on = forms.DateField(label="Date", required=False, widget=DateInput())
    note = forms.CharField(label="Note", max_length=255, required=False)

    def __init__(self, *args, operation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = Agreement.objects.filter(
            funder=operation.funder_id
        ).order_by("-year", "reference")


def parse_amount_or_none(text):
    """For the htmx previews: a figure typed so far, or None while it is not one."""
    try:
        return parse_decimal_fr(text) if (text or "").strip() else None
    except ValueError:
        return None


SCHEDULE_ROWS = 4


class ScheduleForm(forms.Form):
    """Up to four instalments; a row without a kind is left out. A share (%) or an amount, or
    neither for the last one: the rest of the subsidy."""

    def __init__(self, *args, instalments=(), **kwargs):
        initial = {}
        for n, i in enumerate(instalments, 1):
            initial |= {
                f"kind_{n}": i.kind,
                f"share_{n}": "" if i.share is None else format_decimal(i.share, 2),
                f"amount_{n}": "" if i.amount is None else format_decimal(i.amount, 2),
                f"condition_{n}": i.condition,
                f"due_on_{n}": i.due_on,
            }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for n in range(1, SCHEDULE_ROWS + 1):
            self.fields[f"kind_{n}"] = forms.ChoiceField(
                label=f"Échéance {n} : nature",
                choices=[("", "— (aucune)")] + list(InstalmentKind.choices),
                required=False,
            )
            self.fields[f"share_{n}"] = forms.CharField(
                label=f"Échéance {n} : part de la subvention (%)", required=False
            )
            self.fields[f"amount_{n}"] = forms.CharField(
                label=f"Échéance {n} : ou montant fixe (€)", required=False
            )
            self.fields[f"condition_{n}"] = forms.CharField(
                label=f"Échéance {n} : condition de versement", required=False, max_length=255
            )
            self.fields[f"due_on_{n}"] = forms.DateField(
                label=f"Échéance {n} : à verser au plus tard le", required=False,
                widget=DateInput(),
            )  # fmt: skip

    def rows(self):
        """[(number, [bound fields])] for the template: one fieldset per instalment."""
        names = ("kind", "share", "amount", "condition", "due_on")
        return [(n, [self[f"{name}_{n}"] for name in names]) for n in range(1, SCHEDULE_ROWS + 1)]

    def instalments(self):
        data = self.cleaned_data
        return [
            {
                "kind": data[f"kind_{n}"],
                "share": data[f"share_{n}"],
                "amount": data[f"amount_{n}"],
                "condition": data[f"condition_{n}"],
                "due_on": data[f"due_on_{n}"],
            }
            for n in range(1, SCHEDULE_ROWS + 1)
            if data[f"kind_{n}"]
        ]

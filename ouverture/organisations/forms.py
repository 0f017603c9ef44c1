import re

from django import forms
from django.core.exceptions import ValidationError

from ouverture.accounts.permissions import is_record_keeper
from ouverture.core.forms import MoneyField
from ouverture.geo.models import Commune
from ouverture.geo.text import normalize_name
from ouverture.organisations.enums import ProjectTypeCode
from ouverture.organisations.models import Contact, Organisation
from ouverture.organisations.services import staff_only_fields
from ouverture.organisations.validators import normalize_siret, validate_siret

_CODE_IN_TEXT = re.compile(r"\((\d[0-9AB]\d{3})\)\s*$")


class CommuneField(forms.CharField):
    """A current commune of INSEE's reference, typed as its code, its name, or 'Name (code)'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Nom ou code INSEE, par exemple « Arras » ou « 62041 ».")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            value = Commune.objects.filter(pk=value).first()
        if isinstance(value, Commune):
            return f"{value.name} ({value.code})"
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        current = Commune.objects.current()
        match = _CODE_IN_TEXT.search(text)
        code = (
            match.group(1) if match else (text if re.fullmatch(r"\d[0-9AB]\d{3}", text) else None)
        )
        if code:
            commune = current.filter(code=code).first()
            if commune is None:
                raise ValidationError(
                    f"Le code « {code} » n'est pas celui d'une commune du référentiel INSEE 2026.",
                    code="unknown",
                )
            return commune
        candidates = list(current.filter(search_name=normalize_name(text)).order_by("code")[:6])
        if not candidates:
            raise ValidationError(
                f"La commune « {text} » n'est pas dans le référentiel INSEE 2026 : vérifiez l'orthographe ou saisissez son code INSEE.",
                code="unknown",
            )
        if len(candidates) > 1:
            listed = ", ".join(f"{c.name} ({c.code})" for c in candidates)
            raise ValidationError(
                f"Plusieurs communes s'appellent « {text} » : {listed}. Saisissez le code INSEE.",
                code="ambiguous",
            )
        return candidates[0]


class OrganisationForm(forms.ModelForm):
    commune = CommuneField(label="Commune", required=False)
    project_types = forms.MultipleChoiceField(
        label="Types de projet",
        choices=ProjectTypeCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    annual_budget = MoneyField(label="Budget annuel (€)", required=False)
    siret = forms.CharField(
        label="SIRET",
        required=False,
        max_length=20,
        help_text="14 chiffres, espaces acceptés ; facultatif.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    website = forms.URLField(label="Site internet", required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name", "usual_name", "legal_kind", "siret", "address", "postal_code", "commune", "email", "phone", "website",
            "representative_name", "representative_title", "project_types", "annual_budget", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not is_record_keeper(user):
            # A holder neither sees nor sends what decides its scope, nor the network's notes.
            for name in staff_only_fields(self.instance):
                self.fields.pop(name, None)
        if "commune" in self.fields:
            self.fields["commune"].widget.attrs.update(
                {"list": "communes-list", "autocomplete": "off"}
            )
        if self.instance.pk:
            self.initial["project_types"] = list(
                self.instance.project_types.values_list("code", flat=True)
            )

    def clean_siret(self):
        siret = normalize_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret

    def _post_clean(self):
        # Validation of the instance belongs to the service (history.save runs full_clean).
        pass


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone"]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False)
    project_type = forms.ChoiceField(
        label="Type de projet",
        required=False,
        choices=[("", "Tous les types de projet"), *ProjectTypeCode.choices],
    )
    commune = forms.CharField(label="Commune (code INSEE)", required=False)

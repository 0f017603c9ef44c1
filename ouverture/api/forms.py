from django import forms

from ouverture.accounts.enums import Role
from ouverture.api.enums import AppScope
from ouverture.api.services import MAX_DAYS

SERVICE_ROLES = [
    (r.value, r.label)
    for r in (Role.FUNDER_OFFICER, Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER)
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Nom du jeton",
        max_length=100,
        help_text="Ce qui l'utilise, pour le reconnaître (par exemple « tableur du service »).",
    )
    days = forms.IntegerField(
        label="Validité (jours)",
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        help_text=f"Entre 1 et {MAX_DAYS} jours.",
    )
    read_only = forms.BooleanField(
        label="Lecture seule (ne peut rien modifier)", required=False, initial=True
    )
    app_scope = forms.ChoiceField(
        label="Limité au domaine",
        required=False,
        choices=[("", "Tous les domaines que mon rôle permet"), *AppScope.choices],
    )


class ServiceAccountForm(forms.Form):
    username = forms.CharField(label="Identifiant du compte", max_length=150)
    system = forms.CharField(
        label="Système",
        max_length=150,
        help_text="Par exemple « portail des aides du Département ».",
    )
    role = forms.ChoiceField(
        label="Rôle (ce que le système peut voir et faire)", choices=SERVICE_ROLES
    )
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea)

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from ouverture.accounts.enums import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Identifiant ou mot de passe incorrect. Les deux champs tiennent compte des majuscules.",
        "inactive": "Ce compte est désactivé.",
    }


class UserForm(forms.Form):
    """An administrator's form for an account: identity, role, organisation of a holder."""

    first_name = forms.CharField(label="Prénom", max_length=150, required=False)
    last_name = forms.CharField(label="Nom", max_length=150, required=False)
    email = forms.EmailField(
        label="E-mail", help_text="L'invitation y est envoyée ; c'est aussi l'identifiant."
    )
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label="Structure (porteur de projet, agent du financeur)",
        queryset=None,
        required=False,
        help_text=(
            "Un porteur de projet ne voit que sa structure ; un agent du financeur ne voit que "
            "les conventions de sa structure (sans structure : celles du financeur par défaut)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ouverture.organisations.models import Organisation

        self.fields["organisation"].queryset = Organisation.objects.order_by("search_name", "pk")


class UserFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False)
    role = forms.ChoiceField(
        label="Rôle", required=False, choices=[("", "Tous les rôles"), *Role.choices]
    )
    active = forms.ChoiceField(
        label="État",
        required=False,
        choices=[("", "Tous"), ("1", "Actifs"), ("0", "Désactivés")],
    )

from django import forms

from ouverture.core.forms import DateInput
from ouverture.core.pickers import SearchChoiceField
from ouverture.liaison.enums import SCHEMES
from ouverture.liaison.models import FunderMeeting, OrganisationMet, PromotionEvent
from ouverture.organisations.models import Organisation


def _organisations():
    return Organisation.objects.order_by("search_name")


class MeetingForm(forms.ModelForm):
    # The directory may hold tens of thousands of organisations: the boxes list only the
    # meeting's own parties (uncheck to remove), a search adds one more.
    parties = forms.ModelMultipleChoiceField(
        label="Structures présentes",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Décochez une structure pour la retirer.",
    )
    add_party = SearchChoiceField(
        label="Ajouter une structure présente",
        picker="organisation",
        queryset=_organisations(),
        required=False,
        help_text="Le financeur, le réseau, les partenaires présents.",
    )

    class Meta:
        model = FunderMeeting
        fields = ["date", "parties", "participants", "subject", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = self.instance.parties.all() if self.instance.pk else Organisation.objects.none()
        self.fields["parties"].queryset = linked.order_by("search_name")

    def clean(self):
        data = super().clean()
        parties = list(data.get("parties") or [])
        added = data.pop("add_party", None)
        if added is not None and added not in parties:
            parties.append(added)
        data["parties"] = parties
        return data


class EventForm(forms.ModelForm):
    organiser = SearchChoiceField(
        label="Organisateur (structure)",
        picker="organisation",
        queryset=_organisations(),
        required=False,
    )
    schemes = forms.MultipleChoiceField(
        label="Dispositifs valorisés",
        choices=SCHEMES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PromotionEvent
        fields = ["date", "name", "kind", "place", "organiser", "organiser_name", "schemes", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 4})}


class OrganisationMetForm(forms.ModelForm):
    organisation = SearchChoiceField(
        label="Structure", picker="organisation", queryset=_organisations(), required=False
    )
    event = forms.ModelChoiceField(
        label="Rencontrée lors de",
        queryset=PromotionEvent.objects.order_by("-date"),
        required=False,
        empty_label="Hors événement",
    )
    schemes = forms.MultipleChoiceField(
        label="Dispositifs présentés",
        choices=SCHEMES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    year = forms.IntegerField(
        label="Année",
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="Celle de l'événement quand elle est rencontrée lors d'un événement.",
    )

    class Meta:
        model = OrganisationMet
        fields = ["event", "year", "organisation", "name", "schemes", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

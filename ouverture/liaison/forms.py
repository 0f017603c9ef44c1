from django import forms

from ouverture.core.forms import DateInput
from ouverture.liaison.enums import Scheme
from ouverture.liaison.models import FunderMeeting, OrganisationMet, PromotionEvent
from ouverture.organisations.models import Organisation


def _organisations():
    return Organisation.objects.order_by("search_name")


class MeetingForm(forms.ModelForm):
    parties = forms.ModelMultipleChoiceField(
        label="Structures présentes",
        queryset=_organisations(),
        required=False,
        help_text="Le financeur, le réseau, les partenaires présents.",
    )

    class Meta:
        model = FunderMeeting
        fields = ["date", "parties", "participants", "subject", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 4})}


class EventForm(forms.ModelForm):
    organiser = forms.ModelChoiceField(
        label="Organisateur (structure)", queryset=_organisations(), required=False
    )
    schemes = forms.MultipleChoiceField(
        label="Dispositifs valorisés",
        choices=Scheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PromotionEvent
        fields = ["date", "name", "kind", "place", "organiser", "organiser_name", "schemes", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 4})}


class OrganisationMetForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label="Structure", queryset=_organisations(), required=False
    )
    event = forms.ModelChoiceField(
        label="Rencontrée lors de",
        queryset=PromotionEvent.objects.order_by("-date"),
        required=False,
        empty_label="Hors événement",
    )
    schemes = forms.MultipleChoiceField(
        label="Dispositifs présentés",
        choices=Scheme.choices,
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

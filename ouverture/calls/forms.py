from django import forms

from ouverture.calls.models import Call
from ouverture.core.forms import DateInput, MoneyField
from ouverture.core.pickers import SearchChoiceField
from ouverture.organisations.models import Organisation, ProjectType


class ApplicationForm(forms.Form):
    call = forms.ModelChoiceField(label="Appel", queryset=Call.objects.none())
    organisation = SearchChoiceField(
        label="Structure", picker="organisation", queryset=Organisation.objects.none()
    )
    title = forms.CharField(label="Projet", max_length=255)
    project_type = forms.ModelChoiceField(
        label="Type de projet", queryset=ProjectType.objects.all(), required=False
    )
    partner_abroad = forms.CharField(label="Partenaire à l'étranger", required=False)
    starts_on = forms.DateField(label="Début", required=False, widget=DateInput())
    ends_on = forms.DateField(label="Fin", required=False, widget=DateInput())
    participants = forms.IntegerField(label="Nombre de participants", min_value=0, initial=0)
    requested_amount = MoneyField(label="Montant demandé")

    def __init__(self, *args, calls, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        self.fields["organisation"].queryset = organisations


class LineForm(forms.Form):
    strand = forms.CharField(label="Volet", required=False)
    label = forms.CharField(label="Dépense", max_length=255)
    base = forms.CharField(
        label="Base de calcul", required=False, help_text="Par exemple « 3 × 300 € »"
    )
    total = MoneyField(label="Total")


class ResourceForm(forms.Form):
    label = forms.CharField(label="Financeur ou ressource", max_length=255)
    amount = MoneyField(label="Montant")
    in_kind = forms.BooleanField(label="Contribution en nature", required=False)
    is_request = forms.BooleanField(label="Subvention demandée à cet appel", required=False)


class DocumentForm(forms.Form):
    """Upload one of the documents the call asks (types and size checked by the service)."""

    asked = forms.ChoiceField(label="Pièce")
    file = forms.FileField(
        label="Fichier",
        help_text="PDF, DOCX, XLSX, ODT ou image (PNG, JPEG), 10 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, asked, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asked"].choices = [(label, label) for label in asked]

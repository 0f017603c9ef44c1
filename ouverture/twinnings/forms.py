from django import forms
from django.core.exceptions import ValidationError

from ouverture.core.forms import DateInput
from ouverture.geo.enums import Continent
from ouverture.geo.models import Country, Departement
from ouverture.organisations.forms import CommuneField
from ouverture.organisations.models import Contact, Organisation
from ouverture.twinnings.enums import (
    ANSWER_STATUSES,
    AgreementKind,
    AgreementStatus,
    PartyKind,
)
from ouverture.twinnings.importer import FIELDS
from ouverture.twinnings.matching import parse_signature
from ouverture.twinnings.services import regions


class SignatureField(forms.CharField):
    """'14/10/1965', '1965-10-14' or '1965' -> (date or None, year or None)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Date (14/10/1965) ou année seule (1965).")
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 12, "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, tuple):
            day, year = value
            return day.strftime("%d/%m/%Y") if day else (str(year) if year else "")
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        try:
            return parse_signature(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None


def foreign_countries():
    return Country.objects.exclude(code="FR").order_by("name")


def committees():
    return Organisation.objects.order_by("search_name", "pk")


class AgreementCreateForm(forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=AgreementKind.choices)
    status = forms.ChoiceField(
        label="Statut", choices=AgreementStatus.choices, initial=AgreementStatus.UNKNOWN
    )
    party_kind = forms.ChoiceField(
        label="Partie locale", choices=PartyKind.choices, initial=PartyKind.COMMUNE,
        required=False, help_text="Une commune par défaut.",
    )  # fmt: skip
    commune = CommuneField(label="Commune", required=False)
    former_name = forms.CharField(
        label="Ancien nom de la commune",
        required=False,
        help_text="Si la commune a signé sous un autre nom (avant une fusion).",
    )
    epci_siren = forms.CharField(
        label="SIREN de l'intercommunalité", required=False,
        help_text="Pour une intercommunalité : 9 chiffres (référentiel des EPCI).",
    )  # fmt: skip
    departement = forms.ModelChoiceField(
        label="Département", queryset=Departement.objects.all(), required=False,
        help_text="Pour un accord du Département.",
    )  # fmt: skip
    region_code = forms.ChoiceField(
        label="Région", required=False, help_text="Pour un accord de la Région."
    )
    local_signed = SignatureField(label="Signature de la partie locale")
    partner_name = forms.CharField(label="Ville partenaire", max_length=150)
    partner_country = forms.ModelChoiceField(label="Pays", queryset=Country.objects.none())
    partner_region = forms.CharField(label="Région ou État", required=False, max_length=150)
    partner_signed = SignatureField(label="Signature du partenaire")
    committee = forms.ModelChoiceField(
        label="Comité de jumelage", queryset=Organisation.objects.none(), required=False
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_country"].queryset = foreign_countries()
        self.fields["committee"].queryset = committees()
        self.fields["commune"].widget.attrs.update({"list": "communes-list", "autocomplete": "off"})
        self.fields["region_code"].choices = [("", "—"), *sorted(regions().items())]

    def party(self):
        """The local party as the service takes it (the service checks what is missing)."""
        data = self.cleaned_data
        on, year = data["local_signed"]
        kind = data["party_kind"] or PartyKind.COMMUNE
        party = {"kind": kind, "signed_on": on, "signed_year": year}
        if kind == PartyKind.COMMUNE:
            party.update(commune=data["commune"], former_name=data["former_name"])
        elif kind == PartyKind.INTERCOMMUNALITY:
            party["epci_siren"] = data["epci_siren"]
        elif kind == PartyKind.DEPARTEMENT:
            party["departement"] = data["departement"]
        else:
            party["region_code"] = data["region_code"]
        return party


class AgreementUpdateForm(forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=AgreementKind.choices)
    status = forms.ChoiceField(label="Statut", choices=AgreementStatus.choices)
    committee = forms.ModelChoiceField(
        label="Comité de jumelage", queryset=Organisation.objects.none(), required=False
    )
    contact = forms.ModelChoiceField(
        label="Contact du comité", queryset=Contact.objects.none(), required=False
    )
    upcoming_projects = forms.CharField(
        label="Projets à venir", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees()
        contacts = Contact.objects.select_related("organisation").order_by("name")
        if agreement is not None and agreement.committee_id:
            contacts = contacts.filter(organisation_id=agreement.committee_id)
        self.fields["contact"].queryset = contacts


class LocalPartyForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=PartyKind.choices)
    commune = CommuneField(label="Commune", required=False)
    former_name = forms.CharField(label="Ancien nom de la commune", required=False)
    epci_siren = forms.CharField(label="SIREN de l'intercommunalité", required=False)
    departement = forms.ModelChoiceField(
        label="Département", queryset=Departement.objects.all(), required=False
    )
    region_code = forms.ChoiceField(label="Région", required=False)
    signed = SignatureField(label="Signature")
    contact_name = forms.CharField(label="Contact", required=False)
    contact_email = forms.EmailField(label="E-mail du contact", required=False)
    contact_phone = forms.CharField(label="Téléphone du contact", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = [("", "—"), *sorted(regions().items())]

    def service_fields(self):
        data = dict(self.cleaned_data)
        data["signed_on"], data["signed_year"] = data.pop("signed")
        return data


class PartnerForm(forms.Form):
    name = forms.CharField(label="Ville partenaire", max_length=150)
    country = forms.ModelChoiceField(label="Pays", queryset=Country.objects.none())
    region = forms.CharField(label="Région ou État", required=False, max_length=150)
    signed = SignatureField(label="Signature du partenaire")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = foreign_countries()

    def service_fields(self):
        data = dict(self.cleaned_data)
        data["signed_on"], data["signed_year"] = data.pop("signed")
        return data


class VerificationForm(forms.Form):
    status = forms.ChoiceField(label="Statut constaté", choices=AgreementStatus.choices)
    verified_on = forms.DateField(label="Vérifié le", widget=DateInput(), required=False)
    note = forms.CharField(label="Comment (appel, courrier…)", required=False, max_length=90)


class SourceForm(forms.Form):
    url = forms.URLField(label="Lien", required=False, assume_scheme="https")
    note = forms.CharField(label="Note", required=False, max_length=500)


REVIEW_CHOICES = [
    ("", "Avec ou sans point à vérifier"),
    ("flagged", "À vérifier"),
    ("clear", "Sans point à vérifier"),
]


class AgreementFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False)
    status = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous statuts"), *AgreementStatus.choices]
    )
    country = forms.ChoiceField(label="Pays", required=False)
    review = forms.ChoiceField(label="Vérification", required=False, choices=REVIEW_CHOICES)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Tous pays"), *countries]


class StatisticsFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous statuts"), *AgreementStatus.choices]
    )
    kind = forms.ChoiceField(
        label="Nature", required=False, choices=[("", "Toutes natures"), *AgreementKind.choices]
    )
    continent = forms.ChoiceField(
        label="Continent", required=False, choices=[("", "Tous continents"), *Continent.choices]
    )
    country = forms.ChoiceField(label="Pays", required=False)
    epci = forms.ChoiceField(label="Intercommunalité", required=False)
    review = forms.ChoiceField(label="Vérification", required=False, choices=REVIEW_CHOICES)
    grouping = forms.ChoiceField(
        label="Regroupement des continents", required=False,
        choices=[("insee", "INSEE (5 continents)"), ("seven", "Sept continents")],
    )  # fmt: skip

    def __init__(self, *args, countries=(), epcis=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Tous pays"), *countries]
        self.fields["epci"].choices = [("", "Toutes intercommunalités"), *epcis]


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Fichier (CSV, TSV ou XLSX)")
    encoding = forms.ChoiceField(
        label="Encodage (fichiers texte)",
        choices=[("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (ancien Excel)")],
        initial="utf-8",
        required=False,
    )


class MappingForm(forms.Form):
    """One choice of the file's columns per field we know."""

    skip_foreign = forms.BooleanField(
        label="Ignorer les lignes dont aucune ville n'est en France (listes mondiales)",
        required=False,
    )
    source_label = forms.CharField(
        label="Source (note ajoutée à chaque jumelage)", required=False, max_length=300
    )

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— ignorer —"), *[(h, h) for h in headers if h]]
        self.mapped_fields = []
        for f in FIELDS:
            self.fields[f"map_{f.key}"] = forms.ChoiceField(
                label=f.label, choices=choices, required=False, help_text=f.help
            )
            self.mapped_fields.append(self[f"map_{f.key}"])

    def mapping(self):
        return {
            f.key: self.cleaned_data.get(f"map_{f.key}")
            for f in FIELDS
            if self.cleaned_data.get(f"map_{f.key}")
        }


class CampaignForm(forms.Form):
    name = forms.CharField(label="Nom de la campagne", max_length=150)
    stale_months = forms.IntegerField(
        label="Jumelages non vérifiés depuis (mois)", min_value=0, max_value=240, initial=12
    )
    valid_days = forms.IntegerField(
        label="Liens valables (jours)", min_value=1, max_value=180, initial=30
    )
    message = forms.CharField(
        label="Message ajouté au courriel", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label="Ce jumelage est-il…",
        choices=[(s.value, s.label) for s in ANSWER_STATUSES],
        widget=forms.RadioSelect,
    )
    answered_by_name = forms.CharField(label="Votre nom", max_length=200)
    contact_name = forms.CharField(label="Personne à contacter", required=False, max_length=150)
    contact_email = forms.EmailField(label="Son e-mail", required=False)
    contact_phone = forms.CharField(label="Son téléphone", required=False, max_length=30)
    upcoming_projects = forms.CharField(
        label="Projets à venir (échanges, visites, projets avec la ville partenaire)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ValueMappingForm(forms.Form):
    """One choice of status per value the file writes that no status word explains."""

    def __init__(self, *args, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.values = list(values)
        for i, raw in enumerate(self.values):
            self.fields[f"value_{i}"] = forms.ChoiceField(
                label=f"« {raw} » veut dire", required=False,
                choices=[("", "— à choisir —"), *AgreementStatus.choices],
            )  # fmt: skip

    def choices(self):
        return [(raw, self.data.get(f"value_{i}", "")) for i, raw in enumerate(self.values)]

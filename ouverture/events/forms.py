from django import forms
from django.core.exceptions import ValidationError

from ouverture.core.forms import DateInput, DurationField
from ouverture.core.wording import plural
from ouverture.events.enums import RegistrationStatus, WorkshopKind
from ouverture.events.models import Workshop
from ouverture.events.queries import match_organisation
from ouverture.geo.models import Country
from ouverture.organisations.enums import LegalKind, ProjectTypeCode


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class OrganisationNameField(forms.CharField):
    """An organisation of the registry typed by its name or usual name."""

    def __init__(self, *, many=False, **kwargs):
        self.many = many
        kwargs.setdefault(
            "help_text",
            "Noms séparés par « ; »." if many else "Nom ou nom d'usage, tel qu'au répertoire.",
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return " ; ".join(getattr(o, "name", str(o)) for o in value)
        return getattr(value, "name", value)

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        names = [n.strip() for n in text.split(";") if n.strip()] if self.many else [text]
        found, unknown = [], []
        for name in names:
            if not name:
                continue
            organisation = match_organisation(name)
            (found.append(organisation) if organisation else unknown.append(name))
        if unknown:
            listed = ", ".join(f"« {n} »" for n in unknown)
            raise ValidationError(
                f"Aucune structure du répertoire ne s'appelle {listed} (ou plusieurs portent ce nom) : "
                "vérifiez l'orthographe ou créez d'abord la structure.",
                code="unknown",
            )
        if self.many:
            return found
        return found[0] if found else None


class WorkshopForm(forms.ModelForm):
    facilitators = OrganisationNameField(label="Structures qui animent", required=False, many=True)
    video_link = forms.URLField(
        label="Lien de visioconférence", required=False, assume_scheme="https"
    )

    # video_link is declared (not generated) so that its scheme defaults to https.
    field_order = [
        "title", "kind", "description", "date", "start_time", "end_time", "place", "video_link",
        "capacity", "registration_deadline", "audience", "facilitators", "ateliers_to_choose",
        "cancelled",
    ]  # fmt: skip

    class Meta:
        model = Workshop
        fields = [
            "title", "kind", "description", "date", "start_time", "end_time", "place",
            "capacity", "registration_deadline", "audience", "facilitators", "ateliers_to_choose",
            "cancelled",
        ]  # fmt: skip
        widgets = {
            "date": DateInput(),
            "registration_deadline": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Trainings have their own form (holder, young people, destination).
        self.fields["kind"].choices = [
            c for c in WorkshopKind.choices if c[0] != WorkshopKind.PRE_DEPARTURE_TRAINING
        ]
        if self.instance.pk:
            self.initial["video_link"] = self.instance.video_link
            self.initial["facilitators"] = list(self.instance.facilitators.all())
        else:
            del self.fields["cancelled"]

    def _post_clean(self):
        # Validation of the instance belongs to the service (history.save runs full_clean).
        pass


class AgendaItemForm(forms.Form):
    start_time = forms.TimeField(label="Heure", required=False, widget=TimeInput())
    duration_minutes = DurationField(label="Durée", required=False)
    activity = forms.CharField(label="Activité", widget=forms.Textarea(attrs={"rows": 2}))
    facilitation = forms.CharField(
        label="Animation", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AtelierForm(forms.Form):
    title = forms.CharField(label="Atelier", max_length=300)
    duration_minutes = DurationField(label="Durée")
    agenda_item = forms.ModelChoiceField(
        label="Créneau du programme", queryset=None, required=False, empty_label="—"
    )
    description = forms.CharField(
        label="Contenu", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    facilitation = forms.CharField(label="Animation", required=False, max_length=300)

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = workshop.agenda_items.all()


class PersonFields(forms.Form):
    full_name = forms.CharField(label="Nom et prénom", max_length=150, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    organisation_name = forms.CharField(
        label="Structure",
        max_length=200,
        required=False,
        help_text="Le nom de votre association, commune, établissement…",
    )
    organisation_city = forms.CharField(
        label="Commune de la structure", max_length=100, required=False
    )
    project_type = forms.ChoiceField(
        label="Type de projet",
        choices=[("", "—"), *ProjectTypeCode.choices],
        required=False,
    )


class RegistrationForm(PersonFields):
    """The public form. Required fields are checked by the service, which says why."""

    ateliers = forms.ModelMultipleChoiceField(
        label="Ateliers choisis",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label="J'accepte que mes données (nom, e-mail, structure) servent à organiser ce temps "
        "collectif et à en faire le bilan. Elles ne sont pas transmises à des tiers.",
        required=False,
    )
    waiting_list = forms.BooleanField(
        label="M'inscrire sur la liste d'attente", required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ateliers"].queryset = workshop.ateliers.all()
        if not workshop.ateliers.exists():
            del self.fields["ateliers"]
        elif workshop.ateliers_to_choose:
            self.fields[
                "ateliers"
            ].help_text = f"Jusqu'à {workshop.ateliers_to_choose} {plural('atelier', workshop.ateliers_to_choose)}."


class WalkInForm(PersonFields):
    pass


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (s, label)
            for s, label in RegistrationStatus.choices
            if s not in (RegistrationStatus.CANCELLED, RegistrationStatus.WAITING_LIST)
        ]
    )


class TrainingForm(forms.Form):
    date = forms.DateField(label="Date", widget=DateInput())
    place = forms.CharField(label="Lieu", max_length=255)
    holder = OrganisationNameField(label="Porteur du projet")
    young_people = forms.IntegerField(label="Nombre de jeunes", min_value=1)
    destination_country = forms.ModelChoiceField(
        label="Pays de destination", queryset=Country.objects.order_by("name")
    )
    destination_place = forms.CharField(label="Lieu de destination", max_length=150, required=False)
    preparation_days = forms.DecimalField(
        label="Journées de préparation", min_value=0, max_digits=4, decimal_places=1, localize=True
    )
    staff_count = forms.IntegerField(label="Membres de l'équipe mobilisés", min_value=0)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_holder(self):
        holder = self.cleaned_data["holder"]
        if holder is None:
            raise ValidationError("Indiquez le porteur du projet.")
        return holder


class LinkOrganisationForm(forms.Form):
    organisation = OrganisationNameField(label="Structure du répertoire")

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if organisation is None:
            raise ValidationError("Indiquez la structure du répertoire.")
        return organisation


class CreateOrganisationForm(forms.Form):
    legal_kind = forms.ChoiceField(
        label="Forme juridique", choices=LegalKind.choices, initial=LegalKind.ASSOCIATION
    )


class WorkshopFilterForm(forms.Form):
    year = forms.IntegerField(label="Année", required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Tous les types"), *WorkshopKind.choices]
    )

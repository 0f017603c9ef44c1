"""Forms of the PAM screens. They collect what people typed; the services check the rules."""

from django import forms

from ouverture.core.forms import DateInput
from ouverture.events.forms import OrganisationNameField, TimeInput
from ouverture.organisations.enums import LegalKind
from ouverture.pathways.enums import SCORE_MAX, SCORE_MIN, Criterion
from ouverture.pathways.models import Cohort


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["title", "description", "start_date", "months", "capacity", "intake_deadline"]
        widgets = {
            "start_date": DateInput(),
            "intake_deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def _post_clean(self):
        # The service validates the cohort (history.save runs full_clean).
        pass


class SessionForm(forms.Form):
    date = forms.DateField(label="Date", widget=DateInput())
    start_time = forms.TimeField(label="Début", required=False, widget=TimeInput())
    end_time = forms.TimeField(label="Fin", required=False, widget=TimeInput())
    place = forms.CharField(label="Lieu", required=False, max_length=255)
    video_link = forms.URLField(
        label="Lien de visioconférence", required=False, assume_scheme="https"
    )
    registration_deadline = forms.DateField(
        label="Inscriptions jusqu'au",
        required=False,
        widget=DateInput(),
        help_text="Incluse. Vide : jusqu'à la veille.",
    )


class ScoreForm(forms.Form):
    """One side's 3 scores; text fields so that the service says what is wrong with '7'."""

    comment = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion, label in reversed(Criterion.choices):
            self.fields[criterion] = forms.CharField(
                label=f"{label} ({SCORE_MIN} à {SCORE_MAX})",
                required=False,
                widget=forms.NumberInput(
                    attrs={"min": SCORE_MIN, "max": SCORE_MAX, "step": 1, "inputmode": "numeric"}
                ),
            )
        self.order_fields([*Criterion.values, "comment"])

    def scores(self):
        return {c: self.cleaned_data.get(c, "") for c in Criterion.values}


DECISIONS = [
    ("admit", "Admettre"),
    ("wait", "Liste d'attente"),
    ("decline", "Ne pas retenir"),
    ("withdraw", "Désistement"),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=DECISIONS)


class LinkOrganisationForm(forms.Form):
    organisation = OrganisationNameField(label="Structure du répertoire")

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if organisation is None:
            raise forms.ValidationError("Indiquez la structure du répertoire.")
        return organisation


class CreateOrganisationForm(forms.Form):
    legal_kind = forms.ChoiceField(
        label="Forme juridique", choices=LegalKind.choices, initial=LegalKind.ASSOCIATION
    )

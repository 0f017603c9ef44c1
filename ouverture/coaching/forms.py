import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from ouverture.accounts.enums import NETWORK_ROLES
from ouverture.accounts.models import User
from ouverture.coaching.enums import Channel, FollowUpKind, FollowUpStatus, Topic, scheme_choices
from ouverture.coaching.recap import CoachingRecap
from ouverture.core.forms import DateInput, DurationField
from ouverture.core.pickers import SearchChoiceField
from ouverture.core.tabular import ENCODINGS
from ouverture.organisations.enums import ProjectTypeCode

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def network_staff():
    return staff_choices()


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type de suivi",
        choices=FollowUpKind.choices,
        widget=forms.RadioSelect,
        initial=FollowUpKind.COACHING,
        help_text="Un appui-conseil compte au plus 3 rendez-vous.",
    )
    project_types = forms.MultipleChoiceField(
        label="Types de projet",
        choices=ProjectTypeCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ceux de la structure si rien n'est coché.",
    )
    target_scheme = forms.ChoiceField(
        label="Dispositif visé", choices=lambda: [("", "—"), *scheme_choices()], required=False
    )
    target_year = forms.IntegerField(
        label="Appel à projets (année)", required=False, min_value=2000, max_value=2100
    )
    staff = StaffChoiceField(
        label="Chargé·e de mission", queryset=User.objects.none(), required=False
    )
    topics = forms.MultipleChoiceField(
        label="Sujets", choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    opened_on = forms.DateField(label="Ouvert le", widget=DateInput())
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, follow_up=None, **kwargs):
        if follow_up is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": follow_up.kind,
                "project_types": [t.code for t in follow_up.project_types.all()],
                "target_scheme": follow_up.target_scheme,
                "target_year": follow_up.target_year,
                "staff": follow_up.staff_id,
                "topics": follow_up.topics,
                "opened_on": follow_up.opened_on,
                "notes": follow_up.notes,
            }
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = network_staff()
        self.fields["opened_on"].initial = timezone.localdate


class ContactFieldsForm(forms.Form):
    """When, how, how long and about what: shared by the quick form and the correction form."""

    date = forms.DateField(label="Date", widget=DateInput())
    channel = forms.ChoiceField(
        label="Canal",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Canal « %(value)s » inconnu : téléphone, e-mail, visio ou présentiel.",
            "required": "Choisissez le canal : téléphone, e-mail, visio ou présentiel.",
        },
    )
    duration_minutes = DurationField(
        label="Durée",
        required=False,
        help_text="« 1h30 », « 45 min » ; facultative pour un e-mail.",
    )
    topics = forms.MultipleChoiceField(
        label="Sujets", choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Note", required=False, max_length=500)


def staff_choices(current=None):
    """Active network staff, plus whoever the record already names (an administrator, a leaver)."""
    query = Q(role__in=NETWORK_ROLES, is_active=True)
    if current is not None:
        query |= Q(pk=current.pk)
    return User.objects.filter(query)


class QuickContactForm(ContactFieldsForm):
    """A contact logged in seconds: which follow-up, when, how, how long, about what."""

    # A search and a few choices (the user's recent follow-ups first), never every follow-up.
    follow_up = SearchChoiceField(label="Structure", picker="follow-up")
    field_order = ["follow_up", "date", "channel", "duration_minutes", "topics", "note"]

    def __init__(self, *args, follow_ups, user=None, **kwargs):
        kwargs.setdefault("auto_id", "quick_%s")  # unique ids beside other forms on a page
        super().__init__(*args, **kwargs)
        field = self.fields["follow_up"]
        field.queryset = follow_ups
        field.user = user
        self.fields["date"].initial = timezone.localdate


class InteractionForm(ContactFieldsForm):
    """Correct a logged contact."""

    staff = StaffChoiceField(
        label="Chargé·e de mission", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, interaction, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "date": interaction.date,
                "channel": interaction.channel,
                "duration_minutes": interaction.duration_minutes,
                "topics": interaction.topics,
                "note": interaction.note,
                "staff": interaction.staff_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_choices(interaction.staff)


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label="Issue",
        choices=[(FollowUpStatus.CLOSED, "Terminé"), (FollowUpStatus.ABANDONED, "Abandonné")],
    )
    closed_on = forms.DateField(label="Clos le", widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "close_%s")
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate


class ReviewForm(forms.Form):
    date = forms.DateField(label="Date", widget=DateInput())
    duration_minutes = DurationField(label="Durée de relecture")
    note = forms.CharField(label="Note", required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "review_%s")
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate


class ReviewEditForm(ReviewForm):
    """Correct a review entry."""

    staff = StaffChoiceField(
        label="Chargé·e de mission", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, review, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "date": review.date,
                "duration_minutes": review.duration_minutes,
                "note": review.note,
                "staff": review.staff_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_choices(review.staff)


class RecapFilterForm(forms.Form):
    year = forms.IntegerField(label="Année", required=False, min_value=2000, max_value=2100)
    start = forms.DateField(label="Du", required=False, widget=DateInput())
    end = forms.DateField(label="Au", required=False, widget=DateInput())
    project_type = forms.ChoiceField(
        label="Type de projet", required=False, choices=[("", "Tous"), *ProjectTypeCode.choices]
    )
    kind = forms.ChoiceField(
        label="Type de suivi", required=False, choices=[("", "Tous"), *FollowUpKind.choices]
    )
    staff = StaffChoiceField(
        label="Contacts tenus par", queryset=User.objects.none(), required=False, empty_label="Tous"
    )

    def __init__(self, *args, default_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_year = default_year
        self.fields["staff"].queryset = network_staff()

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start or end:
            end = end or timezone.localdate()
            start = start or dt.date(end.year, 1, 1)
            if start > end:
                raise ValidationError("La date de début est après la date de fin.")
        else:
            year = data.get("year") or self.default_year
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        data["period"] = (start, end)
        return data

    def builder(self):
        data = self.cleaned_data
        return CoachingRecap(
            *data["period"],
            project_type=data.get("project_type") or "",
            kind=data.get("kind") or "",
            staff=data.get("staff"),
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tableau (CSV, TSV ou XLSX)",
        help_text="Colonnes du bilan : « Nom de l'organisation », « Type de projet », « Type "
        "d'accompagnement », « Nombre de session d'accompagnement », « Nombre d'heures au "
        "total », et « Date » si vous l'avez.",
    )
    year = forms.IntegerField(
        label="Année des accompagnements",
        min_value=2000,
        max_value=2100,
        help_text="Pour les lignes sans date : les sessions sont réparties sur l'année.",
    )
    encoding = forms.ChoiceField(
        label="Encodage (CSV)",
        choices=list(ENCODINGS.items()),
        initial="utf-8",
        help_text="Windows-1252 pour un ancien « CSV séparateur point-virgule » d'Excel.",
    )
    create_organisations = forms.BooleanField(
        label="Créer les structures absentes de la plateforme", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("Fichier trop lourd (plus de 2 Mo) pour un tableau de suivi.")
        return upload

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise ValidationError(
                f"L'année {year} n'a pas commencé : on ne consigne que ce qui a eu lieu."
            )
        return year

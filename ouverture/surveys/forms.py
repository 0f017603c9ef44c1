import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ouverture.surveys.definitions import LABELS
from ouverture.surveys.enums import CHOICE_KINDS, CLOSED_KINDS, SCALE_VALUES, QuestionKind
from ouverture.surveys.models import Question, Questionnaire, Section
from ouverture.surveys.services import Recipient


class QuestionnaireForm(forms.ModelForm):
    closes_at = forms.DateTimeField(
        label="Clôture automatique le",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Facultatif : après cette date, le questionnaire n'accepte plus de réponses.",
    )

    class Meta:
        model = Questionnaire
        fields = [
            "title",
            "kind",
            "description",
            "is_public",
            "asks_identity",
            "subject_ref",
            "closes_at",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "subject_ref": "Référence de l'objet concerné, par exemple « events.workshop:7 »."
        }

    def _post_clean(self):
        # Validation of the instance belongs to the service (history.save runs full_clean).
        pass


class NewQuestionnaireForm(QuestionnaireForm):
    definition = forms.ChoiceField(
        label="Partir d'un modèle",
        required=False,
        choices=[("", "Questionnaire vide"), *LABELS.items()],
        help_text="Un modèle apporte ses sections et ses questions, que vous pouvez ensuite modifier.",
    )
    title = forms.CharField(label="Titre", max_length=200, required=False)

    class Meta(QuestionnaireForm.Meta):
        fields = ["definition", *QuestionnaireForm.Meta.fields]

    def clean(self):
        data = super().clean()
        if not data.get("title") and not data.get("definition"):
            self.add_error("title", "Donnez un titre au questionnaire.")
        return data


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label="Choix proposés",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Un choix par ligne. « valeur | libellé » garde la valeur d'un choix existant "
        "quand vous changez son libellé.",
    )
    condition = forms.MultipleChoiceField(
        label="Afficher seulement si",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Facultatif : la question n'apparaît qu'après l'une de ces réponses "
        "(toutes d'une même question précédente).",
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "help_text",
            "kind",
            "required",
            "scale_min_label",
            "scale_max_label",
            "derive",
        ]

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        questionnaire = section.questionnaire
        earlier = [
            q
            for q in questionnaire.questions.in_order().prefetch_related("choices")
            if q.kind in CLOSED_KINDS and q.pk != self.instance.pk
        ]
        options = []
        for question in earlier:
            group = [(f"{question.pk}={value}", label) for value, label in question.option_values()]
            options.append((question.text, group))
        self.fields["condition"].choices = options
        if self.instance.pk:
            self.initial["choices"] = "\n".join(
                f"{c.value} | {c.label}" for c in self.instance.choices.all()
            )
            if self.instance.show_if_id:
                self.initial["condition"] = [
                    f"{self.instance.show_if_id}={v}" for v in self.instance.show_if_values
                ]
        self._earlier = {q.pk: q for q in earlier}

    def clean_choices(self):
        out = []
        for line in self.cleaned_data["choices"].splitlines():
            if not line.strip():
                continue
            value, sep, label = line.partition("|")
            out.append((value.strip(), label.strip()) if sep else ("", value.strip()))
        return out

    def clean_condition(self):
        pairs = [item.split("=", 1) for item in self.cleaned_data["condition"]]
        sources = {int(pk) for pk, _ in pairs}
        if len(sources) > 1:
            raise ValidationError("Choisissez des réponses d'une seule et même question.")
        if not pairs:
            return None, []
        return self._earlier[sources.pop()], [value for _, value in pairs]

    def service_arguments(self):
        data = dict(self.cleaned_data)
        show_if, values = data.pop("condition")
        choices = data.pop("choices")
        data.update(show_if=show_if, show_if_values=values)
        if data["kind"] in CHOICE_KINDS:
            data["choices"] = choices
        return data

    def _post_clean(self):
        pass


_ANGLE = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^>]+)>\s*$")


def parse_recipients(text):
    """'Camille Martin ; camille@example.org' or 'Camille Martin <camille@…>', one a line."""
    recipients, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _ANGLE.match(line)
        if match:
            name, email = match["name"], match["email"]
        else:
            parts = [p.strip() for p in re.split(r"[;,\t]", line) if p.strip()]
            email = next((p for p in parts if "@" in p), "")
            name = " ".join(p for p in parts if p != email)
        name = name.strip().strip('"')
        if not email:
            errors.append(f"Ligne {number} : aucune adresse e-mail (« {line} »).")
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(f"Ligne {number} : « {email} » n'est pas une adresse e-mail.")
            continue
        if not name:
            errors.append(f"Ligne {number} : indiquez le nom avant l'adresse.")
            continue
        recipients.append(Recipient(name=name, email=email))
    if errors:
        raise ValidationError(errors)
    if not recipients:
        raise ValidationError("Indiquez au moins une personne : « Nom ; adresse e-mail ».")
    return recipients


class InviteForm(forms.Form):
    recipients = forms.CharField(
        label="Personnes à inviter",
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "Camille Martin ; camille@example.org"}
        ),
        help_text="Une personne par ligne : « Nom ; adresse e-mail ». Les personnes déjà invitées "
        "ne reçoivent pas de second lien.",
    )
    subject = forms.CharField(label="Objet de l'e-mail", required=False, max_length=200)
    message = forms.CharField(
        label="Message", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_recipients(self):
        return parse_recipients(self.cleaned_data["recipients"])


class ListField(forms.Field):
    """The ticked values of a checkbox group, unchecked here: the service says what is wrong."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        return [str(v) for v in value or []]


def _label(question):
    return question.text


def answer_field(question):
    kind = question.kind
    common = {"label": _label(question), "required": False, "help_text": question.help_text}
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.CharField(widget=forms.RadioSelect(choices=question.option_values()), **common)
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return ListField(
            widget=forms.CheckboxSelectMultiple(choices=question.option_values()), **common
        )
    if kind == QuestionKind.SCALE:
        return forms.CharField(
            widget=forms.RadioSelect(
                choices=[(v, v) for v in SCALE_VALUES], attrs={"class": "scale"}
            ),
            **common,
        )
    if kind == QuestionKind.NUMBER:
        return forms.CharField(
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}), **common
        )
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(**common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)


class AnswerForm(forms.Form):
    """Collects what the person typed; `services.submit_response` does every check."""

    def __init__(self, *args, sections, ask_identity=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        if ask_identity:
            self.fields["respondent_name"] = forms.CharField(label="Votre nom", required=False)
            self.fields["respondent_email"] = forms.CharField(
                label="Votre adresse e-mail",
                required=False,
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )
        for section in sections:
            for question in section.questions.all():
                self.fields[f"q_{question.code}"] = answer_field(question)

    def blocks(self):
        """[(section, [(question, bound field)])] for the template."""
        return [
            (section, [(q, self[f"q_{q.code}"]) for q in section.questions.all()])
            for section in self.sections
        ]

    def identity_fields(self):
        return [
            self[name] for name in ("respondent_name", "respondent_email") if name in self.fields
        ]

    def answers(self):
        return {
            name.removeprefix("q_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_")
        }

    def identity(self):
        return {
            key: self.cleaned_data.get(key, "") for key in ("respondent_name", "respondent_email")
        }

    def apply_errors(self, error):
        """Put the service's errors (keyed by question code) back on the fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for key, messages in error.message_dict.items():
            name = key if key in self.fields else f"q_{key}"
            self.add_error(name if name in self.fields else None, messages)

from django import forms


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Texte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Insérez un chiffre par son champ, par exemple [[coaching.sessions]] : il "
        "sera recalculé à chaque génération. Séparez les paragraphes par une ligne vide.",
    )


class GenerateForm(forms.Form):
    fmt = forms.ChoiceField(label="Format", choices=[])

    def __init__(self, *args, formats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fmt"].choices = [(f, f.upper()) for f in formats]


class TemplateUploadForm(forms.Form):
    file = forms.FileField(label="Modèle Word (.docx)")

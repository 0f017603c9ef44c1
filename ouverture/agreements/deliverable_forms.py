from django import forms

from ouverture.agreements.models import Deliverable
from ouverture.core.forms import DateInput


class DeliverableForm(forms.ModelForm):
    url = forms.URLField(label="Lien", required=False, assume_scheme="https")

    class Meta:
        model = Deliverable
        fields = ["date", "title", "description", "url"]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

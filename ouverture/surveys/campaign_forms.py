from django import forms

from ouverture.core.forms import DateInput
from ouverture.surveys.campaign import Campaign


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        exclude = ["questionnaire"]
        widgets = {
            name: DateInput()
            for name in ("collection_start", "collection_end", "interviews_start", "interviews_end")
        } | {"note": forms.Textarea(attrs={"rows": 4})}


class ExclusionForm(forms.Form):
    reason = forms.CharField(label="Motif", max_length=255)

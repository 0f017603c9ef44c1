from django import forms

from ouverture.core.forms import DateInput
from ouverture.surveys.campaign import Campaign


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "collection_start", "collection_end", "channels", "invited", "invited_at_least",
            "answers_recorded", "kept_recorded", "counts_source", "interviews",
            "interviews_start", "interviews_end", "interviews_note", "focus_label",
            "focus_respondents", "focus_already_applied", "focus_scheme",
            "focus_applied_to_scheme", "note",
        ]  # fmt: skip
        widgets = {
            name: DateInput()
            for name in ("collection_start", "collection_end", "interviews_start", "interviews_end")
        } | {"note": forms.Textarea(attrs={"rows": 4})}


class ExclusionForm(forms.Form):
    reason = forms.CharField(label="Motif", max_length=255)

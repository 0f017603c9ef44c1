"""The workshop's review form (those who manage workshops); the page shows it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ouverture.core.forms import apply_service_errors
from ouverture.events.review_models import WorkshopReview
from ouverture.events.reviews import save_review
from ouverture.events.views import visible_workshop


class ReviewForm(forms.ModelForm):
    class Meta:
        model = WorkshopReview
        fields = ["strengths", "weaknesses", "proposals", "adaptations"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


@require_http_methods(["GET", "POST"])
def workshop_review(request, pk):
    workshop = visible_workshop(request, pk, "events.manage_workshops")
    review = WorkshopReview.objects.filter(workshop=workshop).first()
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            save_review(workshop, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Bilan enregistré.")
            return redirect(workshop.get_absolute_url() + "#review")
    context = {"form": form, "workshop": workshop, "review": review}
    return render(request, "events/workshop_review_form.html", context)

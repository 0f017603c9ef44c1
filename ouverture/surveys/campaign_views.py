"""The campaign of a questionnaire: its page (figures, exclusions), its form, and excluding or
restoring a response. Readers of results see it; builders edit it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history
from ouverture.core.forms import apply_service_errors
from ouverture.surveys import services
from ouverture.surveys.campaign import Campaign, ResponseExclusion
from ouverture.surveys.campaign_figures import figures
from ouverture.surveys.campaign_forms import CampaignForm, ExclusionForm
from ouverture.surveys.models import Response
from ouverture.surveys.views import _editable, _visible


@require_GET
def campaign_detail(request, pk):
    questionnaire = _visible(request, pk)
    campaign = Campaign.objects.filter(questionnaire=questionnaire).first()
    can_change = request.user.has_perm("surveys.change_questionnaire", questionnaire)
    context = {"questionnaire": questionnaire, "campaign": campaign, "can_change": can_change}
    if campaign is not None:
        context["figures"] = figures(campaign).as_dict()
        context["history_entries"] = history.entries(campaign)
        if can_change:
            reasons = {
                e.response_id: e.reason
                for e in ResponseExclusion.objects.filter(response__questionnaire=questionnaire)
            }
            context["responses"] = [
                {"pk": r.pk, "submitted_at": r.submitted_at, "reason": reasons.get(r.pk)}
                for r in questionnaire.responses.all()
            ]
            context["exclusion_form"] = ExclusionForm()
    return render(request, "surveys/campaign_detail.html", context)


@require_http_methods(["GET", "POST"])
def campaign_form(request, pk):
    questionnaire = _editable(request, pk)
    campaign = Campaign.objects.filter(questionnaire=questionnaire).first()
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            if campaign:
                services.update_campaign(campaign, actor=request.user, **data)
            else:
                services.create_campaign(questionnaire, actor=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Campagne enregistrée.")
            return redirect("surveys:campaign", pk=questionnaire.pk)
    context = {"form": form, "questionnaire": questionnaire, "campaign": campaign}
    return render(request, "surveys/campaign_form.html", context)


@require_POST
def response_exclude(request, pk, response_pk):
    questionnaire = _editable(request, pk)
    response = get_object_or_404(Response, pk=response_pk, questionnaire=questionnaire)
    try:
        services.exclude_response(response, actor=request.user, reason=request.POST.get("reason"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Réponse n° {response.pk} écartée.")
    return redirect("surveys:campaign", pk=questionnaire.pk)


@require_POST
def response_restore(request, pk, response_pk):
    questionnaire = _editable(request, pk)
    response = get_object_or_404(Response, pk=response_pk, questionnaire=questionnaire)
    try:
        services.restore_response(response, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Réponse n° {response.pk} retenue à nouveau.")
    return redirect("surveys:campaign", pk=questionnaire.pk)

"""Verification campaigns (staff) and the personal link a committee opens without an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ouverture.core.forms import apply_service_errors
from ouverture.core.params import bounded_int
from ouverture.core.permissions import require
from ouverture.core.wording import plural
from ouverture.twinnings import campaigns
from ouverture.twinnings.forms import AnswerForm, CampaignForm
from ouverture.twinnings.models import Agreement, Campaign

MAX_STALE_MONTHS = 240  # as campaigns.launch_campaign accepts


@require_http_methods(["GET", "POST"])
def campaign_list(request):
    require(request.user, "twinnings.manage_campaigns")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaigns.launch_campaign(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            count = campaign.invitations.count()
            messages.success(
                request,
                f"Campagne « {campaign} » lancée : {count} {plural('lien personnel envoyé', count)} par e-mail.",
            )
            return redirect("twinnings:campaign", pk=campaign.pk)
    months = bounded_int(form["stale_months"].value() or 12, minimum=0, maximum=MAX_STALE_MONTHS)
    context = {
        "form": form,
        "campaigns": [(c, campaigns.progress(c)) for c in Campaign.objects.all()[:20]],
        **_candidate_counts(months),
    }
    return render(request, "twinnings/campaigns.html", context)


@require_GET
def campaign_candidates(request):
    """htmx: how many agreements a campaign would include for N months."""
    require(request.user, "twinnings.manage_campaigns")
    raw = request.GET.get("stale_months") or "12"
    months = bounded_int(raw, minimum=0, maximum=MAX_STALE_MONTHS)
    return render(request, "twinnings/campaigns.html#candidates", _candidate_counts(months))


def _candidate_counts(months):
    """How many agreements a campaign would include, and how many of them it cannot
    reach (no address anywhere): the page points to the directory import for those."""
    if months is None:
        return {"candidate_count": None, "unreachable_count": 0}
    qs = campaigns.candidates(months)
    return {"candidate_count": qs.count(), "unreachable_count": qs.without_address().count()}


@require_GET
def campaign_detail(request, pk):
    require(request.user, "twinnings.manage_campaigns")
    campaign = get_object_or_404(Campaign.objects.select_related("created_by"), pk=pk)
    invitations = campaign.invitations.select_related("agreement").order_by(
        "answered_at", "agreement__title", "pk"
    )
    rows = [
        {"invitation": i, "link": None if i.answered_at else campaigns.link_for(i)}
        for i in invitations
    ]
    unreachable = Agreement.objects.filter(pk__in=campaign.unreachable).order_by(
        "search_title", "pk"
    )
    context = {
        "campaign": campaign,
        "rows": rows,
        "progress": campaigns.progress(campaign),
        "unreachable": unreachable,
    }
    return render(request, "twinnings/campaign_detail.html", context)


def _refused(request, error):
    return render(
        request, "twinnings/public/refused.html", {"message": error.message}, status=error.status
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request, agreement_pk, token):
    """The personal link: no account, expires, serves once, opens one agreement only."""
    try:
        invitation = campaigns.open_invitation(agreement_pk, token)
    except campaigns.LinkRefused as error:
        return _refused(request, error)
    agreement = invitation.agreement
    contact = invitation.contact or agreement.contact
    party = invitation.local_party
    initial = {"status": agreement.status if agreement.status in ("active", "dormant") else None}
    if contact is not None:
        initial.update(contact_name=contact.name, contact_email=contact.email,
                       contact_phone=contact.phone)  # fmt: skip
    elif party is not None:
        initial.update(contact_name=party.contact_name, contact_email=party.contact_email,
                       contact_phone=party.contact_phone)  # fmt: skip
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            campaigns.answer_invitation(agreement_pk, token, **form.cleaned_data)
        except campaigns.LinkRefused as error:
            return _refused(request, error)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return render(
                request,
                "twinnings/public/thanks.html",
                {"agreement": agreement, "status": form.cleaned_data["status"]},
            )
    context = {
        "invitation": invitation,
        "agreement": agreement,
        "parties": agreement.local_parties.select_related("commune"),
        "partners": agreement.partners.select_related("town__country"),
        "form": form,
    }
    return render(request, "twinnings/public/verify.html", context)

"""The provider agreements read their acts from (`agreements.hooks.deliberation_source`,
registered in `AssembliesConfig.ready()`): one query for any number of agreements."""

from django.urls import reverse

from ouverture.agreements.hooks import ActRef, RateCap, deliberation_source, rate_cap_source
from ouverture.assemblies.models import Deliberation
from ouverture.calls.models import Application


def act_ref(deliberation):
    return ActRef(
        number=deliberation.number,
        date=deliberation.date,
        body=str(deliberation.body),
        title=deliberation.title,
        url=reverse("assemblies:deliberation", args=[deliberation.number]),
    )


@deliberation_source
def acts_for(agreement_ids):
    links = Deliberation.agreements.through.objects.filter(
        agreement_id__in=agreement_ids
    ).select_related("deliberation__body")
    found = {}
    for link in links:
        found.setdefault(link.agreement_id, []).append(act_ref(link.deliberation))
    return found


@rate_cap_source
def call_rate_cap(agreement):
    """The call's maximum rate when the agreement comes from an application the act granted
    (the deliberation's item carries the beneficiary's application)."""
    application = (
        Application.objects.filter(
            organisation=agreement.beneficiary_id, items__deliberation__agreements=agreement
        )
        .select_related("call__scheme")
        .order_by("pk")
        .first()
    )
    if application is None:
        return None
    return RateCap(application.call.max_rate, f"appel {application.call}")

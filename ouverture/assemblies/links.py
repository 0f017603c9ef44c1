"""The provider agreements read their acts from (`agreements.hooks.deliberation_source`,
registered in `AssembliesConfig.ready()`): one query for any number of agreements."""

from django.urls import reverse

from ouverture.agreements.hooks import ActRef, deliberation_source
from ouverture.assemblies.models import Deliberation


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

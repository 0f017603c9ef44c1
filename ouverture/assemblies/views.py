"""Institutional pages: a sitting (presence, proxies, items with their opinion and vote by
group) and a deliberation (its content, as the documents will hold it)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ouverture.assemblies import votes
from ouverture.assemblies.content import deliberation_content, presence_content
from ouverture.assemblies.models import AgendaItem, Deliberation, GroupVote, Opinion, Sitting
from ouverture.core.permissions import require


def deliberation_list(request):
    require(request.user, "assemblies.view_deliberation")
    rows = Deliberation.objects.select_related("body").order_by("-date", "number")[:500]
    return render(request, "assemblies/deliberation_list.html", {"deliberations": rows})


def deliberation_detail(request, number):
    require(request.user, "assemblies.view_deliberation")
    deliberation = get_object_or_404(Deliberation, number=number)
    return render(
        request, "assemblies/deliberation_detail.html", {"d": deliberation_content(deliberation)}
    )


def sitting_detail(request, pk):
    """A fixed number of queries whatever the number of applications on its items."""
    require(request.user, "assemblies.view_sitting")
    sitting = get_object_or_404(
        Sitting.objects.select_related("body", "president__group", "secretary__group"), pk=pk
    )
    items = list(
        AgendaItem.objects.filter(sitting=sitting)
        .annotate(application_count=Count("applications"))
        .order_by("position")
    )
    opinions, group_rows = {}, {}
    for opinion in Opinion.objects.filter(item__in=items).select_related("body"):
        opinions[opinion.item_id] = opinion
    for row in GroupVote.objects.filter(item__in=items).select_related("group"):
        group_rows.setdefault(row.item_id, []).append(row)
    for item in items:
        item.opinion = opinions.get(item.pk)
        item.group_rows = group_rows.get(item.pk, [])
    people = votes.presences(sitting)
    return render(
        request,
        "assemblies/sitting_detail.html",
        {
            "sitting": sitting,
            "presence": presence_content(sitting),
            "quorum": votes.quorum(sitting, people),
            "items": items,
        },
    )

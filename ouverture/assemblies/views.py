"""Institutional pages: a sitting (presence, proxies, items with their opinion and vote by
group) and a deliberation (its content, as the documents will hold it)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ouverture.assemblies import votes
from ouverture.assemblies.content import deliberation_content, presence_from
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
        request,
        "assemblies/deliberation_detail.html",
        {
            "d": deliberation_content(deliberation),
            "can_record": request.user.has_perm("assemblies.record_sitting"),
        },
    )


def sitting_list(request):
    require(request.user, "assemblies.view_sitting")
    rows = (
        Sitting.objects.select_related("body")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-date")[:200]
    )
    return render(request, "assemblies/sitting_list.html", {"sittings": rows})


def sitting_detail(request, pk):
    """Per item: the computed presence (present, represented and by whom, excused, without a
    deliberative voice, left before it, not taking part), its quorum, opinion and vote by
    group. A fixed number of queries whatever the number of items' applications."""
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
    per_item = votes.item_presences(sitting, items)
    office = len(set(votes.in_office(sitting)))
    for item in items:
        item.opinion = opinions.get(item.pk)
        item.group_rows = group_rows.get(item.pk, [])
        people = per_item[item.pk]
        item.presence = presence_from(sitting, people)
        item.quorum = votes.quorum(sitting, people, office=office)
        item.totals = votes.Totals(
            sum(r.for_count for r in item.group_rows),
            sum(r.against for r in item.group_rows),
            sum(r.abstention for r in item.group_rows),
            sum(r.not_taking_part for r in item.group_rows),
        )
    people = votes.presences(sitting)
    return render(
        request,
        "assemblies/sitting_detail.html",
        {
            "sitting": sitting,
            "presence": presence_from(sitting, people),
            "quorum": votes.quorum(sitting, people, office=office),
            "items": items,
            "can_record": request.user.has_perm("assemblies.record_sitting"),
        },
    )

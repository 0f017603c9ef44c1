"""The elected bodies' secretariat: a sitting (create, edit), its agenda items, the attendance
table, the proxies, an item's own attendance, its vote by group and the thematic commission's
opinion. Rule `assemblies.record_sitting` (the funder's officer, administrators). Every write
is a service call; a refused one comes back on the form with the rule's message, and nothing
is written."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ouverture.assemblies import services, votes
from ouverture.assemblies.forms import (
    AttendanceForm,
    ItemAttendanceForm,
    ItemForm,
    OpinionForm,
    ProxyForm,
    SittingForm,
    VoteForm,
    members_of,
)
from ouverture.assemblies.models import (
    AgendaItem,
    Attendance,
    GroupVote,
    ItemAttendance,
    Member,
    MemberVote,
    Opinion,
    PoliticalGroup,
    Proxy,
    Sitting,
)
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require

PERM = "assemblies.record_sitting"


def _sitting(pk):
    return get_object_or_404(Sitting.objects.select_related("body__funder", "president"), pk=pk)


def _item(sitting, item_pk):
    return get_object_or_404(
        AgendaItem.objects.select_related("sitting"), pk=item_pk, sitting=sitting
    )


def _back(sitting):
    return redirect("assemblies:sitting", pk=sitting.pk)


def sitting_create(request):
    require(request.user, PERM)
    form = SittingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sitting = services.create_sitting(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Séance créée : enregistrez les présences.")
            return _back(sitting)
    return render(request, "assemblies/sitting_form.html", {"form": form, "sitting": None})


def sitting_update(request, pk):
    require(request.user, PERM)
    sitting = _sitting(pk)
    initial = {k: getattr(sitting, k) for k in services.SITTING_FIELDS}
    form = SittingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_sitting(sitting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Séance enregistrée.")
            return _back(sitting)
    return render(request, "assemblies/sitting_form.html", {"form": form, "sitting": sitting})


def attendance(request, pk):
    """One table: each member with a mandate in the body on the sitting's date, one radio
    group (present, excused, absent); the voice comes from the mandate."""
    require(request.user, PERM)
    sitting = _sitting(pk)
    members = list(members_of(sitting.body, sitting.date).order_by("last_name", "first_name"))
    rows = {a.member_id: a for a in Attendance.objects.filter(sitting=sitting)}
    voice = set(
        members_of(sitting.body, sitting.date, deliberative=True).values_list("pk", flat=True)
    )
    form = AttendanceForm(
        request.POST or None,
        members=members,
        initial_status={pk: row.status for pk, row in rows.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendances(sitting, form.statuses(), actor=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_member_errors(error)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, "Présences enregistrées.")
            return _back(sitting)
    given = {
        p.giver_id: p.holder for p in Proxy.objects.filter(sitting=sitting).select_related("holder")
    }
    table = [
        {"member": m, "field": field, "deliberative": m.pk in voice,
         "proxy_to": given.get(m.pk)}
        for m, field in form.rows()
    ]  # fmt: skip
    return render(
        request,
        "assemblies/attendance_form.html",
        {"sitting": sitting, "form": form, "table": table, "choices": AttendanceForm.choices},
    )


def proxies(request, pk):
    require(request.user, PERM)
    sitting = _sitting(pk)
    form = ProxyForm(request.POST or None, sitting=sitting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.give_proxy(
                sitting, data["giver"], data["holder"], actor=request.user, note=data["note"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Pouvoir de {data['giver']} à {data['holder']} enregistré.")
            return redirect("assemblies:proxies", pk=sitting.pk)
    rows = Proxy.objects.filter(sitting=sitting).select_related("giver", "holder").order_by("pk")
    return render(
        request,
        "assemblies/proxies_form.html",
        {"sitting": sitting, "form": form, "proxies": rows, "people": votes.presences(sitting)},
    )


@require_POST
def proxy_withdraw(request, pk, proxy_pk):
    require(request.user, PERM)
    sitting = _sitting(pk)
    proxy = get_object_or_404(
        Proxy.objects.select_related("giver", "holder"), pk=proxy_pk, sitting=sitting
    )
    try:
        services.withdraw_proxy(proxy, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Pouvoir de {proxy.giver} à {proxy.holder} retiré.")
    return redirect("assemblies:proxies", pk=sitting.pk)


def _item_form(request, sitting, item=None):
    if item is None:
        initial = {"position": AgendaItem.objects.filter(sitting=sitting).count() + 1}
    else:
        initial = {k: getattr(item, k) for k in services.ITEM_FIELDS}
        initial["applications"] = list(item.applications.values_list("pk", flat=True))
    form = ItemForm(
        request.POST or None, initial=initial, sitting=sitting, user=request.user, item=item
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if item is None:
                item = services.add_item(sitting, actor=request.user, **data)
            else:
                services.update_item(item, actor=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Point « {item.title} » enregistré.")
            return _back(sitting)
    return render(
        request, "assemblies/item_form.html", {"sitting": sitting, "item": item, "form": form}
    )


def item_create(request, pk):
    require(request.user, PERM)
    return _item_form(request, _sitting(pk))


def item_update(request, pk, item_pk):
    require(request.user, PERM)
    sitting = _sitting(pk)
    return _item_form(request, sitting, _item(sitting, item_pk))


def item_attendance(request, pk, item_pk):
    """The members present at the sitting: present on this item, left before it, or present
    without taking part in its vote."""
    require(request.user, PERM)
    sitting = _sitting(pk)
    item = _item(sitting, item_pk)
    members = list(
        Member.objects.filter(attendances__sitting=sitting, attendances__status="present")
        .select_related("group")
        .order_by("last_name", "first_name")
    )
    current = dict(ItemAttendance.objects.filter(item=item).values_list("member_id", "status"))
    form = ItemAttendanceForm(request.POST or None, members=members, initial_status=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_item_attendance(item, form.statuses(), actor=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_member_errors(error)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, "Présences sur ce point enregistrées.")
            return _back(sitting)
    table = [{"member": m, "field": field} for m, field in form.rows()]
    return render(
        request,
        "assemblies/item_attendance_form.html",
        {"sitting": sitting, "item": item, "form": form, "table": table,
         "choices": ItemAttendanceForm.choices},
    )  # fmt: skip


def item_vote(request, pk, item_pk):
    """Per group: for, against, abstention, not taking part, beside the group's voices on this
    item (present and represented); the president's vote for a tie. The service checks the
    quorum and the totals and refuses, naming the rule."""
    require(request.user, PERM)
    sitting = _sitting(pk)
    item = _item(sitting, item_pk)
    people = votes.presences(sitting, item)
    quorum = votes.quorum(sitting, people)
    available = votes.voters_by_group(sitting, people)
    recorded = {
        row.group_id: {"for": row.for_count, "against": row.against,
                       "abstention": row.abstention, "not_taking_part": row.not_taking_part}
        for row in GroupVote.objects.filter(item=item)
    }  # fmt: skip
    groups = PoliticalGroup.objects.filter(funder=sitting.body.funder).filter(
        pk__in=set(available) | set(recorded)
    )
    president_vote = ""
    if sitting.president_id:
        president_vote = (
            MemberVote.objects.filter(item=item, member_id=sitting.president_id)
            .values_list("choice", flat=True)
            .first()
            or ""
        )
    form = VoteForm(
        request.POST or None,
        groups=[(g, available.get(g.pk, 0)) for g in groups],
        initial_counts=recorded,
        initial={"president_vote": president_vote},
    )
    if request.method == "POST" and form.is_valid():
        named = {}
        if form.cleaned_data["president_vote"] and sitting.president_id:
            named[sitting.president] = form.cleaned_data["president_vote"]
        try:
            item = services.record_vote(
                item, actor=request.user, groups=form.counts(), members=named
            )
        except ValidationError as error:
            form.add_group_errors(error)
        else:
            messages.success(request, f"Vote enregistré : {item.get_result_display()}.")
            return _back(sitting)
    return render(
        request,
        "assemblies/vote_form.html",
        {"sitting": sitting, "item": item, "form": form, "people": people, "quorum": quorum},
    )


def item_opinion(request, pk, item_pk):
    require(request.user, PERM)
    sitting = _sitting(pk)
    item = _item(sitting, item_pk)
    existing = Opinion.objects.filter(item=item).order_by("date").first()
    initial = (
        {"body": existing.body_id, "date": existing.date, "verdict": existing.verdict}
        if existing
        else {}
    )
    form = OpinionForm(request.POST or None, initial=initial, sitting=sitting)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_opinion(item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Avis enregistré.")
            return _back(sitting)
    return render(
        request, "assemblies/opinion_form.html", {"sitting": sitting, "item": item, "form": form}
    )

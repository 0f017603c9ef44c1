"""The secretariat's reference records: bodies with their rules, political groups, members
with their group and their mandates in each body. Rule `assemblies.record_sitting` (the
funder's officer, administrators), as the sitting's screens; every write is a `registry`
service call, a refusal comes back next to its field and nothing is written."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render

from ouverture.assemblies import registry
from ouverture.assemblies.forms import BodyForm, GroupForm, MandateForm, MemberForm
from ouverture.assemblies.models import Body, Mandate, Member, PoliticalGroup
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require

PERM = "assemblies.record_sitting"


def _in_office(today):
    return Q(mandates__starts_on__lte=today) & (
        Q(mandates__ends_on__isnull=True) | Q(mandates__ends_on__gte=today)
    )


def bodies(request):
    require(request.user, PERM)
    today = dt.date.today()
    rows = (
        Body.objects.select_related("funder__organisation")
        .annotate(in_office=Count("mandates", filter=_in_office(today), distinct=True))
        .order_by("funder__organisation__name", "name")
    )
    groups = PoliticalGroup.objects.select_related("funder__organisation").annotate(
        member_count=Count("members")
    )
    members = Member.objects.select_related("group").order_by("last_name", "first_name")[:1000]
    return render(
        request,
        "assemblies/body_list.html",
        {"bodies": rows, "groups": groups, "members": members},
    )


def _form_page(request, form, *, title, button, back):
    return render(
        request,
        "assemblies/registry_form.html",
        {"form": form, "title": title, "button": button, "back": back},
    )


def body_create(request):
    require(request.user, PERM)
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = registry.save_body(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Instance « {body} » enregistrée.")
            return redirect("assemblies:body", body_pk=body.pk)
    return _form_page(request, form, title="Nouvelle instance", button="Enregistrer l'instance",
                      back=None)  # fmt: skip


def body_detail(request, body_pk):
    """The body's rules and its mandates (current and past), and its form to edit them."""
    require(request.user, PERM)
    body = get_object_or_404(Body.objects.select_related("funder__organisation"), pk=body_pk)
    initial = {k: getattr(body, k) for k in registry.BODY_FIELDS}
    form = BodyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            registry.save_body(body, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Instance « {body} » enregistrée.")
            return redirect("assemblies:body", body_pk=body.pk)
    mandates = (
        Mandate.objects.filter(body=body)
        .select_related("member__group")
        .order_by("member__last_name", "member__first_name", "starts_on")
    )
    return render(
        request, "assemblies/body_detail.html", {"body": body, "form": form, "mandates": mandates}
    )


def group_create(request):
    require(request.user, PERM)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = registry.save_group(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Groupe « {group} » enregistré.")
            return redirect("assemblies:bodies")
    return _form_page(request, form, title="Nouveau groupe politique",
                      button="Enregistrer le groupe", back=None)  # fmt: skip


def member_create(request):
    require(request.user, PERM)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = registry.save_member(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{member} enregistré : ajoutez ses mandats.")
            return redirect("assemblies:member", member_pk=member.pk)
    return _form_page(request, form, title="Nouvel élu", button="Enregistrer l'élu", back=None)


def member_detail(request, member_pk):
    """The member (group) and its mandates; one form for each, posted apart (`what`)."""
    require(request.user, PERM)
    member = get_object_or_404(Member.objects.select_related("group"), pk=member_pk)
    posted = request.POST.get("what") if request.method == "POST" else None
    form = MemberForm(
        request.POST if posted == "member" else None,
        initial={k: getattr(member, k) for k in registry.MEMBER_FIELDS},
    )
    mandate_form = MandateForm(request.POST if posted == "mandate" else None, prefix="mandate")
    if posted == "member" and form.is_valid():
        try:
            registry.save_member(member, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{member} enregistré.")
            return redirect("assemblies:member", member_pk=member.pk)
    if posted == "mandate" and mandate_form.is_valid():
        try:
            registry.add_mandate(member, actor=request.user, **mandate_form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(mandate_form, error)
        else:
            messages.success(request, f"Mandat de {member} enregistré.")
            return redirect("assemblies:member", member_pk=member.pk)
    mandates = member.mandates.select_related("body").order_by("starts_on")
    return render(
        request,
        "assemblies/member_detail.html",
        {"member": member, "form": form, "mandate_form": mandate_form, "mandates": mandates},
    )

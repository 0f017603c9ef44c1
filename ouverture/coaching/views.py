"""Follow-up pages and the quick contact form. The recap and the import are in recap_views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.coaching import corrections, services
from ouverture.coaching.enums import MEETING_CHANNELS, FollowUpKind, FollowUpStatus, Topic
from ouverture.coaching.forms import CloseForm, FollowUpForm, QuickContactForm, ReviewForm
from ouverture.coaching.models import FollowUp
from ouverture.core import history
from ouverture.core.formats import format_date, format_hours
from ouverture.core.forms import apply_service_errors
from ouverture.core.params import int_param
from ouverture.core.permissions import require
from ouverture.organisations.models import Organisation

TOPIC_LABELS = dict(Topic.choices)


def visible_follow_up(request, pk):
    # Fetched through the user's scope: another holder's follow-up is a 404.
    follow_up = get_object_or_404(
        FollowUp.objects.visible_to(request.user).select_related("organisation", "staff"), pk=pk
    )
    require(request.user, "coaching.view_follow_up", follow_up)
    return follow_up


def _visible_organisation(request, pk):
    return get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)


# Quick contact form --------------------------------------------------------


def open_follow_ups(user, *, organisation=None, follow_up=None):
    qs = (
        FollowUp.objects.visible_to(user)
        .filter(status=FollowUpStatus.OPEN)
        .select_related("organisation")
        .order_by("organisation__name", "-opened_on", "pk")
    )
    if follow_up is not None:
        return qs.filter(pk=follow_up.pk)
    if organisation is not None:
        return qs.filter(organisation=organisation)
    return qs


def quick_form_context(request, *, organisation=None, follow_up=None, form=None, **extra):
    """What the quick form partial needs, wherever it is shown (dashboard, organisation, follow-up)."""
    follow_ups = open_follow_ups(request.user, organisation=organisation, follow_up=follow_up)
    if form is None:
        form = QuickContactForm(
            follow_ups=follow_ups,
            user=request.user,
            initial=_initial(follow_ups, organisation, follow_up),
        )
    return {
        "quick_form": form,
        "quick_has_follow_ups": follow_ups.exists(),
        "quick_scope": {"organisation": organisation, "follow_up": follow_up},
        "quick_cap": extra.get("cap_follow_up"),
        "quick_logged": extra.get("logged"),
        "can_convert": bool(extra.get("cap_follow_up"))
        and request.user.has_perm("coaching.change_follow_up", extra.get("cap_follow_up")),
    }


def _initial(follow_ups, organisation, follow_up):
    """Preselect the follow-up when the scope leaves only one."""
    if follow_up is not None:
        return {"follow_up": follow_up}
    if organisation is not None:
        only = list(follow_ups[:2])
        if len(only) == 1:
            return {"follow_up": only[0]}
    return {}


def _scope(request):
    """The organisation or follow-up the quick form is limited to (GET or POST), within the user's scope."""
    params = request.POST if request.method == "POST" else request.GET
    organisation = follow_up = None
    for key in ("follow_up_scope", "organisation"):
        if params.get(key) and int_param(params, key, minimum=1) is None:
            raise Http404("Suivi ou structure introuvable.")
    if params.get("follow_up_scope"):
        follow_up = visible_follow_up(request, params["follow_up_scope"])
    elif params.get("organisation"):
        organisation = _visible_organisation(request, params["organisation"])
    return organisation, follow_up


def _safe_next(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


@require_http_methods(["GET", "POST"])
def log_contact(request):
    """Log a contact. htmx gets the form partial back (fresh after success, with errors otherwise)."""
    require(request.user, "coaching.log_interaction")
    organisation, fixed = _scope(request)
    follow_ups = open_follow_ups(request.user, organisation=organisation, follow_up=fixed)
    form = QuickContactForm(
        request.POST or None,
        follow_ups=follow_ups,
        user=request.user,
        initial=_initial(follow_ups, organisation, fixed),
    )
    extra = {}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        follow_up = data.pop("follow_up")
        require(request.user, "coaching.log_interaction", follow_up)
        convert = request.POST.get("convert") == "1"
        try:
            if convert and follow_up.kind == FollowUpKind.ADVICE:
                require(request.user, "coaching.change_follow_up", follow_up)
                interaction = services.convert_and_log_interaction(
                    follow_up, actor=request.user, **data
                )
            else:
                interaction = services.log_interaction(follow_up, actor=request.user, **data)
        except services.AdviceMeetingCapReached as error:
            apply_service_errors(form, error)
            extra["cap_follow_up"] = follow_up
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            text = (
                f"Contact enregistré : {interaction.get_channel_display()} du "
                f"{format_date(interaction.date)}"
                + (
                    f", {format_hours(interaction.duration_minutes)}"
                    if interaction.duration_minutes
                    else ""
                )
                + f" — {follow_up.organisation.display_name}."
                + (" Le suivi est désormais un accompagnement." if convert else "")
            )
            if not request.htmx:
                messages.success(request, text)
                return redirect(_safe_next(request) or "coaching:follow_up", pk=follow_up.pk)
            extra["logged"] = text
            form = None
    context = quick_form_context(
        request, organisation=organisation, follow_up=fixed, form=form, **extra
    )
    template = (
        "coaching/log_contact.html#quick-form" if request.htmx else "coaching/log_contact.html"
    )
    response = render(request, template, context)
    if extra.get("logged"):
        response["HX-Trigger"] = "contact-logged"
    return response


# Follow-ups ---------------------------------------------------------------


def _detail_context(request, follow_up, **forms):
    user = request.user
    interactions = list(follow_up.interactions.select_related("staff"))
    reviews = list(follow_up.reviews.select_related("staff"))
    context = {
        "follow_up": follow_up,
        "project_types": list(follow_up.project_types.all()),
        "topics": [TOPIC_LABELS.get(t, t) for t in follow_up.topics],
        "interactions": interactions,
        "sessions": sum(1 for i in interactions if i.channel in MEETING_CHANNELS),
        "contact_minutes": sum(i.duration_minutes or 0 for i in interactions),
        "reviews": reviews,
        "review_minutes": sum(r.duration_minutes for r in reviews),
        "can_change": user.has_perm("coaching.change_follow_up", follow_up),
        "can_review": user.has_perm("coaching.record_review", follow_up),
        # A closed follow-up's contacts are settled: reopen it to correct them.
        "can_correct_contacts": follow_up.status == FollowUpStatus.OPEN
        and user.has_perm("coaching.change_interaction", follow_up),
        "can_delete_contacts": follow_up.status == FollowUpStatus.OPEN
        and user.has_perm("coaching.delete_interaction", follow_up),
        "can_correct_reviews": user.has_perm("coaching.change_review", follow_up),
        "can_delete_reviews": user.has_perm("coaching.delete_review", follow_up),
        "is_open": follow_up.status == FollowUpStatus.OPEN,
        "is_advice": follow_up.kind == FollowUpKind.ADVICE,
        "close_form": forms.get("close_form") or CloseForm(),
        "review_form": forms.get("review_form") or ReviewForm(),
    }
    if context["can_change"] and context["is_open"]:
        context.update(quick_form_context(request, follow_up=follow_up))
    if user.has_perm("coaching.view_history", follow_up):
        context["history_entries"] = sorted(
            history.entries(follow_up) + corrections.entries(follow_up),
            key=lambda entry: entry["date"],
            reverse=True,
        )
    return context


@require_GET
def follow_up_detail(request, pk):
    follow_up = visible_follow_up(request, pk)
    return render(request, "coaching/follow_up_detail.html", _detail_context(request, follow_up))


@require_http_methods(["GET", "POST"])
def follow_up_create(request, organisation_pk):
    organisation = _visible_organisation(request, organisation_pk)
    require(request.user, "coaching.add_follow_up", organisation)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.open_follow_up(
                organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Suivi ouvert : {follow_up}.")
            return redirect("coaching:follow_up", pk=follow_up.pk)
    return render(
        request, "coaching/follow_up_form.html", {"form": form, "organisation": organisation}
    )


@require_http_methods(["GET", "POST"])
def follow_up_update(request, pk):
    follow_up = visible_follow_up(request, pk)
    require(request.user, "coaching.change_follow_up", follow_up)
    form = FollowUpForm(request.POST or None, follow_up=follow_up)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_follow_up(follow_up, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect("coaching:follow_up", pk=follow_up.pk)
    return render(
        request,
        "coaching/follow_up_form.html",
        {"form": form, "organisation": follow_up.organisation, "follow_up": follow_up},
    )


@require_POST
def follow_up_close(request, pk):
    follow_up = visible_follow_up(request, pk)
    require(request.user, "coaching.change_follow_up", follow_up)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_follow_up(follow_up, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Suivi clos ({follow_up.get_status_display()}).")
            return redirect("coaching:follow_up", pk=follow_up.pk)
    follow_up.refresh_from_db()
    context = _detail_context(request, follow_up, close_form=form)
    return render(request, "coaching/follow_up_detail.html", context, status=200)


@require_POST
def follow_up_reopen(request, pk):
    follow_up = visible_follow_up(request, pk)
    require(request.user, "coaching.change_follow_up", follow_up)
    services.reopen_follow_up(follow_up, actor=request.user)
    messages.success(request, "Suivi rouvert.")
    return redirect("coaching:follow_up", pk=follow_up.pk)


@require_POST
def follow_up_convert(request, pk):
    follow_up = visible_follow_up(request, pk)
    require(request.user, "coaching.change_follow_up", follow_up)
    if follow_up.kind == FollowUpKind.ADVICE:
        services.convert_to_coaching(follow_up, actor=request.user)
        messages.success(request, "L'appui-conseil est devenu un accompagnement.")
    return redirect(_safe_next(request) or "coaching:follow_up", pk=follow_up.pk)


@require_POST
def review_add(request, pk):
    follow_up = visible_follow_up(request, pk)
    require(request.user, "coaching.record_review", follow_up)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.record_document_review(
                actor=request.user, follow_up=follow_up, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Temps de relecture enregistré.")
            return redirect("coaching:follow_up", pk=follow_up.pk)
    context = _detail_context(request, follow_up, review_form=form)
    return render(request, "coaching/follow_up_detail.html", context)

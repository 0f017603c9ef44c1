"""Staff screens of the PAM: cohorts, their steps, modules and sessions, progress,
exports. Candidates and selection are in selection_views.py, the public intake page
in public_views.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history, tables
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.core.wording import plural
from ouverture.events.emails import absolute
from ouverture.pathways import exports, services
from ouverture.pathways.enums import STATUS_ORDER, CohortStatus
from ouverture.pathways.forms import CohortForm, SessionForm
from ouverture.pathways.models import Candidate, Cohort, Module
from ouverture.pathways.progress import cohort_progress
from ouverture.pathways.ranking import cohort_ranking

EXPORT_FORMATS = ("xlsx", "csv")
STEPS = {
    CohortStatus.INTAKE: ("Ouvrir les candidatures", services.open_intake),
    CohortStatus.SELECTION: (
        "Clore les candidatures et passer à la sélection",
        services.close_intake,
    ),
    CohortStatus.RUNNING: ("Lancer le parcours", services.start_cohort),
    CohortStatus.COMPLETED: ("Terminer le parcours", services.complete_cohort),
}


def visible_cohort(request, pk, perm="pathways.view_cohort"):
    cohort = get_object_or_404(Cohort.objects.visible_to(request.user), pk=pk)
    require(request.user, perm, cohort)
    return cohort


def public_url(cohort):
    return absolute(reverse("pathways:public", args=[cohort.public_key]))


def next_step(cohort):
    index = STATUS_ORDER.index(cohort.status)
    if index + 1 >= len(STATUS_ORDER):
        return None
    target = STATUS_ORDER[index + 1]
    return {"status": target.value, "label": STEPS[target][0]}


@require_GET
def cohort_list(request):
    require(request.user, "pathways.list_cohorts")
    if not request.user.has_perm("pathways.view_cohort"):
        return _holder_page(request)
    cohorts = Cohort.objects.visible_to(request.user).with_counts().order_by("-start_date", "-pk")
    context = {
        "cohorts": cohorts,
        "modules": list(Module.objects.in_order()),
        "can_manage": request.user.has_perm("pathways.manage_cohort"),
    }
    return render(request, "pathways/list.html", context)


def _holder_page(request):
    """A holder: its own candidacies (decision, progress once admitted) and the open intakes."""
    today = timezone.localdate()
    candidacies = list(
        Candidate.objects.visible_to(request.user)
        .select_related("cohort", "organisation")
        .order_by("-cohort__start_date", "-pk")
    )
    rows = []
    for candidate in candidacies:
        progress = cohort_progress(candidate.cohort, [candidate]) if candidate.is_admitted else None
        rows.append({"candidate": candidate, "progress": progress})
    context = {
        "rows": rows,
        "open_cohorts": Cohort.objects.accepting_candidates(today).order_by("intake_deadline"),
    }
    return render(request, "pathways/holder.html", context)


@require_http_methods(["GET", "POST"])
def cohort_create(request):
    require(request.user, "pathways.manage_cohort")
    form = CohortForm(request.POST or None, initial={"months": 6, "capacity": 8})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.create_cohort(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"La cohorte « {cohort} » a été créée.")
            return redirect("pathways:detail", pk=cohort.pk)
    return render(request, "pathways/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def cohort_update(request, pk):
    cohort = visible_cohort(request, pk, "pathways.manage_cohort")
    form = CohortForm(request.POST or None, instance=Cohort.objects.get(pk=cohort.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_cohort(cohort, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect("pathways:detail", pk=cohort.pk)
    return render(request, "pathways/form.html", {"form": form, "cohort": cohort})


@require_GET
def cohort_detail(request, pk):
    cohort = visible_cohort(request, pk)
    user = request.user
    counts = Cohort.objects.with_counts().get(pk=cohort.pk)
    admitted = list(cohort.candidates.admitted().select_related("organisation"))
    progress = cohort_progress(cohort, admitted)
    scheduled = {s.session.module_id: s for s in progress.sessions}
    modules = [{"module": m, "row": scheduled.get(m.pk)} for m in Module.objects.in_order()]
    questionnaire = cohort.intake_questionnaire()
    context = {
        "cohort": cohort,
        "counts": counts,
        "modules": modules,
        "unscheduled": sum(1 for m in modules if m["row"] is None),
        "progress": progress,
        "questionnaire": questionnaire,
        "pending_responses": services.pending_responses(cohort).count() if questionnaire else 0,
        "public_url": public_url(cohort),
        "next_step": next_step(cohort),
        "deadline_passed": timezone.localdate() > cohort.intake_deadline,
        "can_manage": user.has_perm("pathways.manage_cohort", cohort),
        "can_export": user.has_perm("pathways.export", cohort),
        "can_read_results": user.has_perm("surveys.view_results"),
    }
    if user.has_perm("pathways.view_history", cohort):
        context["history_entries"] = history.entries(cohort)
    return render(request, "pathways/detail.html", context)


@require_POST
def cohort_step(request, pk, status):
    cohort = visible_cohort(request, pk, "pathways.manage_cohort")
    if status not in STEPS:
        raise Http404
    label, step = STEPS[status]
    try:
        step(cohort, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{label} : c'est fait.")
    return redirect("pathways:detail", pk=cohort.pk)


@require_POST
def schedule_remaining(request, pk):
    cohort = visible_cohort(request, pk, "pathways.manage_cohort")
    try:
        sessions = services.schedule_remaining_modules(cohort, actor=request.user)
    except ValidationError as error:
        messages.error(request, "Rien n'a été programmé : " + " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{len(sessions)} {plural('module programmé', len(sessions))} toutes les 4 semaines à partir du début : "
            "déplacez les séances si besoin.",
        )
    return redirect("pathways:detail", pk=cohort.pk)


@require_http_methods(["GET", "POST"])
def session_schedule(request, pk, module_pk):
    """Schedule a module for the cohort, or move its session."""
    cohort = visible_cohort(request, pk, "pathways.manage_cohort")
    module = get_object_or_404(Module, pk=module_pk)
    session = cohort.sessions.select_related("workshop").filter(module=module).first()
    initial = {}
    if session is not None:
        w = session.workshop
        initial = {
            "date": w.date,
            "start_time": w.start_time,
            "end_time": w.end_time,
            "place": w.place,
            "video_link": w.video_link,
            "registration_deadline": w.registration_deadline,
        }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if session is None:
                services.schedule_module(cohort, module, actor=request.user, **form.cleaned_data)
            else:
                services.reschedule_session(session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Module {module.number} programmé.")
            return redirect("pathways:detail", pk=cohort.pk)
    context = {"cohort": cohort, "module": module, "session": session, "form": form}
    return render(request, "pathways/session_form.html", context)


@require_GET
def export_candidates(request, pk, fmt):
    cohort = visible_cohort(request, pk, "pathways.export")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    table = exports.candidates_table(cohort, cohort_ranking(cohort))
    return tables.download(table, fmt, f"pam-candidatures-{cohort.pk}")


@require_GET
def export_progress(request, pk, fmt):
    cohort = visible_cohort(request, pk, "pathways.export")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    table = exports.progress_table(cohort, cohort_progress(cohort))
    return tables.download(table, fmt, f"pam-progression-{cohort.pk}")

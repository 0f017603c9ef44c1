"""Pages of the calls: a public page per scheme (open all year), the applications in the user's
scope (another organisation's is a 404), and the instruction steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ouverture.calls import funnel, rules, services
from ouverture.calls.enums import ApplicationStatus
from ouverture.calls.forms import ApplicationForm, DocumentForm, LineForm, ResourceForm
from ouverture.calls.models import Application, Call, Scheme
from ouverture.calls.workflow import APPLICATION, role_of
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.organisations.models import Organisation


def _current_and_next(scheme, today):
    calls = list(scheme.calls.order_by("opens_on").prefetch_related("project_types"))
    current = next((c for c in calls if c.is_open(today)), None)
    upcoming = next((c for c in calls if c.opens_on > today), None)
    return current, upcoming


@login_not_required
def scheme_page(request, code):
    scheme = get_object_or_404(Scheme.objects.select_related("funder__organisation"), code=code)
    today = timezone.localdate()
    current, upcoming = _current_and_next(scheme, today)
    error = None
    if request.method == "POST":
        try:
            services.leave_alert(scheme, request.POST.get("email", ""))
        except ValidationError:
            error = "Cette adresse e-mail n'est pas valable."
        else:
            messages.success(
                request, "C'est noté : vous serez prévenu·e à l'ouverture du prochain appel."
            )
            return redirect("calls:scheme", code=code)
    return render(
        request,
        "calls/scheme.html",
        {"scheme": scheme, "current": current, "upcoming": upcoming, "error": error},
    )


def application_list(request):
    require(request.user, "calls.list_applications")
    applications = (
        Application.objects.visible_to(request.user)
        .select_related("call__scheme", "organisation")
        .order_by("-created_at")[:200]
    )
    return render(request, "calls/application_list.html", {"applications": applications})


def _application(request, pk):
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related("call__scheme", "organisation"),
        pk=pk,
    )


def application_detail(request, pk):
    require(request.user, "calls.view_application")
    application = _application(request, pk)
    problems = rules.problems(application, today=timezone.localdate())
    targets = [
        (value, APPLICATION.label(value))
        for value in APPLICATION.allowed(application.status, role_of(request.user))
    ]
    return render(
        request,
        "calls/application_detail.html",
        {
            "application": application,
            "problems": problems,
            "targets": targets,
            "steps": [
                {
                    "at": step.at,
                    "actor": step.actor,
                    "source": APPLICATION.label(step.source) if step.source else "",
                    "target": APPLICATION.label(step.target),
                    "reason": step.reason,
                }
                for step in application.steps.select_related("actor")
            ],
            "lines": application.lines.all(),
            "line_form": LineForm(prefix="line"),
            "resource_form": ResourceForm(prefix="resource"),
            "editable": application.status in services.EDITABLE,
            "resources": application.resources.all(),
            "asked_documents": _asked_documents(application),
            "document_form": DocumentForm(asked=application.call.asked_documents()),
            "can_upload": request.user.has_perm("calls.change_application")
            and application.status in services.EDITABLE,
        },
    )


def _asked_documents(application):
    """Each document the call asks, with its upload (or None)."""
    uploaded = {d.asked: d for d in application.documents.select_related("uploaded_by")}
    return [(label, uploaded.get(label)) for label in application.call.asked_documents()]


@require_POST
def application_document_upload(request, pk):
    """The holder, or the network on its behalf, uploads a document the call asks."""
    require(request.user, "calls.change_application")
    application = _application(request, pk)
    form = DocumentForm(request.POST, request.FILES, asked=application.call.asked_documents())
    if form.is_valid():
        try:
            document = services.upload_document(
                application, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Pièce « {document.asked} » déposée.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("calls:application", pk=application.pk)


@require_GET
def application_document(request, pk, document_pk):
    """An uploaded document, served after the application's checks (never from MEDIA_URL)."""
    require(request.user, "calls.view_application")
    application = _application(request, pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("Fichier introuvable.") from None
    return FileResponse(handle, as_attachment=True, filename=document.original_name)


@require_POST
def application_move(request, pk):
    require(request.user, "calls.view_application")
    application = _application(request, pk)
    target = request.POST.get("target", "")
    if target not in ApplicationStatus.values:
        messages.error(request, "Choisissez une étape proposée.")
        return redirect("calls:application", pk=application.pk)
    try:
        if target == "submitted":
            require(request.user, "calls.change_application")
            services.submit(application, actor=request.user)
        else:
            services.move(
                application, target, actor=request.user, reason=request.POST.get("reason", "")
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Candidature : {APPLICATION.label(target)}.")
    return redirect("calls:application", pk=application.pk)


def call_list(request):
    require(request.user, "calls.view_dashboard")
    calls = Call.objects.select_related("scheme").order_by("-year", "scheme__name")
    return render(request, "calls/call_list.html", {"calls": calls})


def call_dashboard(request, pk):
    require(request.user, "calls.view_dashboard")
    call = get_object_or_404(Call.objects.select_related("scheme"), pk=pk)
    return render(request, "calls/dashboard.html", {"board": funnel.build(call)})


def application_create(request):
    """A holder applies for one of its organisations; the network for any (the holder then
    confirms). Only calls open today are offered."""
    require(request.user, "calls.change_application")
    today = timezone.localdate()
    calls = Call.objects.open_on(today).select_related("scheme")
    organisations = Organisation.objects.visible_to(request.user)
    form = ApplicationForm(request.POST or None, calls=calls, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        call, organisation = data.pop("call"), data.pop("organisation")
        try:
            application = services.create_application(
                actor=request.user, call=call, organisation=organisation, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("calls:application", pk=application.pk)
    return render(request, "calls/application_form.html", {"form": form})


@require_POST
def application_add(request, pk, what):
    require(request.user, "calls.change_application")
    application = _application(request, pk)
    form_class, add = (
        (LineForm, services.add_line)
        if what == "ligne"
        else (
            ResourceForm,
            services.add_resource,
        )
    )
    form = form_class(request.POST, prefix="line" if what == "ligne" else "resource")
    if form.is_valid():
        try:
            add(application, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("calls:application", pk=application.pk)

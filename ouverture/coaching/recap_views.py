"""The recap page with its exports, and the upload of a coaching table."""

import base64

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ouverture.coaching.forms import ImportForm, RecapFilterForm
from ouverture.coaching.importing import apply_plan, read_coaching_table
from ouverture.coaching.models import Interaction
from ouverture.coaching.recap import CoachingRecap
from ouverture.core import jobs, tables, tabular
from ouverture.core.permissions import require
from ouverture.core.tabular import FileRejected

EXPORTS = ("xlsx", "csv", "json")
# The page shows the rows a hundred at a time; totals and exports cover the whole period.
PAGE_SIZE = 100
SESSION_KEY = "coaching_import"


def _default_year():
    """The year of the latest contact (the table people look for), or the current year."""
    latest = Interaction.objects.aggregate(latest=Max("date"))["latest"]
    return (latest or timezone.localdate()).year


@require_GET
def recap(request):
    require(request.user, "coaching.view_recap")
    form = RecapFilterForm(request.GET, default_year=_default_year())
    # Bad filters are shown on the form; the table then shows the default year, unfiltered.
    builder = form.builder() if form.is_valid() else CoachingRecap.for_year(form.default_year)
    export = request.GET.get("export")
    if export in EXPORTS:
        recap_data = builder.build()  # the exports keep every row
        if export == "json":
            response = HttpResponse(
                tables.dumps(builder.as_json(recap_data)), content_type=tables.CONTENT_TYPES["json"]
            )
            response["Content-Disposition"] = f'attachment; filename="{builder.filename()}.json"'
            return response
        return tables.download(builder.table(recap_data), export, builder.filename())
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("page", None)
    # The page reads its totals by one aggregate query and only its own rows (LIMIT/OFFSET).
    recap_data = builder.totals()
    page = Paginator(builder.paged_rows(recap_data), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "builder": builder,
        "recap": recap_data,
        "page": page,
        "query": query.urlencode(),
        "can_import": request.user.has_perm("coaching.import_table"),
        "can_log": request.user.has_perm("coaching.log_interaction"),
    }
    template = "coaching/recap.html#results" if request.htmx else "coaching/recap.html"
    return render(request, template, context)


def _plan_from_session(stored):
    return read_coaching_table(
        base64.b64decode(stored["content"]),
        stored["name"],
        year=stored["year"],
        encoding=stored["encoding"],
        create_organisations=stored["create"],
    )


@require_http_methods(["GET", "POST"])
def import_table(request):
    """Upload, check and preview (nothing written), then confirm: all rows or none."""
    require(request.user, "coaching.import_table")
    action = request.POST.get("action", "preview")
    if request.method == "POST" and action == "confirm":
        stored = request.session.get(SESSION_KEY)
        if not stored:
            messages.error(request, "Aucun fichier en attente : déposez-le à nouveau.")
            return redirect("coaching:import")
        try:
            plan = _plan_from_session(stored)
        except FileRejected as error:
            plan, rejected = None, str(error)
        else:
            rejected = None
        if plan is None or not plan.ok:
            # The records changed since the preview (an organisation renamed…): show why.
            form = ImportForm(initial={k: stored[k] for k in ("year", "encoding")})
            return render(
                request,
                "coaching/import.html",
                {"form": form, "plan": plan, "rejected": rejected, "filename": stored["name"]},
            )
        del request.session[SESSION_KEY]
        if jobs.runs_as_task(len(plan.rows)):
            from ouverture.coaching.tasks import import_coaching_table

            job = jobs.start(
                "coaching",
                import_coaching_table,
                actor=request.user,
                filename=stored["name"],
                rows=len(plan.rows),
                content=base64.b64decode(stored["content"]),
                params={k: stored[k] for k in ("year", "encoding", "create")},
            )
            return redirect("coaching:import_job", pk=job.pk)
        apply_plan(plan, actor=request.user)
        messages.success(request, f"Import de {plan.filename} terminé — {plan.summary()}")
        return redirect(f"{reverse('coaching:recap')}?year={stored['year']}")

    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "plan": None, "rejected": None, "filename": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > tabular.MAX_BYTES:
            context["rejected"] = (
                f"Le fichier pèse {tabular.int_fr(upload.size)} octets, au-delà de "
                f"{tabular.int_fr(tabular.MAX_BYTES)} : découpez-le."
            )
            context["filename"] = upload.name
            return render(request, "coaching/import.html", context)
        content = upload.read()
        stored = {
            "name": upload.name,
            "content": base64.b64encode(content).decode("ascii"),
            "year": form.cleaned_data["year"],
            "encoding": form.cleaned_data["encoding"],
            "create": form.cleaned_data["create_organisations"],
        }
        context["filename"] = upload.name
        try:
            plan = _plan_from_session(stored)
        except FileRejected as error:
            context["rejected"] = str(error)
            request.session.pop(SESSION_KEY, None)
        else:
            context["plan"] = plan
            if plan.ok:
                request.session[SESSION_KEY] = stored
            else:
                request.session.pop(SESSION_KEY, None)
    return render(request, "coaching/import.html", context)


@require_GET
def import_job(request, pk):
    """A background import: its state, polled (htmx) until it ends, then its report."""
    require(request.user, "coaching.import_table")
    job = jobs.job_for(request, pk, "coaching")
    context = {
        "job": job,
        "poll_url": reverse("coaching:import_job", args=[job.pk]),
        "result_url": f"{reverse('coaching:recap')}?year={job.params.get('year')}"
        if job.params.get("year")
        else reverse("coaching:recap"),
        "result_label": "Voir le bilan des accompagnements",
    }
    template = "core/_import_job.html" if request.htmx else "coaching/import_job.html"
    return render(request, template, context)

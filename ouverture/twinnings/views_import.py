"""Importing a file: upload, column mapping with a preview, dry run, then all or nothing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import jobs
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.core.tabular import FileRejected
from ouverture.core.wording import plural
from ouverture.twinnings import importer, services
from ouverture.twinnings.enums import ImportStatus, RowOutcome
from ouverture.twinnings.forms import ImportUploadForm, MappingForm, ValueMappingForm
from ouverture.twinnings.models import ImportBatch
from ouverture.twinnings.tasks import import_message, import_twinnings_batch

REPORT_LIMIT = 500


@require_http_methods(["GET", "POST"])
def import_home(request):
    require(request.user, "twinnings.import_agreements")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            form.add_error("file", "Le fichier dépasse 10 Mo : découpez-le.")
        else:
            try:
                batch = services.upload_import(
                    actor=request.user,
                    content=upload.read(),
                    filename=upload.name,
                    encoding=form.cleaned_data["encoding"] or "utf-8",
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                return redirect("twinnings:import_batch", pk=batch.pk)
    batches = ImportBatch.objects.select_related("uploaded_by").defer("content", "report")[:30]
    return render(request, "twinnings/import_home.html", {"form": form, "batches": batches})


def _report_sections(batch):
    rows = batch.report or []
    errors = [r for r in rows if r["outcome"] == RowOutcome.ERROR]
    noted = [r for r in rows if r["outcome"] != RowOutcome.ERROR and (r["flags"] or r["messages"])]
    return {
        "errors": errors[:REPORT_LIMIT],
        "errors_more": max(len(errors) - REPORT_LIMIT, 0),
        "noted": noted[:REPORT_LIMIT],
        "noted_more": max(len(noted) - REPORT_LIMIT, 0),
    }


@require_http_methods(["GET", "POST"])
def import_batch(request, pk):
    """The mapping screen: choose columns, see a preview, run a dry run."""
    require(request.user, "twinnings.import_agreements")
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        headers, preview_rows, row_count = importer.preview(
            bytes(batch.content), batch.filename, batch.encoding
        )
    except FileRejected as error:
        messages.error(request, str(error))
        return redirect("twinnings:import_home")
    initial = {f"map_{k}": v for k, v in batch.mapping.items()}
    initial.update(batch.options)
    form = MappingForm(request.POST or None, headers=headers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_import_mapping(
                batch,
                actor=request.user,
                mapping=form.mapping(),
                skip_foreign=form.cleaned_data["skip_foreign"],
                source_label=form.cleaned_data["source_label"],
            )
            result = services.import_agreements(batch, actor=request.user, dry_run=True)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if result.errors:
                messages.error(
                    request,
                    f"Essai à blanc : {len(result.errors)} {plural('ligne', len(result.errors))} en erreur. Rien ne sera "
                    "importé tant qu'elles ne sont pas corrigées dans le fichier.",
                )
            else:
                messages.success(
                    request, "Essai à blanc réussi : vérifiez le rapport puis importez."
                )
            return redirect("twinnings:import_batch", pk=batch.pk)
    context = {
        "batch": batch,
        "form": form,
        "headers": headers,
        "preview_rows": preview_rows,
        "row_count": row_count,
        "summary": batch.summary,
        "can_import": batch.status == ImportStatus.CHECKED,
        "value_form": (
            ValueMappingForm(values=batch.summary["unknown_statuses"])
            if batch.summary.get("unknown_statuses") and batch.status != ImportStatus.IMPORTED
            else None
        ),
        "imported": batch.status == ImportStatus.IMPORTED,
        **_report_sections(batch),
    }
    return render(request, "twinnings/import_batch.html", context)


@require_POST
def import_run(request, pk):
    require(request.user, "twinnings.import_agreements")
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.status != ImportStatus.CHECKED:
        messages.error(request, "Lancez d'abord un essai à blanc sans erreur.")
        return redirect("twinnings:import_batch", pk=batch.pk)
    rows = batch.summary.get("rows", 0)
    if jobs.runs_as_task(rows):
        job = jobs.start(
            "twinnings",
            import_twinnings_batch,
            actor=request.user,
            filename=batch.filename,
            rows=rows,
            params={"batch": batch.pk},
        )
        return redirect("twinnings:import_job", pk=job.pk)
    try:
        result = services.import_agreements(batch, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if result.written:
            messages.success(request, f"Import terminé : {import_message(result.summary)}")
        else:
            messages.error(
                request,
                f"Import refusé : {len(result.errors)} {plural('ligne', len(result.errors))} en erreur (les données ont changé "
                "depuis l'essai). Rien n'a été enregistré.",
            )
    return redirect("twinnings:import_batch", pk=batch.pk)


@require_POST
def import_values(request, pk):
    """The value-mapping step: a status for each text the file writes that no word explains."""
    require(request.user, "twinnings.import_agreements")
    batch = get_object_or_404(ImportBatch, pk=pk)
    form = ValueMappingForm(request.POST, values=batch.summary.get("unknown_statuses", []))
    try:
        for raw, value in form.choices():
            if value:
                services.set_value_mapping(actor=request.user, raw=raw, value=value)
        if batch.status != ImportStatus.IMPORTED:
            services.import_agreements(batch, actor=request.user, dry_run=True)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Correspondances enregistrées ; essai à blanc relancé.")
    return redirect("twinnings:import_batch", pk=batch.pk)


@require_GET
def import_job(request, pk):
    """A background import: its state, polled (htmx) until it ends, then its report."""
    require(request.user, "twinnings.import_agreements")
    job = jobs.job_for(request, pk, "twinnings")
    context = {
        "job": job,
        "poll_url": reverse("twinnings:import_job", args=[job.pk]),
        "result_url": reverse("twinnings:import_batch", args=[job.params["batch"]]),
        "result_label": "Voir le rapport ligne à ligne",
    }
    template = "core/_import_job.html" if request.htmx else "twinnings/import_job.html"
    return render(request, template, context)

"""Big imports as background tasks (django-tasks; the immediate backend runs them inline in
tests). A confirmed import above `OUVERTURE_IMPORT_TASK_ROWS` rows is recorded as an
ImportJob and enqueued after the commit; the task calls the same service functions as the
inline path, all or nothing, as the user who confirmed. The page polls the job's state."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ouverture.core.models import ImportJob, JobStatus


def task_rows():
    return int(getattr(settings, "OUVERTURE_IMPORT_TASK_ROWS", 2000))


def runs_as_task(rows):
    """Whether an import of `rows` rows goes to the background."""
    return rows > task_rows()


@transaction.atomic
def start(kind, task, *, actor, filename, rows, content=b"", params=None):
    """Record the job and enqueue `task(job.pk)` once the record is committed."""
    job = ImportJob.objects.create(
        kind=kind,
        filename=filename,
        content=content,
        params=params or {},
        rows=rows,
        created_by=actor,
    )
    transaction.on_commit(lambda: task.enqueue(job.pk))
    return job


def run(job_id, work):
    """Run `work(job) -> (ok, summary, issues)` and record its outcome. `work` writes all or
    nothing (its own transaction); an unexpected error is recorded, then raised for the log."""
    ImportJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        ok, summary, issues = work(job)
    except Exception:
        _finish(job, JobStatus.FAILED, "", ["Erreur inattendue : rien n'a été importé."])
        raise
    _finish(job, JobStatus.DONE if ok else JobStatus.FAILED, summary, issues)
    return job.status


def _finish(job, status, summary, issues):
    job.status, job.summary, job.issues = status, summary, [str(i) for i in issues]
    job.finished_at = timezone.now()
    job.content = b""  # the file is not kept once imported (or refused)
    job.save(update_fields=["status", "summary", "issues", "finished_at", "content"])


def job_for(request, pk, kind):
    """A job is visible only to the person who launched it (another's is a 404)."""
    return get_object_or_404(ImportJob, pk=pk, kind=kind, created_by=request.user)

"""A confirmed coaching import above OUVERTURE_IMPORT_TASK_ROWS rows, in the background."""

from django_tasks import task

from ouverture.core import jobs


def _work(job):
    from ouverture.coaching.importing import apply_plan, read_coaching_table
    from ouverture.core.tabular import FileRejected

    params = job.params
    try:
        plan = read_coaching_table(
            bytes(job.content),
            job.filename,
            year=params.get("year"),
            encoding=params.get("encoding", "utf-8"),
            create_organisations=params.get("create", False),
        )
    except FileRejected as error:
        return False, "", [str(error)]
    if not plan.ok:  # the records changed since the preview: nothing is written
        return False, "", plan.issues
    apply_plan(plan, actor=job.created_by)
    return True, plan.summary(), []


@task()
def import_coaching_table(job_id):
    return jobs.run(job_id, _work)

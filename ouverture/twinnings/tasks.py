"""A confirmed twinnings import above OUVERTURE_IMPORT_TASK_ROWS rows, in the background."""

from django_tasks import task

from ouverture.core import jobs


def import_message(s):
    """The French summary of a written import (the page's message, inline or from a task)."""
    from ouverture.core.wording import plural

    def n(key, unit):
        return f"{s[key]} {plural(unit, s[key])}"

    return (
        f"{n('agreements', 'jumelage créé')}, {n('merged', 'ligne fusionnée')}, "
        f"{n('updated', 'jumelage connu complété')} ({n('changes', 'ajout')}), "
        f"{n('conflicts', 'conflit')} à décider, {n('existing', 'ligne')} sans rien de "
        f"nouveau, {s['to_review']} à vérifier."
    )


def _work(job):
    from django.core.exceptions import ValidationError

    from ouverture.twinnings import services
    from ouverture.twinnings.models import ImportBatch

    batch = ImportBatch.objects.get(pk=job.params["batch"])
    try:
        result = services.import_agreements(batch, actor=job.created_by)
    except ValidationError as error:
        return False, "", error.messages
    if not result.written:  # the data changed since the dry run: nothing is written
        return (
            False,
            "",
            [f"Ligne {r.line} : {' '.join(r.messages)}" for r in result.errors],
        )
    return True, import_message(result.summary), []


@task()
def import_twinnings_batch(job_id):
    return jobs.run(job_id, _work)

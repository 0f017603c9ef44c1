"""Background generation (django-tasks, database backend; immediate in tests)."""

from django_tasks import task

from ouverture.documents.services import run_generation


@task()
def generate_document(generation_id):
    return run_generation(generation_id).status

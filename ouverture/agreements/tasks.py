"""Background tasks (django-tasks): a scheduler may enqueue this one daily."""

from django_tasks import task

from ouverture.agreements.services.reminders import send_due_reminders


@task()
def send_deadline_reminders():
    """E-mail the agreements' deadline reminders due today; returns how many were sent."""
    return len(send_due_reminders())

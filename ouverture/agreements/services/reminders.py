"""E-mail reminders of an agreement's deadlines, a configurable number of days before
(settings.OUVERTURE_REMINDER_DAYS). Run daily by `ouverture agreement remind` from a cron, or
by the task `ouverture.agreements.tasks.send_deadline_reminders`. Each step is sent once."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.accounts.models import User
from ouverture.agreements.deadlines import deadlines
from ouverture.agreements.models import Agreement, ReminderSent
from ouverture.agreements.scope import reached_funder
from ouverture.core.formats import format_date
from ouverture.core.links import absolute_url

RECIPIENT_ROLES = (Role.FINANCE_MANAGER, Role.COORDINATOR, Role.FUNDER_OFFICER)


def reminder_recipients():
    """Those who answer for the deadlines: finance manager, coordinator, funder's officer —
    a function of the agreement giving its recipients: a funder officer only for the agreements
    of the funder it reaches (agreements.scope), never another funder's."""
    users = list(
        User.objects.filter(is_active=True, role__in=RECIPIENT_ROLES)
        .exclude(email="")
        .select_related("membership")
        .order_by("email")
    )
    network = [u.email for u in users if u.role != Role.FUNDER_OFFICER]
    officers = [(u.email, reached_funder(u)) for u in users if u.role == Role.FUNDER_OFFICER]

    def for_agreement(agreement):
        return sorted(network + [e for e, funder in officers if funder == agreement.funder_id])

    return for_agreement


def _message(deadline, days_left):
    agreement = deadline.agreement
    when = (
        "aujourd'hui" if days_left == 0 else f"dans {days_left} jour{'s' if days_left > 1 else ''}"
    )
    subject = (
        f"[Ouverture] {agreement.reference} : {deadline.label.lower()} {when} "
        f"({format_date(deadline.date)})"
    )
    url = absolute_url(reverse("agreements:detail", args=[agreement.pk]))
    body = (
        f"Bonjour,\n\n"
        f"Convention {agreement.reference} — {agreement.title}\n"
        f"Bénéficiaire : {agreement.beneficiary}\n\n"
        f"{deadline.label} : {format_date(deadline.date)} ({when}).\n\n"
        f"La convention, ses engagements et son exécution : {url}\n\n"
        "— Ouverture (message automatique)\n"
    )
    return subject, body


def send_due_reminders(*, today=None, days=None):
    """Send the reminders whose day has come and that were not sent yet; returns what was sent
    as (deadline, step in days). A run that missed a day catches up with the closest step."""
    today = today or timezone.localdate()
    steps = sorted(set(days if days is not None else settings.OUVERTURE_REMINDER_DAYS))
    recipients_of = reminder_recipients()
    sent = []
    if not steps:
        return sent
    agreements = Agreement.objects.not_closed().with_parties()
    for agreement in agreements:
        recipients = recipients_of(agreement)
        if not recipients:
            continue
        for deadline in deadlines(agreement):
            left = deadline.days_left(today)
            due = [n for n in steps if n >= left]
            if left < 0 or not due:
                continue
            step = min(due)
            with transaction.atomic():
                _, created = ReminderSent.objects.get_or_create(
                    agreement=agreement,
                    kind=deadline.kind,
                    deadline=deadline.date,
                    days_before=step,
                    defaults={"recipients": len(recipients)},
                )
                if not created:
                    continue
                subject, body = _message(deadline, left)
                send_mail(subject, body, None, recipients)
            sent.append((deadline, step))
    return sent

"""E-mails to people who registered: confirmation (with the ICS file), waiting list,
place freed. Sent after the transaction commits, so a refused write sends nothing."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ouverture.core.links import absolute_url
from ouverture.core.ratelimit import allow_email
from ouverture.events.enums import RegistrationStatus
from ouverture.events.ics import workshop_calendar
from ouverture.events.tokens import registration_token


def absolute(path):
    return absolute_url(path)


def registration_url(registration):
    """The person's own page (see their registration, cancel it): a signed link."""
    return absolute(reverse("events:public_registration", args=[registration_token(registration)]))


def workshop_url(workshop):
    return absolute(reverse("events:public_workshop", args=[workshop.public_key]))


def _message(registration, template, subject, *, with_calendar):
    workshop = registration.workshop
    context = {
        "registration": registration,
        "workshop": workshop,
        "agenda": list(workshop.agenda_items.all()),
        "ateliers": list(registration.ateliers.all()),
        "manage_url": registration_url(registration),
        "workshop_url": workshop_url(workshop),
    }
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        to=[registration.email],
    )
    if with_calendar:
        message.attach(
            "temps-collectif.ics",
            workshop_calendar(
                workshop, cancel_url=context["manage_url"], page_url=context["workshop_url"]
            ),
            "text/calendar",
        )
    return message


def send_confirmation(registration):
    if not registration.email:
        return
    if not allow_email(registration.email):
        return  # this address already got its share today: no mail in bulk to anyone

    if registration.status == RegistrationStatus.WAITING_LIST:
        message = _message(
            registration,
            "events/email/waiting_list.txt",
            f"Liste d'attente : {registration.workshop.title}",
            with_calendar=False,
        )
    else:
        message = _message(
            registration,
            "events/email/confirmation.txt",
            f"Inscription confirmée : {registration.workshop.title}",
            with_calendar=True,
        )
    message.send()


def send_promotion(registration):
    if not registration.email:
        return
    _message(
        registration,
        "events/email/promoted.txt",
        f"Une place s'est libérée : {registration.workshop.title}",
        with_calendar=True,
    ).send()


def on_commit(function, registration):
    transaction.on_commit(lambda: function(registration))


# Changes to a workshop: the people registered (and waiting) get the new calendar file.
SCHEDULE_FIELDS = ("date", "start_time", "end_time", "place", "video_link")
NOTIFIED_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING_LIST)


def schedule_of(workshop):
    return {name: getattr(workshop, name) for name in SCHEDULE_FIELDS}


def send_workshop_change(workshop, *, previous, cancelled):
    """E-mail each person registered or waiting (with an e-mail) that the workshop moved
    (what changed, the new calendar file) or is cancelled (a cancelling calendar file).
    Returns the number of messages sent."""
    registrations = workshop.registrations.filter(status__in=NOTIFIED_STATUSES).exclude(email="")
    sequence = int(timezone.now().timestamp())
    sent = 0
    for registration in registrations.prefetch_related("ateliers"):
        manage_url = registration_url(registration)
        context = {
            "registration": registration,
            "workshop": workshop,
            "previous": previous,
            "ateliers": list(registration.ateliers.all()),
            "manage_url": manage_url,
            "workshop_url": workshop_url(workshop),
        }
        template = "events/email/cancelled.txt" if cancelled else "events/email/moved.txt"
        subject = ("Annulé : " if cancelled else "Changement : ") + workshop.title
        message = EmailMessage(
            subject=subject, body=render_to_string(template, context), to=[registration.email]
        )
        message.attach(
            "temps-collectif.ics",
            workshop_calendar(
                workshop,
                cancel_url="" if cancelled else manage_url,
                page_url=context["workshop_url"],
                cancelled=cancelled,
                sequence=sequence,
            ),
            "text/calendar",
        )
        message.send()
        sent += 1
    return sent

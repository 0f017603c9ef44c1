"""Writes on funders, schemes, calls and applications. One transaction each, history through
core.history.save, the acting user; the workflow moves write one `ApplicationStep` each."""

import datetime as dt
import os

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ouverture.agreements.services._common import amount as parse_amount
from ouverture.calls import rules
from ouverture.calls.documents import check_file
from ouverture.calls.enums import ApplicationStatus, Opinion
from ouverture.calls.models import (
    Application,
    ApplicationDocument,
    ApplicationLine,
    ApplicationResource,
    ApplicationStep,
    Call,
    CallAlert,
    Funder,
    Scheme,
)
from ouverture.calls.workflow import APPLICATION, HOLDER, role_of
from ouverture.core import history
from ouverture.core.formats import format_date

EDITABLE = {ApplicationStatus.DRAFT, ApplicationStatus.COMPLETION_REQUESTED}
APPLICATION_FIELDS = {
    "title",
    "project_type",
    "summary",
    "partner_abroad",
    "twinning",
    "starts_on",
    "ends_on",
    "participants",
    "participants_by_age",
    "requested_amount",
    "follow_up",
}


@transaction.atomic
def create_funder(organisation, *, actor, territory):
    funder, _ = Funder.objects.get_or_create(organisation=organisation)
    funder.territory.set(territory)
    return funder


@transaction.atomic
def create_scheme(*, actor, funder, code, name, acronym="", description=""):
    scheme = Scheme(funder=funder, code=code, name=name, acronym=acronym, description=description)
    return history.save(scheme, actor)


@transaction.atomic
def create_call(*, actor, scheme, year, opens_on, closes_on, envelope, project_types=(), **rules_):
    call = Call(
        scheme=scheme,
        year=year,
        opens_on=opens_on,
        closes_on=closes_on,
        envelope=parse_amount(envelope, "envelope", label="L'enveloppe"),
        **rules_,
    )
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "La clôture précède l'ouverture."})
    if Call.objects.filter(scheme=scheme, year=year).exists():
        raise ValidationError({"year": f"Le dispositif a déjà un appel {year}."})
    history.save(call, actor)
    call.project_types.set(project_types)
    return call


def leave_alert(scheme, email):
    """A person asks to be told when the scheme's next call opens (public page)."""
    alert = CallAlert(scheme=scheme, email=(email or "").strip().lower())
    alert.full_clean(validate_constraints=False)
    CallAlert.objects.get_or_create(scheme=scheme, email=alert.email)


@transaction.atomic
def send_opening_alerts(call, *, today=None):
    """E-mail everyone who asked about the call's scheme, once per call (daily cron)."""
    today = today or dt.date.today()
    if not call.is_open(today):
        return 0
    alerts = list(
        CallAlert.objects.select_for_update().filter(scheme=call.scheme).exclude(sent_for=call)
    )
    for alert in alerts:
        send_mail(
            f"L'appel {call} est ouvert",
            f"L'appel à projets {call} est ouvert jusqu'au {format_date(call.closes_on)}.",
            None,
            [alert.email],
        )
        alert.sent_for = call
        alert.save(update_fields=["sent_for"])
    return len(alerts)


def _check_age_ranges(value):
    if not isinstance(value, dict):
        raise ValidationError(
            {"participants_by_age": "Les participants se comptent par tranche d'âge."}
        )
    for key, count in value.items():
        if not isinstance(count, int) or count < 0:
            raise ValidationError(
                {"participants_by_age": f"La tranche « {key} » doit être un nombre entier."}
            )


@transaction.atomic
def create_application(*, actor, call, organisation, **fields):
    unknown = set(fields) - APPLICATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    by_network = role_of(actor) != HOLDER
    application = Application(
        call=call,
        organisation=organisation,
        entered_by_network=by_network,
        holder_confirmed=not by_network,
        **fields,
    )
    _check_age_ranges(application.participants_by_age)
    if application.requested_amount is not None:
        application.requested_amount = parse_amount(
            application.requested_amount, "requested_amount", label="Le montant demandé"
        )
    return history.save(application, actor)


def _editable(application):
    if application.status not in EDITABLE:
        raise ValidationError(
            f"La candidature est « {application.get_status_display()} » : elle ne se modifie plus."
        )


@transaction.atomic
def update_application(application, *, actor, **changes):
    unknown = set(changes) - APPLICATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    application = Application.objects.select_for_update().get(pk=application.pk)
    _editable(application)
    for name, value in changes.items():
        setattr(application, name, value)
    _check_age_ranges(application.participants_by_age)
    return history.save(application, actor)


@transaction.atomic
def add_line(application, *, actor, label, total, quantity=1, strand="", base=""):
    application = Application.objects.select_for_update().get(pk=application.pk)
    _editable(application)
    line = ApplicationLine(
        application=application,
        label=label,
        total=parse_amount(total, "total", label="Le total"),
        quantity=quantity,
        strand=strand,
        base=base,
    )
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def add_resource(application, *, actor, label, amount, in_kind=False, is_request=False):
    application = Application.objects.select_for_update().get(pk=application.pk)
    _editable(application)
    resource = ApplicationResource(
        application=application,
        label=label,
        amount=parse_amount(amount, "amount"),
        in_kind=in_kind,
        is_request=is_request,
    )
    resource.full_clean()
    resource.save()
    return resource


def _move(application, target, *, actor, reason="", role=None, **changes):
    role = role or role_of(actor)
    APPLICATION.check(application.status, target, role=role, reason=reason)
    source = application.status
    application.status = target
    for name, value in changes.items():
        setattr(application, name, value)
    history.save(
        application,
        actor,
        reason=reason or f"{APPLICATION.label(source)} → {APPLICATION.label(target)}",
    )
    ApplicationStep.objects.create(
        application=application, actor=actor, source=source, target=target, reason=reason
    )
    return application


def _locked(application):
    return Application.objects.select_for_update().select_related("call").get(pk=application.pk)


@transaction.atomic
def confirm(application, *, actor):
    """The holder confirms an application the network entered on its behalf."""
    application = _locked(application)
    if role_of(actor) != HOLDER:
        raise ValidationError("Seul le porteur confirme une candidature saisie pour lui.")
    application.holder_confirmed = True
    return history.save(application, actor, reason="Confirmée par le porteur")


@transaction.atomic
def submit(application, *, actor, today=None):
    """Checked against the call's rules and the budget first: every failing rule is named."""
    application = _locked(application)
    today = today or timezone.localdate()
    problems = rules.problems(application, today=today)
    if not application.holder_confirmed:
        problems.append("Le porteur n'a pas encore confirmé la candidature saisie pour lui.")
    if problems:
        raise ValidationError(problems)
    return _move(application, ApplicationStatus.SUBMITTED, actor=actor, submitted_at=timezone.now())


@transaction.atomic
def move(application, target, *, actor, reason="", role=None):
    application = _locked(application)
    if target == ApplicationStatus.SUBMITTED:
        raise ValidationError("Une candidature se dépose par « Déposer », qui vérifie les règles.")
    if target == ApplicationStatus.COMPLETED:
        problems = rules.budget_problems(application)
        if problems:
            raise ValidationError(problems)
    return _move(application, target, actor=actor, reason=reason, role=role)


@transaction.atomic
def give_opinion(application, *, actor, opinion, text, proposed_amount=None):
    """The instructor's opinion and proposed amount (an opinion always has its reason)."""
    application = _locked(application)
    if application.status != ApplicationStatus.UNDER_INSTRUCTION:
        raise ValidationError("L'avis se donne pendant l'instruction.")
    if opinion not in Opinion.values:
        raise ValidationError({"opinion": "Avis inconnu."})
    if not (text or "").strip():
        raise ValidationError({"opinion_text": "Un avis doit être motivé."})
    application.opinion = opinion
    application.opinion_text = text
    if proposed_amount is not None:
        application.proposed_amount = parse_amount(
            proposed_amount, "proposed_amount", label="Le montant proposé"
        )
    return history.save(application, actor, reason="Avis de l'instructeur")


@transaction.atomic
def upload_document(application, *, actor, asked, file):
    """Upload (or replace) a document the call asks. The holder or the network on its behalf,
    while the application is a draft or completes a request; nothing is written on error, and
    a replaced file is removed once the new one is committed."""
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    _editable(application)
    asked = (asked or "").strip()
    if asked not in application.call.asked_documents():
        raise ValidationError({"asked": f"La pièce « {asked} » n'est pas demandée par l'appel."})
    check_file(file)
    document = application.documents.filter(asked=asked).first() or ApplicationDocument(
        application=application, asked=asked
    )
    old = document.file.name if document.pk else None
    document.file = file
    document.original_name = os.path.basename(file.name)[:255]
    document.size = file.size
    document.uploaded_by = actor
    history.save(document, actor, reason=f"Pièce déposée : {asked}")
    if old and old != document.file.name:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    return document

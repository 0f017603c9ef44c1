"""Writes of the liaison records: one transaction each, history with the acting user."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.core import history
from ouverture.core.wording import plural
from ouverture.liaison.enums import SCHEMES
from ouverture.liaison.models import FunderMeeting, OrganisationMet, PromotionEvent

MEETING_FIELDS = ("date", "participants", "subject", "note")
EVENT_FIELDS = ("date", "name", "kind", "place", "organiser", "organiser_name", "schemes", "note")
MET_FIELDS = ("year", "event", "organisation", "name", "schemes", "note")


def _schemes(codes):
    codes = list(dict.fromkeys(codes or []))
    unknown = [c for c in codes if c not in SCHEMES.values]
    if unknown:
        raise ValidationError({"schemes": f"Dispositif inconnu : {', '.join(unknown)}."})
    return codes


def _apply(obj, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"{plural('Champ inconnu', len(unknown))} : {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(obj, name, value)


# Meetings with the funder


@transaction.atomic
def record_meeting(*, actor, parties=(), **fields):
    meeting = FunderMeeting()
    _apply(meeting, fields, MEETING_FIELDS)
    history.save(meeting, actor)
    meeting.parties.set(parties)
    return meeting


@transaction.atomic
def update_meeting(meeting, *, actor, parties=None, **fields):
    meeting = FunderMeeting.objects.select_for_update().get(pk=meeting.pk)
    _apply(meeting, fields, MEETING_FIELDS)
    history.save(meeting, actor)
    if parties is not None:
        meeting.parties.set(parties)
    return meeting


@transaction.atomic
def delete_meeting(meeting, *, actor):
    history.delete(meeting, actor, reason=f"Rendez-vous supprimé : {meeting}")


# Promotion events


def _check_event(event):
    if not event.organiser_id and not event.organiser_name.strip():
        raise ValidationError(
            {"organiser": "Choisissez la structure organisatrice ou écrivez son nom."}
        )
    event.schemes = _schemes(event.schemes)


@transaction.atomic
def record_event(*, actor, **fields):
    event = PromotionEvent()
    _apply(event, fields, EVENT_FIELDS)
    _check_event(event)
    return history.save(event, actor)


@transaction.atomic
def update_event(event, *, actor, **fields):
    event = PromotionEvent.objects.select_for_update().get(pk=event.pk)
    _apply(event, fields, EVENT_FIELDS)
    _check_event(event)
    history.save(event, actor)
    # An organisation met at the event is met the year of the event.
    OrganisationMet.objects.filter(event=event).exclude(year=event.date.year).update(
        year=event.date.year
    )
    return event


@transaction.atomic
def delete_event(event, *, actor):
    history.delete(event, actor, reason=f"Événement supprimé : {event}")


# Organisations met


def _check_met(met):
    if not met.organisation_id and not met.name.strip():
        raise ValidationError({"organisation": "Choisissez la structure ou écrivez son nom."})
    if met.event_id:
        met.year = met.event.date.year
    if not met.year:
        raise ValidationError({"year": "Indiquez l'année de la rencontre."})
    met.schemes = _schemes(met.schemes)


@transaction.atomic
def record_organisation_met(*, actor, **fields):
    met = OrganisationMet()
    _apply(met, fields, MET_FIELDS)
    _check_met(met)
    return history.save(met, actor)


@transaction.atomic
def update_organisation_met(met, *, actor, **fields):
    met = OrganisationMet.objects.select_for_update().get(pk=met.pk)
    _apply(met, fields, MET_FIELDS)
    _check_met(met)
    return history.save(met, actor)


@transaction.atomic
def delete_organisation_met(met, *, actor):
    history.delete(met, actor, reason=f"Structure rencontrée retirée : {met}")

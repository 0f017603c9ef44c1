"""Deliverables recorded against a commitment (inside its period)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements.models import Deliverable
from ouverture.agreements.services._common import period_text
from ouverture.core import history

DELIVERABLE_FIELDS = {"date", "title", "description", "url"}


def _check(deliverable):
    c = deliverable.commitment
    if deliverable.date and not (c.period_start <= deliverable.date <= c.period_end):
        raise ValidationError(
            {
                "date": "Le livrable doit dater de la période de l'engagement "
                f"({period_text(c.period_start, c.period_end)})."
            }
        )


@transaction.atomic
def add_deliverable(commitment, *, actor, **fields):
    unknown = set(fields) - DELIVERABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    deliverable = Deliverable(commitment=commitment, **fields)
    _check(deliverable)
    return history.save(deliverable, actor)


@transaction.atomic
def update_deliverable(deliverable, *, actor, **changes):
    unknown = set(changes) - DELIVERABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    deliverable = (
        Deliverable.objects.select_for_update().select_related("commitment").get(pk=deliverable.pk)
    )
    for name, value in changes.items():
        setattr(deliverable, name, value)
    _check(deliverable)
    return history.save(deliverable, actor)


@transaction.atomic
def remove_deliverable(deliverable, *, actor):
    history.delete(deliverable, actor, reason=f"Livrable supprimé : {deliverable}")

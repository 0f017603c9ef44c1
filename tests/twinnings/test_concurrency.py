"""A conflict decided twice by two people at the same time: the second is refused in
French, naming who decided, and nothing is written twice (issue 11)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ouverture.twinnings.enums import AgreementStatus, ConflictDecision
from ouverture.twinnings.models import Agreement, Conflict, StatusChange
from ouverture.twinnings.services import decide_conflict, import_file
from tests.concurrency import race
from tests.twinnings.factories import make_agreement

ROW = (
    "Code INSEE;Commune;Ville partenaire;Pays;Statut\n"
    "62119;Béthune;Hastings;England;en sommeil depuis 2015\n"
)


def _decide(conflict_pk, user):
    def run():
        try:
            return decide_conflict(conflict_pk, actor=user, decision=ConflictDecision.REPLACE)
        except ValidationError as error:
            return error

    return run


@pytest.mark.django_db(transaction=True)
def test_a_conflict_decided_by_two_people_at_once_is_written_once(actor, staff, coordinator):
    agreement = make_agreement("62119", "Hastings", "GB", status=AgreementStatus.ACTIVE)
    result = import_file(ROW.encode(), "mise-a-jour.csv", actor=actor)
    assert not result.errors
    conflict = Conflict.objects.get(agreement=agreement)
    changes_before = StatusChange.objects.filter(agreement=agreement, applied=True).count()
    history_before = Agreement.history.filter(id=agreement.pk).count()
    first, second = _decide(conflict.pk, staff), _decide(conflict.pk, coordinator)
    if connection.vendor == "postgresql":
        # Two real connections: the second waits on the first's lock, then sees its decision.
        first, second = race(first, second)
    else:
        # SQLite has one writer at a time: the same two decisions, one after the other.
        first, second = first(), second()
    assert isinstance(first, Conflict) and first.decided_by == staff
    assert isinstance(second, ValidationError)
    message = " ".join(second.messages)
    assert f"déjà été décidé par {staff}" in message and "rechargez la page" in message
    saved = Conflict.objects.get(pk=conflict.pk)
    assert (saved.decision, saved.decided_by) == (ConflictDecision.REPLACE, staff)
    assert saved.history.count() == 2  # raised, decided once
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.DORMANT
    assert Agreement.history.filter(id=agreement.pk).count() == history_before + 1
    applied = StatusChange.objects.filter(agreement=agreement, applied=True).count()
    assert applied == changes_before + 1

"""A conflict decided twice by two people at the same time: the second is refused in
French, naming who decided, and nothing is written twice (issue 11)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ouverture.twinnings.enums import AgreementStatus, ConflictDecision
from ouverture.twinnings.models import Agreement, Conflict, ImportBatch, PartnerTown, StatusChange
from ouverture.twinnings.services import (
    decide_conflict,
    import_agreements,
    import_file,
    set_import_mapping,
    upload_import,
)
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


def _import(content, filename, user):
    def run():
        upload = upload_import(actor=user, content=content, filename=filename)
        set_import_mapping(upload, actor=user, mapping=upload.mapping)
        try:
            return import_agreements(upload, actor=user)
        except ValidationError as error:
            return error

    return run


FILE_A = (
    "Code INSEE;Commune;Ville partenaire;Pays;Statut\n62119;Béthune;Lützen;Allemagne;actif\n"
).encode()
FILE_B = (
    "Code INSEE;Commune;Ville partenaire;Pays;Statut\n62193;Calais;Lützen;Allemagne;actif\n"
).encode()


@pytest.mark.django_db(transaction=True)
def test_two_files_naming_the_same_new_town_at_once_make_one_town(staff, coordinator):
    """Each file alone would create the town: the second import waits for the first, then
    links its pair to the town the first created (no duplicate, no error page)."""
    first, second = _import(FILE_A, "a.csv", staff), _import(FILE_B, "b.csv", coordinator)
    if connection.vendor == "postgresql":
        first, second = race(first, second)
    else:
        first, second = first(), second()
    assert first.written and second.written, (first, second)
    towns = PartnerTown.objects.filter(name="Lützen")
    assert towns.count() == 1
    assert Agreement.objects.filter(partners__town=towns.get()).count() == 2


@pytest.mark.django_db(transaction=True)
def test_one_file_confirmed_twice_at_once_is_imported_once(staff, coordinator):
    batch = upload_import(actor=staff, content=FILE_A, filename="a.csv")
    set_import_mapping(batch, actor=staff, mapping=batch.mapping)

    def confirm(user):
        def run():
            try:
                return import_agreements(ImportBatch.objects.get(pk=batch.pk), actor=user)
            except ValidationError as error:
                return error

        return run

    first, second = confirm(staff), confirm(coordinator)
    if connection.vendor == "postgresql":
        first, second = race(first, second)
    else:
        first, second = first(), second()
    assert first.written
    assert isinstance(second, ValidationError)
    assert second.messages == ["Ce fichier a déjà été importé."]
    assert Agreement.objects.filter(partners__town__name="Lützen").count() == 1

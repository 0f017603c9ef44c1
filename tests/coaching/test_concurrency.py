"""Two requests on one follow-up at once: the advice cap holds under a conversion, and a
close is never undone by a save of an object read before it (findings 4 and 5, issue 9)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ouverture.accounts.services import system_user
from ouverture.coaching import services
from ouverture.coaching.enums import FollowUpKind, FollowUpStatus
from ouverture.coaching.models import FollowUp
from tests.coaching.factories import contact, follow_up_for
from tests.concurrency import postgresql_only, race


def _three_meetings():
    follow_up = follow_up_for()
    for day in (1, 2, 3):
        contact(follow_up, date=dt.date(2023, 3, day))
    return FollowUp.objects.get(pk=follow_up.pk)


@pytest.mark.django_db
def test_a_stale_object_does_not_reopen_a_closed_follow_up():
    """Sequential form of the lost update: read, another request closes, then save."""
    follow_up = follow_up_for()
    stale = FollowUp.objects.get(pk=follow_up.pk)  # the edit page was opened…
    services.close_follow_up(follow_up, actor=system_user(), closed_on=dt.date(2023, 6, 1))
    services.update_follow_up(stale, actor=system_user(), notes="Relancer en septembre")
    saved = FollowUp.objects.get(pk=follow_up.pk)
    assert saved.status == FollowUpStatus.CLOSED and saved.closed_on == dt.date(2023, 6, 1)
    assert saved.notes == "Relancer en septembre"


@pytest.mark.django_db
def test_a_stale_object_does_not_undo_a_conversion():
    follow_up = follow_up_for(kind=FollowUpKind.ADVICE)
    stale = FollowUp.objects.get(pk=follow_up.pk)
    services.convert_to_coaching(follow_up, actor=system_user())
    services.close_follow_up(stale, actor=system_user(), closed_on=dt.date(2023, 6, 1))
    saved = FollowUp.objects.get(pk=follow_up.pk)
    assert (saved.kind, saved.status) == (FollowUpKind.COACHING, FollowUpStatus.CLOSED)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_fourth_meeting_and_a_conversion_to_advice_at_once():
    follow_up = _three_meetings()
    first, second = race(
        lambda: contact(follow_up, date=dt.date(2023, 3, 4)),
        lambda: services.update_follow_up(
            FollowUp.objects.get(pk=follow_up.pk), actor=system_user(), kind=FollowUpKind.ADVICE
        ),
    )
    assert not isinstance(first, Exception)
    assert isinstance(second, ValidationError) and "au plus 3" in " ".join(second.messages)
    saved = FollowUp.objects.get(pk=follow_up.pk)
    assert (saved.kind, saved.meeting_count()) == (FollowUpKind.COACHING, 4)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_conversion_to_advice_then_a_fourth_meeting_at_once():
    follow_up = _three_meetings()
    first, second = race(
        lambda: services.update_follow_up(
            FollowUp.objects.get(pk=follow_up.pk), actor=system_user(), kind=FollowUpKind.ADVICE
        ),
        lambda: contact(follow_up, date=dt.date(2023, 3, 4)),
    )
    assert not isinstance(first, Exception)
    assert isinstance(second, services.AdviceMeetingCapReached)
    saved = FollowUp.objects.get(pk=follow_up.pk)
    assert (saved.kind, saved.meeting_count()) == (FollowUpKind.ADVICE, 3)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_close_and_an_edit_at_once_keep_the_close():
    follow_up = follow_up_for()
    stale = FollowUp.objects.get(pk=follow_up.pk)
    first, second = race(
        lambda: services.close_follow_up(
            follow_up, actor=system_user(), closed_on=dt.date(2023, 6, 1)
        ),
        lambda: services.update_follow_up(stale, actor=system_user(), notes="Relancer"),
    )
    assert not isinstance(first, Exception) and not isinstance(second, Exception)
    saved = FollowUp.objects.get(pk=follow_up.pk)
    assert (saved.status, saved.notes) == (FollowUpStatus.CLOSED, "Relancer")

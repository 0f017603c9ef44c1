"""The write operations: rules of the domain, history, nothing written on bad input."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ouverture.coaching import services
from ouverture.coaching.models import FollowUp, Interaction
from tests.coaching.factories import advice_for, contact, follow_up_for
from tests.organisations.factories import OrganisationFactory


def test_open_follow_up_takes_the_organisation_types_by_default(db, actor):
    organisation = OrganisationFactory(project_types=("cooperation", "twinning"))
    follow_up = services.open_follow_up(organisation, actor=actor, opened_on=dt.date(2023, 1, 2))
    assert set(follow_up.project_types.values_list("code", flat=True)) == {
        "cooperation",
        "twinning",
    }
    assert follow_up.history.first().history_user == actor


def test_open_follow_up_refuses_unknown_types_topics_and_future(db, actor):
    organisation = OrganisationFactory()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for kwargs, field in [
        ({"project_types": ["fax"]}, "project_types"),
        ({"topics": ["weather"]}, "topics"),
        ({"opened_on": tomorrow}, "opened_on"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.open_follow_up(organisation, actor=actor, **kwargs)
        assert field in error.value.message_dict
    assert not FollowUp.objects.exists()


def test_fourth_advice_meeting_is_refused_with_the_reason(db):
    advice = advice_for()
    for day in (1, 2, 3):
        contact(advice, date=dt.date(2023, 3, day))
    contact(advice, channel="email")  # e-mails are not meetings: still accepted
    with pytest.raises(services.AdviceMeetingCapReached) as error:
        contact(advice, date=dt.date(2023, 3, 4), channel="video")
    message = " ".join(error.value.messages)
    assert "au plus 3 rendez-vous" in message
    assert "transformez cet appui-conseil en accompagnement" in message
    assert advice.interactions.count() == 4


def test_convert_and_log_keeps_both_or_neither(db, actor):
    advice = advice_for()
    for day in (1, 2, 3):
        contact(advice, date=dt.date(2023, 3, day))
    services.convert_and_log_interaction(
        advice, actor=actor, date=dt.date(2023, 3, 4), channel="in_person", duration_minutes=90
    )
    advice.refresh_from_db()
    assert advice.kind == "coaching"
    assert advice.meeting_count() == 4

    other = advice_for()
    with pytest.raises(ValidationError):
        services.convert_and_log_interaction(
            other, actor=actor, date=dt.date(2023, 3, 4), channel="fax"
        )
    other.refresh_from_db()
    assert other.kind == "advice"


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"channel": "fax"}, "Canal « fax » inconnu"),
        ({"date": dt.date.today() + dt.timedelta(days=2)}, "dans le futur"),
        ({"duration_minutes": None}, "Indiquez la durée"),
        ({"duration_minutes": 25 * 60 + 30}, "dépasse une journée"),
        ({"duration_minutes": 0}, "positive"),
    ],
)
def test_log_interaction_refuses_bad_input(db, actor, kwargs, message):
    follow_up = follow_up_for()
    data = {"date": dt.date(2023, 3, 1), "channel": "phone", "duration_minutes": 60, **kwargs}
    with pytest.raises(ValidationError) as error:
        services.log_interaction(follow_up, actor=actor, **data)
    assert message in " ".join(error.value.messages)
    assert not Interaction.objects.exists()


def test_closed_follow_up_refuses_contacts_until_reopened(db, actor):
    follow_up = follow_up_for()
    services.close_follow_up(follow_up, actor=actor, closed_on=dt.date(2023, 6, 1))
    with pytest.raises(ValidationError, match="rouvrez-le"):
        contact(follow_up)
    services.reopen_follow_up(follow_up, actor=actor)
    contact(follow_up)
    assert follow_up.interactions.count() == 1


def test_close_refuses_a_date_before_the_opening(db, actor):
    follow_up = follow_up_for(opened_on=dt.date(2023, 5, 1))
    with pytest.raises(ValidationError) as error:
        services.close_follow_up(follow_up, actor=actor, closed_on=dt.date(2023, 4, 1))
    assert "ne peut pas être clos avant" in error.value.message_dict["closed_on"][0]
    follow_up.refresh_from_db()
    assert follow_up.status == "open"


def test_update_refuses_turning_a_long_coaching_into_advice(db, actor):
    follow_up = follow_up_for()
    for day in (1, 2, 3, 4):
        contact(follow_up, date=dt.date(2023, 3, day))
    with pytest.raises(ValidationError) as error:
        services.update_follow_up(follow_up, actor=actor, kind="advice")
    assert "4 rendez-vous" in error.value.message_dict["kind"][0]
    follow_up.refresh_from_db()
    assert follow_up.kind == "coaching"


def test_update_records_who_changed_what(db, staff):
    follow_up = follow_up_for()
    services.update_follow_up(
        follow_up, actor=staff, target_scheme="62mei", target_year=2024, topics=["partners"]
    )
    record = follow_up.history.first()
    assert record.history_user == staff
    assert record.target_scheme == "62mei"


def test_document_review_is_recorded_apart(db, actor):
    follow_up = follow_up_for()
    review = services.record_document_review(
        actor=actor, follow_up=follow_up, date=dt.date(2023, 3, 1), duration_minutes=180
    )
    assert review.duration_minutes == 180
    assert not follow_up.interactions.exists()

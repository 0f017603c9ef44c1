"""Correcting a logged contact or review entry: the rules of logging, history, nothing written on refusal."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ouverture.coaching import corrections, services
from ouverture.coaching.models import DocumentReview, Interaction
from ouverture.coaching.recap import CoachingRecap
from tests.coaching.factories import advice_for, contact, follow_up_for


def _review(follow_up, actor, minutes=180):
    return services.record_document_review(
        actor=actor, follow_up=follow_up, date=dt.date(2023, 3, 1), duration_minutes=minutes
    )


def test_update_interaction_changes_the_contact_and_records_who(db, staff, coordinator):
    follow_up = follow_up_for()
    interaction = contact(follow_up, minutes=60)
    services.update_interaction(
        interaction,
        actor=coordinator,
        date=dt.date(2023, 3, 2),
        channel="video",
        duration_minutes=90,
        topics=["co_funding", "partners"],
        note="Budget revu",
        staff=staff,
    )
    interaction.refresh_from_db()
    assert (interaction.date, interaction.channel, interaction.duration_minutes) == (
        dt.date(2023, 3, 2),
        "video",
        90,
    )
    assert interaction.topics == ["partners", "co_funding"]  # the reference order
    assert (interaction.note, interaction.staff) == ("Budget revu", staff)
    assert interaction.history.first().history_user == coordinator
    assert CoachingRecap.for_year(2023).build().minutes == 90


def test_update_interaction_keeps_what_it_is_not_given(db, actor):
    interaction = contact(follow_up_for(), minutes=60, note="Premier appel")
    returned = services.update_interaction(interaction, actor=actor, duration_minutes=45)
    assert returned is interaction
    assert (interaction.duration_minutes, interaction.channel, interaction.note) == (
        45,
        "phone",
        "Premier appel",
    )
    with pytest.raises(ValueError, match="follow_up"):
        services.update_interaction(interaction, actor=actor, follow_up=None)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"channel": "fax"}, "Canal « fax » inconnu"),
        ({"date": dt.date.today() + dt.timedelta(days=2)}, "dans le futur"),
        ({"duration_minutes": None}, "Indiquez la durée"),
        ({"duration_minutes": 25 * 60 + 30}, "dépasse une journée"),
        ({"duration_minutes": 0}, "positive"),
        ({"topics": ["weather"]}, "Sujet inconnu : weather"),
        ({"channel": "email", "duration_minutes": 0}, "positive"),
    ],
)
def test_update_interaction_refuses_bad_input_and_writes_nothing(db, actor, changes, message):
    interaction = contact(follow_up_for(), minutes=60)
    records = interaction.history.count()
    with pytest.raises(ValidationError) as error:
        services.update_interaction(interaction, actor=actor, **changes)
    assert message in " ".join(error.value.messages)
    interaction.refresh_from_db()
    assert (interaction.channel, interaction.duration_minutes) == ("phone", 60)
    assert interaction.history.count() == records


def test_a_meeting_may_become_an_email_without_duration(db, actor):
    interaction = contact(follow_up_for(), minutes=60)
    services.update_interaction(interaction, actor=actor, channel="email", duration_minutes=None)
    assert (interaction.channel, interaction.duration_minutes, interaction.is_session) == (
        "email",
        None,
        False,
    )


def test_an_email_that_becomes_a_fourth_advice_meeting_is_refused(db, actor):
    advice = advice_for()
    for day in (1, 2, 3):
        contact(advice, date=dt.date(2023, 3, day))
    email = contact(advice, date=dt.date(2023, 3, 4), channel="email")
    with pytest.raises(services.AdviceMeetingCapReached) as error:
        services.update_interaction(email, actor=actor, channel="phone", duration_minutes=30)
    message = " ".join(error.value.messages)
    assert "au plus 3 rendez-vous" in message
    assert "transformez cet appui-conseil en accompagnement" in message
    email.refresh_from_db()
    assert email.channel == "email"
    # A meeting that stays a meeting is not counted twice; below the cap, an e-mail may become one.
    meeting = advice.interactions.meetings().first()
    services.update_interaction(meeting, actor=actor, channel="in_person", duration_minutes=120)
    services.update_interaction(meeting, actor=actor, channel="email", duration_minutes=None)
    services.update_interaction(email, actor=actor, channel="video", duration_minutes=30)
    assert advice.meeting_count() == 3


def test_a_closed_follow_up_keeps_its_contacts_until_reopened(db, actor):
    follow_up = follow_up_for()
    interaction = contact(follow_up)
    services.close_follow_up(follow_up, actor=actor, closed_on=dt.date(2023, 6, 1))
    with pytest.raises(ValidationError, match="rouvrez-le pour corriger ses contacts"):
        services.update_interaction(interaction, actor=actor, duration_minutes=30)
    with pytest.raises(ValidationError, match="rouvrez-le pour supprimer un de ses contacts"):
        services.delete_interaction(interaction, actor=actor)
    interaction.refresh_from_db()
    assert interaction.duration_minutes == 60
    services.reopen_follow_up(follow_up, actor=actor)
    services.update_interaction(interaction, actor=actor, duration_minutes=30)
    assert interaction.duration_minutes == 30


def test_delete_interaction_keeps_the_deletion_and_its_author(db, staff):
    follow_up = follow_up_for()
    interaction = contact(follow_up, minutes=90)
    pk = interaction.pk
    services.delete_interaction(interaction, actor=staff)
    assert not Interaction.objects.filter(pk=pk).exists()
    record = Interaction.history.filter(id=pk).latest("history_date")
    assert (record.history_type, record.history_user) == ("-", staff)
    assert record.history_change_reason == "Contact supprimé : Téléphone du 1er mars 2023, 1h30"
    assert CoachingRecap.for_year(2023).build().organisations == 0


def test_review_entries_are_corrected_and_deleted_with_the_same_rules(db, actor, staff):
    follow_up = follow_up_for()
    review = _review(follow_up, actor)
    services.update_document_review(review, actor=staff, duration_minutes=150, note="Relu")
    assert (review.duration_minutes, review.note) == (150, "Relu")
    assert review.history.first().history_user == staff
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for changes, message in [
        ({"date": tomorrow}, "dans le futur"),
        ({"duration_minutes": None}, "Indiquez la durée"),
        ({"duration_minutes": 0}, "positive"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.update_document_review(review, actor=staff, **changes)
    review.refresh_from_db()
    assert review.duration_minutes == 150
    with pytest.raises(ValueError):
        services.update_document_review(review, actor=staff, follow_up=None)
    assert CoachingRecap.for_year(2023).build().review_minutes == 150
    services.delete_document_review(review, actor=staff)
    assert not DocumentReview.objects.exists()
    assert CoachingRecap.for_year(2023).build().review_minutes == 0


def test_the_follow_up_history_lists_corrections_and_deletions(db, actor, staff):
    follow_up = follow_up_for()
    kept = contact(follow_up, minutes=60)
    removed = contact(follow_up, date=dt.date(2023, 3, 2), channel="video", minutes=30)
    untouched = contact(follow_up, date=dt.date(2023, 3, 3))
    review = _review(follow_up, actor)
    services.update_interaction(kept, actor=staff, duration_minutes=75, topics=["partners"])
    services.delete_interaction(removed, actor=staff)
    services.delete_document_review(review, actor=staff)
    entries = corrections.entries(follow_up)
    assert [(e["kind"], e["user"], e["reason"]) for e in entries] == [
        ("Suppression", staff, "Relecture supprimée : Relecture du 1er mars 2023, 3h"),
        ("Suppression", staff, "Contact supprimé : Visio du 2 mars 2023, 30 min"),
        ("Modification", staff, "Contact : Téléphone du 1er mars 2023"),
    ]
    changes = {c["field"]: (c["old"], c["new"]) for c in entries[-1]["changes"]}
    assert changes == {"durée (minutes)": (60, 75), "sujets": ("—", "Recherche de partenaires")}
    assert str(untouched) not in " ".join(e["reason"] for e in entries)
    other = follow_up_for()
    assert corrections.entries(other) == []

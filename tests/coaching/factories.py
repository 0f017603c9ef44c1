"""Follow-ups and contacts, created through the services as a person would."""

import datetime as dt

from ouverture.accounts.services import system_user
from ouverture.coaching import services
from ouverture.coaching.enums import FollowUpKind
from tests.organisations.factories import OrganisationFactory


def follow_up_for(organisation=None, *, kind=FollowUpKind.COACHING, actor=None, **fields):
    organisation = organisation or OrganisationFactory()
    fields.setdefault("opened_on", dt.date(2023, 1, 2))
    return services.open_follow_up(organisation, actor=actor or system_user(), kind=kind, **fields)


def advice_for(organisation=None, **fields):
    return follow_up_for(organisation, kind=FollowUpKind.ADVICE, **fields)


def contact(follow_up, *, date=dt.date(2023, 3, 1), channel="phone", minutes=60, actor=None, **f):
    if channel == "email" and minutes == 60:
        minutes = None
    return services.log_interaction(
        follow_up,
        actor=actor or system_user(),
        date=date,
        channel=channel,
        duration_minutes=minutes,
        **f,
    )

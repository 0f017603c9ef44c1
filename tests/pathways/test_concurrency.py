"""A PAM holder's seat in a cohort-only session is taken once, even by two requests at once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ouverture.accounts.services import system_user
from ouverture.events import services as events
from ouverture.events.models import Registration
from ouverture.pathways import services
from ouverture.pathways.eligibility import seat_token
from tests.concurrency import postgresql_only, race
from tests.organisations.factories import OrganisationFactory
from tests.pathways.factories import apply, catalogue, make_cohort, score_both


def _register(workshop, link, n):
    return events.register(
        workshop, actor=None, full_name=f"Membre {n}", email=f"m{n}@example.org", consent=True,
        personal_link=link,
    )  # fmt: skip


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_one_seat_per_admitted_holder_when_two_members_register_at_once(staff, funder_officer):
    cohort = make_cohort(capacity=2)
    candidate = apply(cohort, OrganisationFactory(name="Association Une").name)
    services.close_intake(cohort, actor=staff)
    score_both(candidate, staff, funder_officer)
    services.admit(candidate, actor=staff)
    module = next(m for m in catalogue() if m.is_cohort_only)
    session = services.schedule_module(
        cohort, module, actor=system_user(), date=cohort.start_date + dt.timedelta(days=30)
    )
    link = seat_token(candidate)
    first, second = race(
        lambda: _register(session.workshop, link, 1), lambda: _register(session.workshop, link, 2)
    )
    assert isinstance(first, Registration)
    assert isinstance(second, ValidationError) and "une place par porteur admis" in str(second)
    assert Registration.objects.filter(workshop=session.workshop).count() == 1

"""The last seat of a workshop goes to one person when two register at once."""

import pytest

from ouverture.events import services
from ouverture.events.models import Registration
from tests.concurrency import postgresql_only, race
from tests.events.factories import make_workshop


def _register(workshop, n):
    return services.register(
        workshop, actor=None, full_name=f"Personne {n}", email=f"p{n}@example.org", consent=True,
        ateliers=[workshop.ateliers.first()],
    )  # fmt: skip


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_people_for_the_last_seat():
    workshop = make_workshop(capacity=2)
    _register(workshop, 0)
    first, second = race(lambda: _register(workshop, 1), lambda: _register(workshop, 2))
    assert isinstance(first, Registration)
    assert isinstance(second, services.SeatUnavailable)
    assert workshop.registrations.holding_seat().count() == 2

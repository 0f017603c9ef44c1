"""Schemes, calls and applications built through the real services."""

import datetime as dt
import itertools

from ouverture.calls import services
from ouverture.calls.models import Funder, Scheme
from ouverture.geo.models import Departement
from tests.organisations.factories import OrganisationFactory

_counter = itertools.count(1)


def make_funder():
    organisation = OrganisationFactory(name=f"Département financeur {next(_counter)}")
    return services.create_funder(
        organisation, actor=None, territory=Departement.objects.filter(code="62")
    )


def make_scheme(*, code=None, funder=None, name=None, acronym=""):
    code = code or f"scheme{next(_counter)}"
    existing = Scheme.objects.filter(code=code).first()
    if existing:
        return existing
    return services.create_scheme(
        actor=None,
        funder=funder or Funder.objects.first() or make_funder(),
        code=code,
        name=name or f"Dispositif {code}",
        acronym=acronym,
    )


def make_call(
    *,
    scheme=None,
    year=2025,
    opens_on=dt.date(2025, 1, 15),
    closes_on=dt.date(2025, 4, 30),
    envelope="50000",
    **rules,
):
    return services.create_call(
        actor=None,
        scheme=scheme or make_scheme(code="62mei", acronym="62MEI"),
        year=year,
        opens_on=opens_on,
        closes_on=closes_on,
        envelope=envelope,
        **rules,
    )

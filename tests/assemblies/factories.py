"""Bodies, members and sittings built through the real services."""

import datetime as dt
import itertools

from ouverture.assemblies import services
from ouverture.assemblies.enums import BodyKind, Presence
from ouverture.assemblies.models import Body, Mandate, Member, PoliticalGroup
from ouverture.calls import services as calls
from ouverture.geo.models import Departement
from tests.organisations.factories import OrganisationFactory

_counter = itertools.count(1)


def make_funder():
    organisation = OrganisationFactory(name=f"Département {next(_counter)}")
    return calls.create_funder(
        organisation, actor=None, territory=Departement.objects.filter(code="62")
    )


def make_body(funder=None, *, kind=BodyKind.STANDING, represented=True, name=None):
    funder = funder or make_funder()
    return Body.objects.create(
        funder=funder,
        name=name or f"Commission {next(_counter)}",
        kind=kind,
        quorum_counts_represented=represented,
    )


def make_members(body, groups, *, since=dt.date(2021, 7, 1), deliberative=True):
    """groups: {"Groupe A": 3, …} → {group name: [members]}; each with a mandate in body."""
    out = {}
    for position, (name, count) in enumerate(groups.items()):
        group, _ = PoliticalGroup.objects.get_or_create(
            funder=body.funder, name=name, defaults={"position": position}
        )
        out[name] = []
        for _ in range(count):
            n = next(_counter)
            member = Member.objects.create(
                civility="Mme", first_name="Élue", last_name=f"N{n}", group=group
            )
            Mandate.objects.create(
                member=member, body=body, starts_on=since, deliberative=deliberative
            )
            out[name].append(member)
    return out


def make_sitting(actor, body, members, *, present, date=dt.date(2024, 10, 14)):
    """members: a flat list; the first `present` are present, the others excused."""
    sitting = services.create_sitting(actor=actor, body=body, date=date, president=members[0])
    for i, member in enumerate(members):
        status = Presence.PRESENT if i < present else Presence.EXCUSED
        services.record_attendance(sitting, member, status, actor=actor)
    return sitting

"""Reads of a sitting: who is present, represented, in office; the quorum; an item's totals.

The rules are the body's settings (models.Body); each check that fails names its rule."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from ouverture.assemblies.enums import Presence
from ouverture.assemblies.models import Attendance, GroupVote, Mandate, Proxy


def in_office(sitting):
    """Members holding a deliberative mandate in the body on the sitting's date."""
    return (
        Mandate.objects.filter(body=sitting.body, deliberative=True, starts_on__lte=sitting.date)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=sitting.date))
        .values_list("member_id", flat=True)
    )


@dataclass
class Presences:
    present: list
    excused: list
    absent: list
    present_without_vote: list
    excused_without_vote: list
    proxies: list  # (giver, holder)

    @property
    def represented(self):
        return [giver for giver, _ in self.proxies]


def presences(sitting):
    rows = Attendance.objects.filter(sitting=sitting).select_related("member__group").order_by("pk")
    lists = {key: [] for key in ("present", "excused", "absent", "pwv", "ewv")}
    for row in rows:
        if row.deliberative:
            lists[row.status].append(row.member)
        elif row.status == Presence.PRESENT:
            lists["pwv"].append(row.member)
        else:
            lists["ewv"].append(row.member)
    proxies = [
        (p.giver, p.holder)
        for p in Proxy.objects.filter(sitting=sitting)
        .select_related("giver__group", "holder")
        .order_by("pk")
    ]
    return Presences(
        lists["present"], lists["excused"], lists["absent"], lists["pwv"], lists["ewv"], proxies
    )


@dataclass
class Quorum:
    reached: bool
    needed: int
    counted: int
    members_in_office: int
    rule: str


def quorum(sitting, people=None):
    people = people or presences(sitting)
    office = len(set(in_office(sitting)))
    needed = office // 2 + 1
    body = sitting.body
    counted = len(people.present)
    if body.quorum_counts_represented:
        counted += len(people.represented)
        rule = (
            f"{body} délibère lorsque la majorité absolue de ses {office} membres en exercice "
            f"est présente ou représentée ({needed} au moins)"
        )
    else:
        rule = (
            f"{body} délibère lorsque la majorité absolue de ses {office} membres en exercice "
            f"est présente ({needed} au moins, les pouvoirs ne comptent pas)"
        )
    return Quorum(counted >= needed, needed, counted, office, rule)


def voters_by_group(sitting, people=None):
    """group id → number of voices (members present with a deliberative voice, and the givers
    of proxies, each counted in their own group)."""
    people = people or presences(sitting)
    counts = {}
    for member in [*people.present, *people.represented]:
        counts[member.group_id] = counts.get(member.group_id, 0) + 1
    return counts


@dataclass
class Totals:
    for_count: int
    against: int
    abstention: int
    not_taking_part: int

    @property
    def cast(self):
        """Votes cast: abstentions and non-participation are not votes cast."""
        return self.for_count + self.against

    @property
    def voices(self):
        return self.for_count + self.against + self.abstention + self.not_taking_part


def totals(item):
    sums = GroupVote.objects.filter(item=item).aggregate(
        f=Sum("for_count"), a=Sum("against"), b=Sum("abstention"), n=Sum("not_taking_part")
    )
    return Totals(sums["f"] or 0, sums["a"] or 0, sums["b"] or 0, sums["n"] or 0)

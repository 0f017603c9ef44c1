"""Reads of a sitting: who is present, represented, in office; the quorum; an item's totals.

The rules are the body's settings (models.Body); each check that fails names its rule."""

from dataclasses import dataclass, field

from django.db.models import Q, Sum

from ouverture.assemblies.enums import ItemPresence, Presence
from ouverture.assemblies.models import Attendance, GroupVote, ItemAttendance, Mandate, Proxy


def in_office(sitting):
    """Members holding a deliberative mandate in the body on the sitting's date."""
    return (
        Mandate.objects.filter(body=sitting.body, deliberative=True, starts_on__lte=sitting.date)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=sitting.date))
        .values_list("member_id", flat=True)
    )


@dataclass
class Presences:
    """Who is where, for the sitting or for one of its items. On an item, `left` are the
    members present at the sitting who left before it (out of every other list),
    `not_taking_part` those present who do not take part in its vote (still present), and
    `lapsed` the proxies whose holder left (their giver is not represented on the item)."""

    present: list
    excused: list
    absent: list
    present_without_vote: list
    excused_without_vote: list
    proxies: list  # (giver, holder)
    left: list = field(default_factory=list)
    not_taking_part: list = field(default_factory=list)
    lapsed: list = field(default_factory=list)  # (giver, holder)

    @property
    def represented(self):
        return [giver for giver, _ in self.proxies]

    @property
    def voices(self):
        """Members present with a deliberative voice, plus those represented."""
        return len(self.present) + len(self.represented)


def _sitting_rows(sitting):
    rows = list(
        Attendance.objects.filter(sitting=sitting).select_related("member__group").order_by("pk")
    )
    proxies = [
        (p.giver, p.holder)
        for p in Proxy.objects.filter(sitting=sitting)
        .select_related("giver__group", "holder__group")
        .order_by("pk")
    ]
    return rows, proxies


def _build(rows, proxies, overrides=None):
    """overrides: {member id: ItemPresence} for one item."""
    overrides = overrides or {}
    lists = {key: [] for key in ("present", "excused", "absent", "pwv", "ewv", "left", "ntp")}
    for row in rows:
        status = overrides.get(row.member_id)
        if row.status == Presence.PRESENT and status == ItemPresence.LEFT:
            lists["left"].append(row.member)
            continue
        if row.status == Presence.PRESENT and status == ItemPresence.NOT_TAKING_PART:
            lists["ntp"].append(row.member)
        if row.deliberative:
            lists[row.status].append(row.member)
        elif row.status == Presence.PRESENT:
            lists["pwv"].append(row.member)
        else:
            lists["ewv"].append(row.member)
    gone = {m.pk for m in lists["left"]}
    kept = [(g, h) for g, h in proxies if h.pk not in gone]
    lapsed = [(g, h) for g, h in proxies if h.pk in gone]
    return Presences(
        lists["present"], lists["excused"], lists["absent"], lists["pwv"], lists["ewv"], kept,
        lists["left"], lists["ntp"], lapsed,
    )  # fmt: skip


def presences(sitting, item=None):
    """The sitting's presence, or one item's when `item` is given (its ItemAttendance rows
    applied)."""
    rows, proxies = _sitting_rows(sitting)
    overrides = None
    if item is not None:
        overrides = dict(
            ItemAttendance.objects.filter(item=item).values_list("member_id", "status")
        )
    return _build(rows, proxies, overrides)


def item_presences(sitting, items):
    """{item id: Presences} for all the items of a sitting, in three queries."""
    rows, proxies = _sitting_rows(sitting)
    overrides = {}
    for item_id, member_id, status in ItemAttendance.objects.filter(item__in=items).values_list(
        "item_id", "member_id", "status"
    ):
        overrides.setdefault(item_id, {})[member_id] = status
    return {item.pk: _build(rows, proxies, overrides.get(item.pk)) for item in items}


@dataclass
class Quorum:
    reached: bool
    needed: int
    counted: int
    members_in_office: int
    rule: str


def quorum(sitting, people=None, *, office=None):
    """On the sitting, or on an item when `people` is that item's presence. `office`: the
    number of members in office, when the caller already counted them."""
    people = people or presences(sitting)
    office = len(set(in_office(sitting))) if office is None else office
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

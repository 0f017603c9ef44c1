"""Writes on bodies, sittings, attendance, proxies, opinions and votes. Each refuses what the
body's CGCT settings forbid, naming the rule, and writes nothing then."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.assemblies import votes
from ouverture.assemblies.enums import Choice, Presence, Result
from ouverture.assemblies.models import (
    AgendaItem,
    Attendance,
    GroupVote,
    Interest,
    Mandate,
    MemberVote,
    Opinion,
    Proxy,
    Sitting,
)
from ouverture.core import history


@transaction.atomic
def create_sitting(*, actor, body, date, president=None, secretary=None, place=""):
    sitting = Sitting(body=body, date=date, president=president, secretary=secretary, place=place)
    return history.save(sitting, actor)


def _mandate(sitting, member):
    return (
        Mandate.objects.filter(member=member, body=sitting.body, starts_on__lte=sitting.date)
        .exclude(ends_on__lt=sitting.date)
        .first()
    )


@transaction.atomic
def record_attendance(sitting, member, status, *, actor):
    """Present / excused / absent; the voice (deliberative or not) comes from the mandate."""
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    if status not in Presence.values:
        raise ValidationError({"status": f"Présence « {status} » inconnue."})
    mandate = _mandate(sitting, member)
    if status == Presence.PRESENT and Proxy.objects.filter(sitting=sitting, giver=member).exists():
        raise ValidationError(
            f"{member} a donné pouvoir pour cette séance : le mandant d'un pouvoir n'est pas présent."
        )
    row, _ = Attendance.objects.update_or_create(
        sitting=sitting,
        member=member,
        defaults={"status": status, "deliberative": bool(mandate and mandate.deliberative)},
    )
    return row


@transaction.atomic
def give_proxy(sitting, giver, holder, *, actor, note=""):
    """CGCT L.3121-14: a member may hold one proxy only (the body's setting); the giver is
    not present; the holder is present with a deliberative voice."""
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    giver_row = Attendance.objects.filter(sitting=sitting, member=giver).first()
    holder_row = Attendance.objects.filter(sitting=sitting, member=holder).first()
    if giver == holder:
        raise ValidationError("Un élu ne se donne pas pouvoir à lui-même.")
    if giver_row and giver_row.status == Presence.PRESENT:
        raise ValidationError(
            f"{giver} est marqué présent : le mandant d'un pouvoir n'est pas présent."
        )
    if holder_row is None or holder_row.status != Presence.PRESENT or not holder_row.deliberative:
        raise ValidationError(
            f"{holder} n'est pas présent avec voix délibérative : il ne peut pas recevoir de pouvoir."
        )
    if Proxy.objects.filter(sitting=sitting, giver=giver).exists():
        raise ValidationError(f"{giver} a déjà donné pouvoir pour cette séance.")
    held = Proxy.objects.filter(sitting=sitting, holder=holder).count()
    if held >= sitting.body.proxies_per_holder:
        raise ValidationError(
            f"{holder} détient déjà {held} pouvoir : un élu ne peut détenir que "
            f"{sitting.body.proxies_per_holder} pouvoir (CGCT)."
        )
    if giver_row is None or giver_row.status != Presence.EXCUSED:
        record_attendance(sitting, giver, Presence.EXCUSED, actor=actor)
    return Proxy.objects.create(sitting=sitting, giver=giver, holder=holder, note=note)


@transaction.atomic
def add_item(sitting, *, actor, title, **fields):
    applications = fields.pop("applications", ())
    item = AgendaItem(sitting=sitting, title=title, **fields)
    history.save(item, actor)
    item.applications.set(applications)
    return item


@transaction.atomic
def give_opinion(item, *, actor, body, date, verdict):
    if body.kind != "thematic":
        raise ValidationError("Seule une commission thématique rend un avis sur un rapport.")
    if date > item.sitting.date:
        raise ValidationError("L'avis de la commission précède la séance qui vote.")
    opinion, _ = Opinion.objects.update_or_create(
        item=item, body=body, defaults={"date": date, "verdict": verdict}
    )
    return opinion


@transaction.atomic
def declare_interest(item, member, *, actor):
    return Interest.objects.get_or_create(item=item, member=member)[0]


def _check_counts(name, counts):
    values = {}
    for key in ("for", "against", "abstention", "not_taking_part"):
        value = counts.get(key, 0)
        if not isinstance(value, int) or value < 0:
            raise ValidationError(f"{name} : le nombre « {key} » doit être un entier positif.")
        values[key] = value
    return values


@transaction.atomic
def record_vote(item, *, actor, groups, members=None):
    """Record an item's vote by group (`groups`: {group: {"for": n, "against": n,
    "abstention": n, "not_taking_part": n}}) and by member where named (`members`:
    {member: Choice}); compute the result. Refused, naming the rule, without quorum, when a
    group's voices exceed its members present and represented or the totals differ from
    them, when a member with an interest takes part, or on a tie without the president's vote.
    """
    item = AgendaItem.objects.select_for_update().select_related("sitting__body").get(pk=item.pk)
    sitting = item.sitting
    members = members or {}
    people = votes.presences(sitting)
    quorum = votes.quorum(sitting, people)
    if not quorum.reached:
        raise ValidationError(
            f"Quorum non atteint ({quorum.counted} sur {quorum.needed} requis) : {quorum.rule}."
        )
    available = votes.voters_by_group(sitting, people)
    rows = []
    for group, counts in groups.items():
        values = _check_counts(str(group), counts)
        voices = sum(values.values())
        if voices > available.get(group.pk, 0):
            raise ValidationError(
                f"{group} : {voices} voix déclarées pour {available.get(group.pk, 0)} membres "
                "présents ou représentés."
            )
        rows.append((group, values))
    total = sum(sum(v.values()) for _, v in rows)
    expected = len(people.present) + len(people.represented)
    if total != expected:
        raise ValidationError(
            f"Le vote compte {total} voix pour {expected} membres présents ou représentés : "
            "chaque voix doit être comptée une fois."
        )
    interested = set(Interest.objects.filter(item=item).values_list("member_id", flat=True))
    for member, choice in members.items():
        if choice not in Choice.values:
            raise ValidationError(f"Vote « {choice} » inconnu.")
        if member.pk in interested and choice != Choice.NOT_TAKING_PART:
            raise ValidationError(
                f"{member} a un intérêt à l'affaire : il ne prend pas part au vote (CGCT L.3211-4-1)."
            )
    for member_id in interested:
        group_id = next(
            (m.group_id for m in [*people.present, *people.represented] if m.pk == member_id),
            None,
        )
        counted = sum(v["not_taking_part"] for g, v in rows if g.pk == group_id)
        if counted < 1:
            raise ValidationError(
                "Un élu intéressé à l'affaire ne prend pas part au vote : son groupe doit le "
                "compter parmi ceux qui ne prennent pas part."
            )
    for_count = sum(v["for"] for _, v in rows)
    against = sum(v["against"] for _, v in rows)
    if for_count > against:
        result = Result.ADOPTED
    elif for_count < against:
        result = Result.REJECTED
    else:
        president_vote = members.get(sitting.president) if sitting.president else None
        if not sitting.body.president_casting_vote or president_vote not in (
            Choice.FOR,
            Choice.AGAINST,
        ):
            raise ValidationError(
                "Partage des voix : la voix du président est prépondérante, indiquez son vote."
            )
        result = Result.ADOPTED if president_vote == Choice.FOR else Result.REJECTED
    GroupVote.objects.filter(item=item).delete()
    MemberVote.objects.filter(item=item).delete()
    GroupVote.objects.bulk_create(
        GroupVote(
            item=item,
            group=group,
            for_count=v["for"],
            against=v["against"],
            abstention=v["abstention"],
            not_taking_part=v["not_taking_part"],
        )
        for group, v in rows
    )
    MemberVote.objects.bulk_create(
        MemberVote(item=item, member=member, choice=choice) for member, choice in members.items()
    )
    item.result = result
    history.save(item, actor, reason=f"Vote : {Result(result).label}", update_fields=["result"])
    return item

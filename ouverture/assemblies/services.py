"""Writes on bodies, sittings, attendance, proxies, opinions and votes. Each refuses what the
body's CGCT settings forbid, naming the rule, and writes nothing then."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.assemblies import votes
from ouverture.assemblies.enums import Choice, ItemPresence, Presence, Result
from ouverture.assemblies.models import (
    AgendaItem,
    Attendance,
    GroupVote,
    Interest,
    ItemAttendance,
    Mandate,
    MemberVote,
    Opinion,
    Proxy,
    Sitting,
)
from ouverture.core import history
from ouverture.core.formats import format_date

SITTING_FIELDS = ("body", "date", "place", "president", "secretary")


def _check_officers(body, date, president, secretary):
    errors = {}
    for key, member in (("president", president), ("secretary", secretary)):
        if member is not None and _mandate_on(body, date, member) is None:
            errors[key] = f"{member} n'a pas de mandat dans {body} au {format_date(date)}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_sitting(*, actor, body, date, president=None, secretary=None, place=""):
    _check_officers(body, date, president, secretary)
    sitting = Sitting(body=body, date=date, president=president, secretary=secretary, place=place)
    return history.save(sitting, actor)


@transaction.atomic
def update_sitting(sitting, *, actor, **fields):
    """Change the body, date, place, president or secretary; the body and the date are fixed
    once attendance is recorded (the mandates, hence the voices, depend on them)."""
    sitting = Sitting.objects.select_for_update().select_related("body").get(pk=sitting.pk)
    changed = [k for k in SITTING_FIELDS if k in fields and getattr(sitting, k) != fields[k]]
    if not changed:
        return sitting
    if {"body", "date"} & set(changed) and sitting.attendances.exists():
        raise ValidationError(
            {
                "date" if "date" in changed else "body": "Les présences de cette séance sont "
                "enregistrées : l'instance et la date ne changent plus."
            }
        )
    for key in changed:
        setattr(sitting, key, fields[key])
    _check_officers(sitting.body, sitting.date, sitting.president, sitting.secretary)
    return history.save(sitting, actor, update_fields=changed)


def _mandate_on(body, date, member):
    return (
        Mandate.objects.filter(member=member, body=body, starts_on__lte=date)
        .exclude(ends_on__lt=date)
        .first()
    )


def _mandate(sitting, member):
    return _mandate_on(sitting.body, sitting.date, member)


def _refuse_if_voted(sitting):
    if AgendaItem.objects.filter(sitting=sitting).exclude(result="").exists():
        raise ValidationError(
            "Un point de cette séance est déjà voté : les présences et les pouvoirs ne changent "
            "plus (ils fondent le vote et l'acte)."
        )


def _attendance_problem(sitting, member, status, mandate, proxies):
    """The rule a new status breaks, or None. `proxies`: the sitting's proxies."""
    if status not in Presence.values:
        return f"Présence « {status} » inconnue."
    if mandate is None:
        return f"{member} n'a pas de mandat dans {sitting.body} au {format_date(sitting.date)}."
    if status == Presence.PRESENT and any(p.giver_id == member.pk for p in proxies):
        return f"{member} a donné pouvoir pour cette séance : le mandant d'un pouvoir n'est pas présent."
    if status != Presence.PRESENT:
        held = next((p for p in proxies if p.holder_id == member.pk), None)
        if held is not None:
            return (
                f"{member} détient le pouvoir de {held.giver} : un mandataire est présent. "
                "Retirez d'abord ce pouvoir."
            )
    return None


def _write_attendance(sitting, member, status, mandate, current, actor):
    deliberative = bool(mandate and mandate.deliberative)
    if current is None:
        row = Attendance(sitting=sitting, member=member, status=status, deliberative=deliberative)
        return history.save(row, actor)
    changed = [
        k
        for k, v in (("status", status), ("deliberative", deliberative))
        if getattr(current, k) != v
    ]
    for key in changed:
        setattr(current, key, {"status": status, "deliberative": deliberative}[key])
    if changed:
        history.save(current, actor, update_fields=changed)
    return current


@transaction.atomic
def record_attendance(sitting, member, status, *, actor):
    """Present / excused / absent; the voice (deliberative or not) comes from the mandate."""
    return record_attendances(sitting, {member: status}, actor=actor)[0]


@transaction.atomic
def record_attendances(sitting, statuses, *, actor):
    """{member: status} for a sitting, all or nothing. Refused, naming the rule, per member
    (the error's keys are the members' pks as text): no mandate in the body on that date, a
    proxy's giver marked present, a proxy's holder marked not present; and for all once an
    item of the sitting is voted. Only the rows that change are written."""
    sitting = Sitting.objects.select_for_update().select_related("body").get(pk=sitting.pk)
    current = {
        a.member_id: a for a in Attendance.objects.select_for_update().filter(sitting=sitting)
    }
    if any(
        current.get(m.pk) is None or current[m.pk].status != status
        for m, status in statuses.items()
    ):
        _refuse_if_voted(sitting)
    proxies = list(Proxy.objects.filter(sitting=sitting).select_related("giver", "holder"))
    mandates = {}
    errors = {}
    for member, status in statuses.items():
        mandates[member.pk] = _mandate(sitting, member)
        problem = _attendance_problem(sitting, member, status, mandates[member.pk], proxies)
        if problem:
            errors[str(member.pk)] = problem
    if errors:
        raise ValidationError(errors)
    return [
        _write_attendance(sitting, m, status, mandates[m.pk], current.get(m.pk), actor)
        for m, status in statuses.items()
    ]


@transaction.atomic
def give_proxy(sitting, giver, holder, *, actor, note=""):
    """CGCT L.3121-14: a member may hold one proxy only (the body's setting); the giver is
    not present; the holder is present with a deliberative voice. Errors name the field
    (`giver` or `holder`) they are about."""
    sitting = Sitting.objects.select_for_update().select_related("body").get(pk=sitting.pk)
    _refuse_if_voted(sitting)
    giver_row = Attendance.objects.filter(sitting=sitting, member=giver).first()
    holder_row = Attendance.objects.filter(sitting=sitting, member=holder).first()
    if giver == holder:
        raise ValidationError({"holder": "Un élu ne se donne pas pouvoir à lui-même."})
    giver_mandate = _mandate(sitting, giver)
    if giver_mandate is None or not giver_mandate.deliberative:
        raise ValidationError(
            {
                "giver": f"{giver} n'a pas de voix délibérative dans {sitting.body} : il ne donne pas de pouvoir."
            }
        )
    if giver_row and giver_row.status == Presence.PRESENT:
        raise ValidationError(
            {"giver": f"{giver} est marqué présent : le mandant d'un pouvoir n'est pas présent."}
        )
    if holder_row is None or holder_row.status != Presence.PRESENT or not holder_row.deliberative:
        raise ValidationError(
            {
                "holder": f"{holder} n'est pas présent avec voix délibérative : il ne peut pas "
                "recevoir de pouvoir."
            }
        )
    if Proxy.objects.filter(sitting=sitting, giver=giver).exists():
        raise ValidationError({"giver": f"{giver} a déjà donné pouvoir pour cette séance."})
    held = Proxy.objects.filter(sitting=sitting, holder=holder).count()
    if held >= sitting.body.proxies_per_holder:
        raise ValidationError(
            {
                "holder": f"{holder} détient déjà {held} pouvoir : un élu ne peut détenir que "
                f"{sitting.body.proxies_per_holder} pouvoir (CGCT)."
            }
        )
    if giver_row is None or giver_row.status != Presence.EXCUSED:
        record_attendance(sitting, giver, Presence.EXCUSED, actor=actor)
    return history.save(Proxy(sitting=sitting, giver=giver, holder=holder, note=note), actor)


@transaction.atomic
def withdraw_proxy(proxy, *, actor):
    """Withdraw a proxy (the giver stays excused); refused once an item is voted."""
    sitting = Sitting.objects.select_for_update().get(pk=proxy.sitting_id)
    _refuse_if_voted(sitting)
    history.delete(proxy, actor, reason="Pouvoir retiré")


ITEM_FIELDS = (
    "position", "report_number", "title", "service", "territory", "context", "beneficiary",
    "credit_line",
)  # fmt: skip


@transaction.atomic
def add_item(sitting, *, actor, title, **fields):
    applications = fields.pop("applications", ())
    if "position" not in fields:
        fields["position"] = AgendaItem.objects.filter(sitting=sitting).count() + 1
    item = AgendaItem(sitting=sitting, title=title, **fields)
    history.save(item, actor)
    item.applications.set(applications)
    return item


@transaction.atomic
def update_item(item, *, actor, applications=None, **fields):
    """Change an item's report, title, context, beneficiary or credit line; only the fields
    that change are saved."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    changed = [k for k in ITEM_FIELDS if k in fields and getattr(item, k) != fields[k]]
    for key in changed:
        setattr(item, key, fields[key])
    if changed:
        history.save(item, actor, update_fields=changed)
    if applications is not None:
        item.applications.set(applications)
    return item


@transaction.atomic
def set_item_attendance(item, statuses, *, actor):
    """{member: ItemPresence or ""} for one item: a member present at the sitting who left
    before it, or who does not take part in its vote; "" goes back to the sitting's presence.
    Refused, per member (keys: the members' pks as text), for a member not present at the
    sitting; refused for all once the item is voted."""
    item = AgendaItem.objects.select_for_update().select_related("sitting").get(pk=item.pk)
    rows = {r.member_id: r for r in ItemAttendance.objects.filter(item=item)}
    wanted = {m: s for m, s in statuses.items() if (rows[m.pk].status if m.pk in rows else "") != s}
    if not wanted:
        return
    if item.result:
        raise ValidationError(
            "Ce point est déjà voté : les présences sur ce point ne changent plus."
        )
    present = set(
        Attendance.objects.filter(sitting=item.sitting, status=Presence.PRESENT).values_list(
            "member_id", flat=True
        )
    )
    errors = {}
    for member, status in wanted.items():
        if status and status not in ItemPresence.values:
            errors[str(member.pk)] = f"Présence « {status} » inconnue."
        elif status and member.pk not in present:
            errors[str(member.pk)] = (
                f"{member} n'est pas présent à la séance : seul un élu présent sort avant un "
                "point ou ne prend pas part au vote."
            )
    if errors:
        raise ValidationError(errors)
    for member, status in wanted.items():
        row = rows.get(member.pk)
        if not status:
            history.delete(row, actor, reason="Présent sur ce point")
        elif row is None:
            history.save(ItemAttendance(item=item, member=member, status=status), actor)
        else:
            row.status = status
            history.save(row, actor, update_fields=["status"])


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
    {member: Choice}); compute the result. The presence is the item's (`votes.presences`
    with its ItemAttendance rows). Refused, naming the rule, without quorum, when a group's
    voices exceed its members present and represented (key `group-<pk>`) or the totals differ
    from them, when a member with an interest or marked as not taking part takes part, or on
    a tie without the president's vote. Nothing is written then.
    """
    item = AgendaItem.objects.select_for_update().select_related("sitting__body").get(pk=item.pk)
    sitting = item.sitting
    members = members or {}
    people = votes.presences(sitting, item)
    quorum = votes.quorum(sitting, people)
    if not quorum.reached:
        raise ValidationError(
            f"Quorum non atteint ({quorum.counted} sur {quorum.needed} requis) : {quorum.rule}."
        )
    available = votes.voters_by_group(sitting, people)
    rows = []
    for group, counts in groups.items():
        if group.funder_id != sitting.body.funder_id:
            raise ValidationError(f"{group} n'est pas un groupe de {sitting.body.funder}.")
        values = _check_counts(str(group), counts)
        voices = sum(values.values())
        if voices > available.get(group.pk, 0):
            raise ValidationError(
                {
                    f"group-{group.pk}": f"{group} : {voices} voix "
                    f"{'déclarées' if voices > 1 else 'déclarée'} pour "
                    f"{_present(available.get(group.pk, 0))}."
                }
            )
        rows.append((group, values))
    total = sum(sum(v.values()) for _, v in rows)
    expected = people.voices
    if total != expected:
        raise ValidationError(
            f"Le vote compte {total} voix pour {_present(expected)} : "
            "chaque voix doit être comptée une fois."
        )
    interested = set(Interest.objects.filter(item=item).values_list("member_id", flat=True))
    abstaining = interested | {m.pk for m in people.not_taking_part}
    for member, choice in members.items():
        if choice not in Choice.values:
            raise ValidationError(f"Vote « {choice} » inconnu.")
        if member.pk in interested and choice != Choice.NOT_TAKING_PART:
            raise ValidationError(
                f"{member} a un intérêt à l'affaire : il ne prend pas part au vote (CGCT L.3211-4-1)."
            )
        if member.pk in abstaining and choice != Choice.NOT_TAKING_PART:
            raise ValidationError(f"{member} ne prend pas part au vote de ce point.")
    voters = [*people.present, *people.represented]
    needed = {}
    for member in voters:
        if member.pk in abstaining:
            needed[member.group_id] = needed.get(member.group_id, 0) + 1
    for group_id, count in needed.items():
        counted = sum(v["not_taking_part"] for g, v in rows if g.pk == group_id)
        if counted < count:
            names = ", ".join(
                str(m) for m in voters if m.pk in abstaining and m.group_id == group_id
            )
            raise ValidationError(
                f"{names} ne prend pas part au vote (intérêt à l'affaire ou déclaration en "
                f"séance) : son groupe doit compter au moins {count} voix « ne prend pas part »."
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


def _present(count):
    """'1 membre présent ou représenté', '9 membres présents ou représentés'."""
    if count > 1:
        return f"{count} membres présents ou représentés"
    return f"{count} membre présent ou représenté"

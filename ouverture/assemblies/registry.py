"""Writes on the reference records of assemblies: bodies (with the CGCT rules as settings),
political groups, members and their mandates in each body, with dates. Each write is one
transaction; a refusal is a French ValidationError keyed by the field it concerns."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ouverture.assemblies.models import Body, Mandate, Member, PoliticalGroup
from ouverture.core import history
from ouverture.core.formats import format_date

BODY_FIELDS = (
    "funder", "name", "kind", "quorum_counts_represented", "proxies_per_holder",
    "president_casting_vote",
)  # fmt: skip
MEMBER_FIELDS = ("civility", "first_name", "last_name", "group")


def _write(obj, fields, values, actor):
    if obj.pk is None:
        for key in fields:
            if key in values:
                setattr(obj, key, values[key])
        return history.save(obj, actor)
    changed = [k for k in fields if k in values and getattr(obj, k) != values[k]]
    for key in changed:
        setattr(obj, key, values[key])
    if changed:
        history.save(obj, actor, update_fields=changed)
    return obj


@transaction.atomic
def save_body(body=None, *, actor, **values):
    if values.get("proxies_per_holder") == 0:
        raise ValidationError(
            {"proxies_per_holder": "Un mandataire peut détenir au moins un pouvoir."}
        )
    name, funder = values.get("name"), values.get("funder")
    if name and funder:
        same = Body.objects.filter(funder=funder, name__iexact=name.strip())
        if body is not None:
            same = same.exclude(pk=body.pk)
        if same.exists():
            raise ValidationError({"name": f"L'instance « {name} » existe déjà pour {funder}."})
    body = body or Body()
    return _write(body, BODY_FIELDS, values, actor)


@transaction.atomic
def save_group(*, actor, funder, name, position=0):
    if PoliticalGroup.objects.filter(funder=funder, name__iexact=name.strip()).exists():
        raise ValidationError({"name": f"Le groupe « {name} » existe déjà pour {funder}."})
    return history.save(PoliticalGroup(funder=funder, name=name.strip(), position=position), actor)


@transaction.atomic
def save_member(member=None, *, actor, **values):
    member = member or Member()
    return _write(member, MEMBER_FIELDS, values, actor)


def _overlapping(member, body, starts_on, ends_on, exclude=None):
    rows = Mandate.objects.filter(member=member, body=body).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        rows = rows.filter(starts_on__lte=ends_on)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.first()


@transaction.atomic
def add_mandate(member, *, actor, body, starts_on, ends_on=None, deliberative=True):
    """A member holds one mandate at a time in a body: periods may not overlap."""
    Member.objects.select_for_update().get(pk=member.pk)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "La fin du mandat précède son début."})
    other = _overlapping(member, body, starts_on, ends_on)
    if other is not None:
        until = f" au {format_date(other.ends_on)}" if other.ends_on else ", sans fin"
        raise ValidationError(
            {
                "starts_on": f"{member} a déjà un mandat dans {body} du "
                f"{format_date(other.starts_on)}{until} : les périodes ne se chevauchent pas."
            }
        )
    return history.save(
        Mandate(
            member=member,
            body=body,
            starts_on=starts_on,
            ends_on=ends_on,
            deliberative=deliberative,
        ),
        actor,
    )

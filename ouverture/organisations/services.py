"""Write operations on organisations: one transaction, history with the acting user."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ouverture.accounts.permissions import is_record_keeper
from ouverture.core import history
from ouverture.core.wording import plural
from ouverture.geo.text import normalize_name
from ouverture.organisations.models import Contact, Membership, Organisation, ProjectType


def _project_types(codes):
    codes = list(codes or [])
    found = list(ProjectType.objects.filter(code__in=codes))
    unknown = set(codes) - {t.code for t in found}
    if unknown:
        raise ValidationError(
            {
                "project_types": f"{plural('Type', len(unknown))} de projet {plural('inconnu', len(unknown))} : {', '.join(sorted(unknown))}."
            }
        )
    return found


@transaction.atomic
def create_organisation(*, actor, project_types=(), **fields):
    types = _project_types(project_types)
    organisation = history.save(Organisation(**fields), actor)
    if types:
        organisation.project_types.set(types)
    return organisation


def refresh_name_keys() -> int:
    """Recompute every organisation's stored name keys (search_name, sort_name) from its
    names; returns how many were out of step. Not a change people make: keys are kept out of
    the history. The repair the data check organisations.E001 points to."""
    with transaction.atomic():
        stale = [
            organisation
            for organisation in Organisation.objects.select_for_update()
            .only("pk", "name", "usual_name", "search_name", "sort_name")
            .iterator(chunk_size=2000)
            if not organisation.name_keys_in_sync
        ]
        for organisation in stale:
            organisation.fill_name_keys()
        Organisation.objects.bulk_update(stale, ["search_name", "sort_name"], batch_size=1000)
    return len(stale)


# What decides a holder account's scope (a town hall reads its commune's twinnings) and the
# network's own notes: only record keepers change them. The SIRET joins them once recorded.
STAFF_ONLY_FIELDS = ("legal_kind", "commune", "notes")
STAFF_ONLY_MESSAGES = {
    "legal_kind": "Seule l'équipe du réseau peut changer la forme juridique d'une structure.",
    "commune": "Seule l'équipe du réseau peut changer la commune d'une structure.",
    "siret": "Le SIRET est enregistré : seule l'équipe du réseau peut le corriger.",
    "notes": "Les notes sont celles de l'équipe du réseau : elles ne se modifient pas ici.",
}


def staff_only_fields(organisation):
    """The fields a holder may neither see in its form nor change."""
    fields = list(STAFF_ONLY_FIELDS)
    if organisation.pk and organisation.siret:
        fields.append("siret")
    return fields


def _comparable(value):
    return value.pk if hasattr(value, "pk") else (value if value is not None else "")


def _refuse_staff_only_changes(organisation, actor, changes):
    if actor is None or is_record_keeper(actor):
        return
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    refused = {
        name: STAFF_ONLY_MESSAGES[name]
        for name in staff_only_fields(current)
        if name in changes
        and _comparable(changes[name]) != _comparable(getattr(current, name))
        and not (name == "siret" and "".join(str(changes[name]).split()) == current.siret)
    }
    if refused:
        raise ValidationError(refused)


@transaction.atomic
def update_organisation(organisation, *, actor, project_types=None, **changes):
    """Refuses, writing nothing, a holder's change to a staff-only field (STAFF_ONLY_FIELDS)."""
    _refuse_staff_only_changes(organisation, actor, changes)
    for name, value in changes.items():
        setattr(organisation, name, value)
    history.save(organisation, actor)
    if project_types is not None:
        organisation.project_types.set(_project_types(project_types))
    return organisation


@transaction.atomic
def add_contact(organisation, *, actor, **fields):
    return history.save(Contact(organisation=organisation, **fields), actor)


@transaction.atomic
def update_contact(contact, *, actor, **changes):
    for name, value in changes.items():
        setattr(contact, name, value)
    return history.save(contact, actor)


@transaction.atomic
def remove_contact(contact, *, actor):
    history.delete(contact, actor)


@transaction.atomic
def add_member(organisation, user, *, actor):
    if Membership.objects.filter(user=user).exclude(organisation=organisation).exists():
        raise ValidationError(f"{user} appartient déjà à une autre structure.")
    existing = Membership.objects.filter(user=user, organisation=organisation).first()
    return existing or history.save(Membership(user=user, organisation=organisation), actor)


def namesakes(organisation):
    """Other organisations an import would confuse with this one (same name or usual name
    once accents, case and punctuation are set aside)."""
    keys = {normalize_name(n) for n in (organisation.name, organisation.usual_name) if n}
    first_words = {k.split(" ")[0] for k in keys if k}
    candidates = Organisation.objects.exclude(pk=organisation.pk)
    query = Q()
    for word in first_words:
        query |= Q(search_name__contains=word)
    if not query:
        return []
    return [
        other
        for other in candidates.filter(query).only("pk", "name", "usual_name")
        if keys & {normalize_name(n) for n in (other.name, other.usual_name) if n}
    ]

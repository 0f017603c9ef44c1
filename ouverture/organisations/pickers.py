"""The organisation picker (funders, beneficiaries, committees…): the organisations the user may
see, searched by name, usual name, commune or SIRET; those the user changed last first."""

from ouverture.core.pickers import Picker, register
from ouverture.organisations.models import Organisation

KIND = "organisation"


def organisations(user):
    return (
        Organisation.objects.visible_to(user)
        .select_related("commune")
        .order_by("search_name", "pk")
    )


def search(queryset, text):
    return queryset.search(text) if text.strip() else queryset.none()


def label(organisation):
    text = organisation.name
    if organisation.usual_name:
        text += f" ({organisation.usual_name})"
    if organisation.commune_id:
        text += f" — {organisation.commune.name}"
    return text


def recent(user, queryset, limit):
    """The organisations the user changed last (their history), then the first by name."""
    ids = []
    latest = (
        Organisation.history.filter(history_user=user)
        .order_by("-history_date")
        .values_list("id", flat=True)[: limit * 5]
    )
    for pk in latest:
        if pk not in ids:
            ids.append(pk)
    found = {o.pk: o for o in queryset.filter(pk__in=ids[:limit])}
    chosen = [found[i] for i in ids if i in found][:limit]
    if len(chosen) < limit:
        chosen += list(queryset.exclude(pk__in=[o.pk for o in chosen])[: limit - len(chosen)])
    return chosen


register(
    Picker(
        kind=KIND,
        model=Organisation,
        permission="organisations.list_organisations",
        queryset=organisations,
        search=search,
        label=label,
        recent=recent,
    )
)

"""The follow-up picker (quick contact form): open follow-ups the user may see, searched by
organisation; the follow-ups of the user's latest contacts first, then those in their charge."""

from ouverture.coaching.enums import FollowUpStatus
from ouverture.coaching.models import FollowUp, Interaction
from ouverture.core.formats import format_date
from ouverture.core.pickers import Picker, register
from ouverture.geo.text import normalize_name

KIND = "follow-up"


def open_follow_ups(user):
    return (
        FollowUp.objects.visible_to(user)
        .filter(status=FollowUpStatus.OPEN)
        .select_related("organisation")
        .order_by("organisation__search_name", "-opened_on", "pk")
    )


def search(queryset, text):
    key = normalize_name(text)
    return queryset.filter(organisation__search_name__contains=key) if key else queryset.none()


def label(follow_up):
    return (
        f"{follow_up.organisation.display_name} — {follow_up.get_kind_display()} "
        f"(depuis le {format_date(follow_up.opened_on)})"
    )


def recent(user, queryset, limit):
    """The follow-ups of the user's latest contacts, then those in their charge, then the
    newest (by id: the primary key's index, no sort of every follow-up by name)."""
    ids = []
    latest = (
        Interaction.objects.filter(staff=user)
        .order_by("-date", "-pk")
        .values_list("follow_up_id", flat=True)[: limit * 5]
    )
    for follow_up_id in latest:
        if follow_up_id not in ids:
            ids.append(follow_up_id)
    found = {f.pk: f for f in queryset.filter(pk__in=ids[:limit])}
    chosen = [found[i] for i in ids if i in found][:limit]
    for more in (queryset.filter(staff=user), queryset.order_by("-pk")):
        if len(chosen) >= limit:
            break
        chosen += list(more.exclude(pk__in=[f.pk for f in chosen])[: limit - len(chosen)])
    return chosen


register(
    Picker(
        kind=KIND,
        model=FollowUp,
        permission="coaching.log_interaction",
        queryset=open_follow_ups,
        search=search,
        label=label,
        recent=recent,
    )
)

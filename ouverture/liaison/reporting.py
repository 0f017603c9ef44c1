"""Plain reads for the activity report: one dict per chapter, built from the records.

Values are strings, ints, dates and lists of rows, each row with the `url` of the page that
shows it; the counts are the registered indicators' (`liaison.funder_meetings`,
`liaison.promotion_events`, `liaison.organisations_met`), so the report's figure and the
commitment's are the same query.
"""

from django.urls import reverse

from ouverture.core.formats import format_date
from ouverture.core.indicators import get
from ouverture.liaison.models import FunderMeeting, OrganisationMet, PromotionEvent


def _join_fr(items):
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def meetings_chapter(start, end) -> dict:
    """Meetings with the funder in [start, end]:
    {"indicator": code, "count": int, "dates_text": "27 juin 2023, …", "rows": [{"date", "subject",
    "parties" (str), "participants", "note", "url"}]}."""
    measure = get("liaison.funder_meetings").measure(start, end)
    meetings = FunderMeeting.objects.between(start, end).prefetch_related("parties")
    rows = [
        {
            "date": m.date,
            "subject": m.subject,
            "parties": ", ".join(str(p) for p in m.parties.all()),
            "participants": m.participants,
            "note": m.note,
            "url": reverse("liaison:meeting", args=[m.pk]),
        }
        for m in meetings
    ]
    return {
        "indicator": "liaison.funder_meetings",
        "count": int(measure.value),
        "dates_text": _join_fr(format_date(r["date"]) for r in rows),
        "rows": rows,
    }


def _met_row(met):
    return {
        "label": met.label,
        "organisation_url": reverse("organisations:detail", args=[met.organisation_id])
        if met.organisation_id
        else "",
        "schemes": met.scheme_labels,
        "note": met.note,
    }


def promotion_chapter(start, end) -> dict:
    """Promotion of the schemes in [start, end]:
    {"indicator", "count": int (events), "events": [{"date", "name", "kind", "place", "organiser",
    "schemes" [labels], "organisations_met" [rows], "note", "url"}],
    "organisations_met_count": int, "organisations_met": [{"label", "organisation_url",
    "schemes", "note"}] (met outside an event, years of the period)}."""
    measure = get("liaison.promotion_events").measure(start, end)
    met_measure = get("liaison.organisations_met").measure(start, end)
    events = (
        PromotionEvent.objects.between(start, end)
        .select_related("organiser")
        .prefetch_related("organisations_met__organisation")
    )
    rows = [
        {
            "date": e.date,
            "name": e.name,
            "kind": e.get_kind_display(),
            "place": e.place,
            "organiser": e.organiser_label,
            "schemes": e.scheme_labels,
            "organisations_met": [_met_row(m) for m in e.organisations_met.all()],
            "note": e.note,
            "url": reverse("liaison:event", args=[e.pk]),
        }
        for e in events
    ]
    outside = OrganisationMet.objects.filter(
        event__isnull=True, year__in=range(start.year, end.year + 1)
    ).select_related("organisation")
    return {
        "indicator": "liaison.promotion_events",
        "count": int(measure.value),
        "events": rows,
        "organisations_met_count": int(met_measure.value),
        "organisations_met": [_met_row(m) for m in outside],
        "url": reverse("liaison:events") + f"?year={start.year}",
    }

"""Calendar files (iCalendar, RFC 5545): the one sent with a registration's confirmation,
and the public agenda feeds people subscribe to (`agenda_calendar`).

Both build each workshop's VEVENT with `_event`, so a workshop keeps one UID everywhere
(`workshop-<public key>@<public host>`): a calendar that imported the confirmation and
subscribes to the agenda sees the same event. Times are Europe/Paris with the VTIMEZONE
in the file (`add_missing_timezones`); a workshop without a start time is a whole-day event.
"""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event, vText

from ouverture.core.links import public_host

PRODID = "-//Ouverture//Temps collectifs//FR"


def workshop_uid(workshop, host=None):
    return f"workshop-{workshop.public_key}@{host or public_host()}"


def _event(
    workshop,
    *,
    host,
    stamp,
    cancel_url="",
    page_url="",
    cancelled=False,
    sequence=0,
    programme=(),
    facilitators=(),
    last_modified=None,
    public=False,
):
    event = Event()
    event.add("uid", workshop_uid(workshop, host))
    event.add("dtstamp", stamp)
    if last_modified:
        event.add("last-modified", last_modified)
    if sequence:
        event.add("sequence", sequence)
    if cancelled:
        event.add("status", "CANCELLED")
    event.add("summary", f"Annulé : {workshop.title}" if cancelled else workshop.title)
    if workshop.start_time:
        start = workshop.starts_at()
        end = workshop.ends_at() or start + dt.timedelta(hours=2)
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", workshop.date)
        event.add("dtend", workshop.date + dt.timedelta(days=1))
    # The video link goes to registered people only: a public file names the place alone.
    video_link = "" if public else workshop.video_link
    location = workshop.place or video_link
    if public and not workshop.place and workshop.video_link:
        location = "En visioconférence (lien envoyé à l'inscription)"
    if location:
        event["location"] = vText(location)
    lines = [workshop.get_kind_display()]
    if cancelled:
        lines.insert(0, "Ce temps collectif est annulé.")
    if facilitators:
        lines.append("Animé par " + ", ".join(facilitators))
    if video_link:
        lines.append(f"Visioconférence : {video_link}")
    if programme:
        lines.append("Programme :")
        lines.extend(programme)
    if page_url:
        lines.append(
            f"Programme et inscription : {page_url}" if programme else f"Programme : {page_url}"
        )
        event.add("url", page_url)
    if cancel_url:
        lines.append(f"Se désinscrire : {cancel_url}")
    event.add("description", "\n".join(lines))
    return event


def workshop_calendar(
    workshop, *, cancel_url="", page_url="", cancelled=False, sequence=0, public=False
) -> bytes:
    """The workshop's event. The same UID every time, so a calendar updates it: a moved
    workshop is sent again with a higher `sequence`; a cancelled one with METHOD:CANCEL and
    STATUS:CANCELLED. `public=True` (the file of the public page) leaves the video link out:
    it is sent to registered people only."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = _event(
        workshop,
        host=public_host(),
        stamp=timezone.now(),
        cancel_url=cancel_url,
        page_url=page_url,
        cancelled=cancelled,
        sequence=sequence,
        public=public,
    )
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _programme_line(item):
    start = f"{item.start_time:%H}h{item.start_time:%M} " if item.start_time else ""
    line = f"- {start}{item.activity}"
    if item.facilitation:
        line += f" ({item.facilitation})"
    return line


def agenda_calendar(workshops, *, name, description, page_url_of) -> bytes:
    """A subscription feed: one VEVENT per workshop given (the caller chooses which are
    public), the cancelled ones kept with STATUS:CANCELLED so a subscribed calendar
    updates them. Expects `facilitators` and `agenda_items` prefetched and `last_changed`
    annotated (`queries.public_agenda`): the feed costs the same queries for any number
    of workshops, and the same bytes until one changes. SEQUENCE is the time of the workshop's last change, as the change
    e-mails use the time they are sent."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    host, now = public_host(), timezone.now()
    for workshop in workshops:
        changed = getattr(workshop, "last_changed", None)
        calendar.add_component(
            _event(
                workshop,
                host=host,
                # Without iTIP, DTSTAMP is the last revision (RFC 5545 §3.8.7.2): the file
                # stays the same bytes until a workshop changes, so its ETag holds.
                stamp=changed or now,
                page_url=page_url_of(workshop),
                cancelled=workshop.cancelled,
                sequence=int(changed.timestamp()) if changed else 0,
                last_modified=changed,
                programme=[_programme_line(item) for item in workshop.agenda_items.all()],
                facilitators=[f.name for f in workshop.facilitators.all()],
                public=True,
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()

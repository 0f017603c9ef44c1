"""The calendar file (ICS) sent with a registration's confirmation."""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event, vText

from ouverture.core.links import public_host


def workshop_calendar(
    workshop, *, cancel_url="", page_url="", cancelled=False, sequence=0
) -> bytes:
    """The workshop's event. The same UID every time, so a calendar updates it: a moved
    workshop is sent again with a higher `sequence`; a cancelled one with METHOD:CANCEL and
    STATUS:CANCELLED."""
    calendar = Calendar()
    calendar.add("prodid", "-//Ouverture//Temps collectifs//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    host = public_host()
    event.add("uid", f"workshop-{workshop.public_key}@{host}")
    event.add("dtstamp", timezone.now())
    if sequence:
        event.add("sequence", sequence)
    if cancelled:
        event.add("status", "CANCELLED")
    event.add("summary", workshop.title)
    if workshop.start_time:
        start = workshop.starts_at()
        end = workshop.ends_at() or start + dt.timedelta(hours=2)
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", workshop.date)
        event.add("dtend", workshop.date + dt.timedelta(days=1))
    location = workshop.place or workshop.video_link
    if location:
        event["location"] = vText(location)
    lines = [workshop.get_kind_display()]
    if workshop.video_link:
        lines.append(f"Visioconférence : {workshop.video_link}")
    if page_url:
        lines.append(f"Programme : {page_url}")
        event.add("url", page_url)
    if cancel_url:
        lines.append(f"Se désinscrire : {cancel_url}")
    event.add("description", "\n".join(lines))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

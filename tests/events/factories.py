"""Workshops, registrations and trainings, built through the services."""

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from ouverture.accounts.services import system_user
from ouverture.events import services
from ouverture.events.enums import WorkshopKind
from ouverture.geo.models import Country

_emails = itertools.count(1)


def today():
    return timezone.localdate()


def make_workshop(*, days_ahead=14, agenda=True, ateliers=2, **fields):
    """A workshop `days_ahead` days from today (negative: in the past), open to all."""
    fields.setdefault("title", "Préparer son dépôt de projet")
    fields.setdefault("kind", WorkshopKind.CALL_PREPARATION)
    fields.setdefault("date", today() + dt.timedelta(days=days_ahead))
    fields.setdefault("start_time", dt.time(14, 0))
    fields.setdefault("end_time", dt.time(17, 0))
    fields.setdefault("place", "Hôtel du Département, Arras")
    fields.setdefault("ateliers_to_choose", 1)
    workshop = services.create_workshop(actor=system_user(), **fields)
    if agenda:
        item = services.add_agenda_item(
            workshop,
            actor=system_user(),
            start_time=dt.time(14, 0),
            duration_minutes=60,
            activity="Ateliers au choix",
            facilitation="Lianes",
        )
        for n in range(1, ateliers + 1):
            services.add_atelier(
                workshop,
                actor=system_user(),
                agenda_item=item,
                title=f"Atelier {n}",
                duration_minutes=30,
            )
    return workshop


def person(**fields):
    n = next(_emails)
    fields.setdefault("full_name", f"Camille Martin {n}")
    fields.setdefault("email", f"camille.{n}@example.org")
    fields.setdefault("project_type", "youth_mobility")
    fields.setdefault("consent", True)
    return fields


def register(workshop, **fields):
    return services.register(workshop, actor=None, **person(**fields))


def register_past(workshop, **fields):
    """A registration to a workshop already held (staff entry)."""
    data = person(**fields)
    data.pop("consent")
    return services.register(workshop, actor=system_user(), staff_entry=True, **data)


def make_training(holder, **fields):
    fields.setdefault("date", dt.date(2023, 4, 4))
    fields.setdefault("place", "CFA d'Hesdigneul")
    fields.setdefault("young_people", 6)
    fields.setdefault("destination_country", Country.objects.get(code="TG"))
    fields.setdefault("preparation_days", Decimal("2"))
    fields.setdefault("staff_count", 1)
    return services.create_training(actor=system_user(), holder=holder, **fields)

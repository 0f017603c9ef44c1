"""Collective workshops (temps collectifs), their agenda, registrations and attendance,
and the pre-departure trainings run for a holder's group of young people."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ouverture.core.formats import format_date
from ouverture.events.enums import (
    COLLECTIVE,
    SEAT_STATUSES,
    Audience,
    OrganisationReview,
    RegistrationStatus,
    WorkshopKind,
)
from ouverture.organisations.enums import ProjectTypeCode

S = RegistrationStatus


def _is_institutional(user):
    from ouverture.accounts.permissions import is_institutional

    return is_institutional(user)


class WorkshopQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Institutional users see every workshop and training; a holder sees the
        collective workshops (their public information), never the trainings."""
        if not user.is_authenticated:
            return self.none()
        if _is_institutional(user):
            return self
        return self.collective()

    def collective(self):
        """Workshops people register to (everything but pre-departure trainings)."""
        return self.exclude(kind=WorkshopKind.PRE_DEPARTURE_TRAINING)

    def trainings(self):
        return self.filter(kind=WorkshopKind.PRE_DEPARTURE_TRAINING)

    def of_kind(self, kind):
        """One kind; "collective": every kind but the pre-departure trainings; "": all."""
        if kind == COLLECTIVE:
            return self.collective()
        return self.filter(kind=kind) if kind else self

    def in_year(self, year):
        return self.filter(date__year=year)

    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)

    def held(self, today=None):
        """Not cancelled and on or before today."""
        return self.filter(cancelled=False, date__lte=today or timezone.localdate())

    def upcoming(self, today=None):
        return self.filter(cancelled=False, date__gte=today or timezone.localdate())

    def open_to_all(self):
        return self.filter(audience=Audience.OPEN)

    def with_counts(self):
        """Counts the list pages show, in the same query."""
        seat = Q(registrations__status__in=SEAT_STATUSES, registrations__walk_in=False)
        return self.annotate(
            registered_count=Count("registrations", filter=seat),
            present_count=Count("registrations", filter=Q(registrations__status=S.PRESENT)),
            excused_count=Count("registrations", filter=Q(registrations__status=S.EXCUSED)),
            walk_in_count=Count(
                "registrations",
                filter=Q(registrations__status=S.PRESENT, registrations__walk_in=True),
            ),
            waiting_count=Count("registrations", filter=Q(registrations__status=S.WAITING_LIST)),
        )


class Workshop(models.Model):
    """A temps collectif. A PAM module session is a workshop of kind `pam_module`
    (the pathways app links its sessions to workshops); a pre-departure training
    is a workshop of kind `pre_departure_training` with its `training` details."""

    # The public page's address: not guessable from the primary key.
    public_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("intitulé", max_length=200)
    kind = models.CharField("type", max_length=30, choices=WorkshopKind.choices)
    description = models.TextField("présentation", blank=True)
    date = models.DateField("date")
    start_time = models.TimeField("début", null=True, blank=True)
    end_time = models.TimeField("fin", null=True, blank=True)
    place = models.CharField("lieu", max_length=255, blank=True)
    video_link = models.URLField("lien de visioconférence", blank=True)
    capacity = models.PositiveIntegerField(
        "places", null=True, blank=True, help_text="Vide : sans limite."
    )
    registration_deadline = models.DateField(
        "inscriptions jusqu'au",
        null=True,
        blank=True,
        help_text="Inclus. Vide : jusqu'à la veille du temps collectif.",
    )
    audience = models.CharField(
        "public", max_length=20, choices=Audience.choices, default=Audience.OPEN
    )
    facilitators = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name="structures qui animent",
        blank=True,
        related_name="facilitated_workshops",
    )
    ateliers_to_choose = models.PositiveSmallIntegerField("ateliers à choisir (au plus)", default=1)
    cancelled = models.BooleanField("annulé", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[facilitators])
    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = "temps collectif"
        verbose_name_plural = "temps collectifs"
        ordering = ["-date", "-start_time", "-pk"]

    def __str__(self):
        return f"{self.title} ({format_date(self.date)})"

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "L'heure de fin doit suivre l'heure de début."
        if self.registration_deadline and self.date and self.registration_deadline > self.date:
            errors["registration_deadline"] = (
                "La date limite d'inscription ne peut pas suivre la date du temps collectif."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_training(self):
        return self.kind == WorkshopKind.PRE_DEPARTURE_TRAINING

    @property
    def last_registration_day(self) -> dt.date:
        return self.registration_deadline or (self.date - dt.timedelta(days=1))

    def starts_at(self):
        """Aware start (the day's start when no time is set), Europe/Paris."""
        tz = timezone.get_current_timezone()
        return dt.datetime.combine(self.date, self.start_time or dt.time(0, 0), tzinfo=tz)

    def ends_at(self):
        tz = timezone.get_current_timezone()
        if self.end_time:
            return dt.datetime.combine(self.date, self.end_time, tzinfo=tz)
        return None


class AgendaItem(models.Model):
    """A row of the programme: start time, duration, activity, facilitation."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField("ordre", default=0)
    start_time = models.TimeField("heure", null=True, blank=True)
    duration_minutes = models.PositiveIntegerField("durée (minutes)", null=True, blank=True)
    activity = models.TextField("activité")
    facilitation = models.TextField("animation", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne du programme"
        verbose_name_plural = "lignes du programme"
        ordering = ["workshop_id", "order", "start_time", "pk"]

    def __str__(self):
        start = f"{self.start_time:%Hh%M} " if self.start_time else ""
        return f"{start}{self.activity[:60]}"


class AtelierQuerySet(models.QuerySet):
    def with_choice_counts(self):
        """How many people (cancellations and waiting list aside) chose each atelier."""
        return self.annotate(
            chosen_count=Count(
                "registration",
                filter=Q(registration__status__in=SEAT_STATUSES),
            )
        )


class Atelier(models.Model):
    """One of the parallel ateliers of a programme slot; participants choose among them."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="ateliers")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name="créneau du programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ateliers",
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("atelier", max_length=300)
    description = models.TextField("contenu", blank=True)
    facilitation = models.CharField("animation", max_length=300, blank=True)
    duration_minutes = models.PositiveIntegerField("durée (minutes)")

    history = HistoricalRecords()
    objects = AtelierQuerySet.as_manager()

    class Meta:
        verbose_name = "atelier"
        ordering = ["workshop_id", "order", "pk"]

    def __str__(self):
        return self.title


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Institutional users see every registration; a holder only its organisation's."""
        if not user.is_authenticated:
            return self.none()
        if _is_institutional(user):
            return self
        membership = getattr(user, "membership", None)
        if membership is None:
            return self.none()
        return self.filter(organisation_id=membership.organisation_id)

    def active(self):
        return self.exclude(status=S.CANCELLED)

    def holding_seat(self):
        """Registered in advance and not cancelled nor waiting: what capacity counts."""
        return self.filter(status__in=SEAT_STATUSES, walk_in=False)

    def present(self):
        return self.filter(status=S.PRESENT)

    def excused(self):
        return self.filter(status=S.EXCUSED)

    def walk_ins(self):
        return self.filter(walk_in=True, status=S.PRESENT)

    def waiting_list(self):
        return self.filter(status=S.WAITING_LIST).order_by("registered_at", "pk")

    def with_email(self, email):
        return self.filter(email=(email or "").strip().lower())

    def pending_review(self):
        return self.filter(organisation_review=OrganisationReview.PENDING).active()

    def with_related(self):
        return self.select_related("organisation__commune", "workshop").prefetch_related("ateliers")

    def in_sheet_order(self):
        return self.order_by("full_name", "role", "pk")


class Registration(models.Model):
    """A person registered to a workshop, or added at the door (walk-in), and their
    attendance. The organisation is the registry's when the typed name matched it;
    otherwise the typed name waits for staff review (never created silently)."""

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name="temps collectif",
    )
    full_name = models.CharField("nom et prénom", max_length=150, blank=True)
    # Who a person is when the source names them by role only ("Présidente").
    role = models.CharField("fonction", max_length=150, blank=True)
    email = models.EmailField("e-mail", blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_registrations",
    )
    organisation_name = models.CharField("structure (saisie)", max_length=200, blank=True)
    organisation_city = models.CharField("commune (saisie)", max_length=100, blank=True)
    organisation_review = models.CharField(
        "rattachement de la structure",
        max_length=10,
        choices=OrganisationReview.choices,
        default=OrganisationReview.NONE,
    )
    # The structure's project type for this workshop (the summary counts structures by it).
    project_type = models.CharField(
        "type de projet", max_length=20, choices=ProjectTypeCode.choices, blank=True
    )
    ateliers = models.ManyToManyField(Atelier, verbose_name="ateliers choisis", blank=True)
    status = models.CharField(
        "statut", max_length=15, choices=RegistrationStatus.choices, default=S.REGISTERED
    )
    walk_in = models.BooleanField("venu·e sans inscription", default=False)
    consent_at = models.DateTimeField("consentement donné le", null=True, blank=True)
    registered_at = models.DateTimeField("inscrit·e le", default=timezone.now)
    checked_in_at = models.DateTimeField("arrivée", null=True, blank=True)
    cancelled_at = models.DateTimeField("désinscrit·e le", null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[ateliers])
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription"
        ordering = ["workshop_id", "full_name", "pk"]
        constraints = [
            # The same e-mail once per workshop (cancelled registrations aside).
            models.UniqueConstraint(
                fields=["workshop", "email"],
                condition=~Q(email="") & ~Q(status="cancelled"),
                name="events_registration_one_email_per_workshop",
            )
        ]
        indexes = [models.Index(fields=["workshop", "status"])]

    def __str__(self):
        return f"{self.display_name} — {self.workshop.title}"

    def clean(self):
        if not self.full_name.strip() and not self.role.strip():
            raise ValidationError({"full_name": "Indiquez le nom de la personne."})

    @property
    def display_name(self):
        return self.full_name or self.role or "(sans nom)"

    @property
    def organisation_display(self):
        if self.organisation_id:
            return self.organisation.name
        return self.organisation_name

    @property
    def city_display(self):
        if self.organisation_id and self.organisation.commune_id:
            return self.organisation.commune.name
        return self.organisation_city

    @property
    def is_present(self):
        return self.status == S.PRESENT

    @property
    def can_be_cancelled(self):
        """Still registered or waiting, and the workshop is today or later."""
        return (
            self.status in (S.REGISTERED, S.WAITING_LIST)
            and self.workshop.date >= timezone.localdate()
        )


class Training(models.Model):
    """The details of a pre-departure training day (its workshop holds date and place).
    Only counts about the young people: no personal data about minors."""

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, related_name="training")
    holder = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="porteur du projet",
        on_delete=models.PROTECT,
        related_name="pre_departure_trainings",
    )
    young_people = models.PositiveSmallIntegerField("nombre de jeunes")
    destination_country = models.ForeignKey(
        "geo.Country", verbose_name="pays de destination", on_delete=models.PROTECT
    )
    destination_place = models.CharField("lieu de destination", max_length=150, blank=True)
    preparation_days = models.DecimalField(
        "journées de préparation", max_digits=4, decimal_places=1
    )
    staff_count = models.PositiveSmallIntegerField("membres de l'équipe mobilisés")
    notes = models.TextField("notes", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "préparation au départ"
        verbose_name_plural = "préparations au départ"
        ordering = ["-workshop__date"]

    def __str__(self):
        return f"Préparation au départ — {self.holder} ({format_date(self.workshop.date)})"

    def clean(self):
        errors = {}
        if self.young_people is not None and self.young_people < 1:
            errors["young_people"] = "Indiquez au moins un jeune."
        if self.preparation_days is not None and self.preparation_days < 0:
            errors["preparation_days"] = "Le nombre de journées ne peut pas être négatif."
        if errors:
            raise ValidationError(errors)

    @property
    def destination(self):
        country = self.destination_country.name
        return f"{self.destination_place}, {country}" if self.destination_place else country


# The workshop's review lives in its own module; imported here so Django registers it.
from ouverture.events.review_models import WorkshopReview  # noqa: E402, F401

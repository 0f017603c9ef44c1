"""Records of the network's liaison work that an activity report tells:

- `FunderMeeting`: a meeting with the funder's team (the source document's Activity 5,
  "participation aux réflexions du département": 27 June, 23 August, 13 and 25 October 2023).
- `PromotionEvent`: an event where the network promoted the funder's schemes (Activity 6:
  festivals, markets, information meetings; Festisol, 2 December 2023, Arras).
- `OrganisationMet`: an organisation met to promote a scheme, at an event or outside one
  (the Fabus and Maroeuil twinning committees, Aidhum, Noyelles-Godault in 2023), linked to
  its organisation record when there is one, else by name.
"""

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from ouverture.core.formats import format_date
from ouverture.liaison.enums import SCHEMES, PromotionKind
from ouverture.organisations.models import Organisation


class FunderMeetingQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)


class FunderMeeting(models.Model):
    date = models.DateField("date")
    parties = models.ManyToManyField(
        Organisation, verbose_name="structures présentes", related_name="funder_meetings"
    )
    participants = models.CharField(
        "participant·es", max_length=255, blank=True, help_text="Services, personnes présentes."
    )
    subject = models.CharField("objet", max_length=255)
    note = models.TextField("compte rendu", blank=True)

    objects = FunderMeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        verbose_name = "rendez-vous avec le financeur"
        verbose_name_plural = "rendez-vous avec le financeur"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.subject} ({format_date(self.date)})"

    def get_absolute_url(self):
        return reverse("liaison:meeting", args=[self.pk])


class PromotionEventQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)


class PromotionEvent(models.Model):
    date = models.DateField("date")
    name = models.CharField("événement", max_length=200)
    kind = models.CharField("nature", max_length=30, choices=PromotionKind.choices)
    place = models.CharField("lieu", max_length=200)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name="organisateur (structure)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promotion_events_organised",
    )
    organiser_name = models.CharField(
        "organisateur (nom)",
        max_length=200,
        blank=True,
        help_text="Quand l'organisateur n'a pas de fiche structure.",
    )
    schemes = models.JSONField("dispositifs valorisés", default=list, blank=True)
    note = models.TextField("compte rendu", blank=True)

    objects = PromotionEventQuerySet.as_manager()
    history = HistoricalRecords()
    history_labels = {"schemes": SCHEMES}

    class Meta:
        verbose_name = "événement de valorisation"
        verbose_name_plural = "événements de valorisation"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.name} ({format_date(self.date)})"

    def get_absolute_url(self):
        return reverse("liaison:event", args=[self.pk])

    @property
    def organiser_label(self):
        return str(self.organiser) if self.organiser_id else self.organiser_name

    @cached_property
    def scheme_labels(self):
        return scheme_labels(self.schemes)


def scheme_labels(codes, labels=None):
    labels = dict(SCHEMES) if labels is None else labels
    return [str(labels.get(code, code)) for code in codes]


def with_scheme_labels(objects):
    """Reads the scheme records once for a list of events or organisations met."""
    objects = list(objects)
    labels = dict(SCHEMES)
    for obj in objects:
        obj.__dict__["scheme_labels"] = scheme_labels(obj.schemes, labels)
    return objects


class OrganisationMetQuerySet(models.QuerySet):
    def in_year(self, year):
        return self.filter(year=year)


class OrganisationMet(models.Model):
    year = models.PositiveSmallIntegerField("année")
    event = models.ForeignKey(
        PromotionEvent,
        verbose_name="rencontrée lors de",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="organisations_met",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="structure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promotion_contacts",
    )
    name = models.CharField(
        "nom", max_length=200, blank=True, help_text="Quand la structure n'a pas de fiche."
    )
    schemes = models.JSONField("dispositifs présentés", default=list, blank=True)
    note = models.TextField("suite envisagée", blank=True)

    objects = OrganisationMetQuerySet.as_manager()
    history = HistoricalRecords()
    history_labels = {"schemes": SCHEMES}

    class Meta:
        verbose_name = "structure rencontrée"
        verbose_name_plural = "structures rencontrées"
        ordering = ["year", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return str(self.organisation) if self.organisation_id else self.name

    @cached_property
    def scheme_labels(self):
        return scheme_labels(self.schemes)
